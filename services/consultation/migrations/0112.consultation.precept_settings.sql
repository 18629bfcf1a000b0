-- depends: 0110.consultation.panel
-- A tenant's precept settings: band ratios (band -> [numerator, denominator]), the referendum
-- limit ({"pounds": ..., "percent": ...}) and optionally the current Band D. A tenant without a
-- row gets the statutory ratios for England and no limit.
CREATE TABLE precept_settings (
    tenant            text          PRIMARY KEY,
    ratios            jsonb         NOT NULL,
    referendum_limit  jsonb,
    band_d_current    numeric(9, 2),
    updated_by        text          NOT NULL,
    updated_at        timestamptz   NOT NULL
);
