-- depends: 0407.reporting.meeting_plans_and_replies
-- A consultation's text corrected after publishing, and its closing date extended: the draft Plan's
-- sections as published; each place's latest corrected text (by the consultation's version), applied
-- over the published text when read, so corrections and publications may arrive in any order; and when
-- the closing date was last extended, so that the latest extension wins.
ALTER TABLE read_models.consultations
    ADD COLUMN sections             jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN closing_extended_at  timestamptz;

CREATE TABLE read_models.consultation_corrections (
    consultation_id  uuid        NOT NULL,
    tenant           text        NOT NULL,
    field            text        NOT NULL,  -- the place: title, questions.<key>.text, sections.<key>.title, ...
    version          integer     NOT NULL,  -- the consultation's version after the correction; the highest wins
    text             jsonb       NOT NULL,
    PRIMARY KEY (consultation_id, field)
);

-- The consumer is renamed (reporting.read-models.v7): it reads every topic from the beginning
-- once, so that corrections and extensions published before this migration (which v6 read past)
-- reach the new table and columns; the other read models are left as they are, their projections
-- being idempotent.
DELETE FROM consumer_positions WHERE consumer LIKE '%reporting.read-models.v6'
                                  OR consumer LIKE '%reporting.read-models.v6.rebuild';
DELETE FROM processed_events WHERE consumer LIKE '%reporting.read-models.v6'
                                OR consumer LIKE '%reporting.read-models.v6.rebuild';
