-- depends: 0403.reporting.population_figures
-- Public questions to the Police and Crime Panel, one row per question, each event of its
-- lifecycle filling its own columns (so the events may arrive in any order); and the precept
-- options a precept consultation was published with.

CREATE TABLE read_models.panel_questions (
    question_id       uuid        PRIMARY KEY,
    tenant            text        NOT NULL,
    meeting_id        uuid        NOT NULL,
    meeting_date      date,
    submitted_at      timestamptz,
    accepted_at       timestamptz,
    answer_due        date,
    rejected_at       timestamptz,
    rejection_reason  text,
    answered_at       timestamptz,
    answered_on       date,        -- the answer's date, which may be earlier than when it was recorded
    answered_late     boolean,
    published_at      timestamptz
);
CREATE INDEX ON read_models.panel_questions (tenant, meeting_id);

ALTER TABLE read_models.consultations ADD COLUMN precept jsonb;

-- The consumer is renamed (reporting.read-models.v3): it reads every topic from the beginning
-- once, so that the Panel questions asked before this migration reach the new table; the
-- other read models are left as they are, their projections being idempotent.
DELETE FROM consumer_positions WHERE consumer LIKE '%reporting.read-models.v2'
                                  OR consumer LIKE '%reporting.read-models.v2.rebuild';
DELETE FROM processed_events WHERE consumer LIKE '%reporting.read-models.v2'
                                OR consumer LIKE '%reporting.read-models.v2.rebuild';
