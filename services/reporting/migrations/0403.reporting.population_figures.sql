-- depends: 0402.reporting.read_models
-- Population figures each PCC office uploads, for weighting results. Uploaded, not derived from
-- events, so they live outside the read_models schema and a rebuild leaves them as they are.
CREATE TABLE population_figures (
    tenant     text    NOT NULL,
    area       text    NOT NULL,
    dimension  text    NOT NULL CHECK (dimension IN ('age_band', 'sex', 'ethnicity', 'disability')),
    category   text    NOT NULL,
    people     bigint  NOT NULL CHECK (people >= 0),
    PRIMARY KEY (tenant, area, dimension, category)
);
