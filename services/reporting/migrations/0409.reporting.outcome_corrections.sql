-- depends: 0408.reporting.corrections_and_extensions
-- A correction of the outcome's words counts only against the publication it corrects: when it was decided
-- is kept with each correction, and a correction decided before the outcome was last published is not shown.
ALTER TABLE read_models.consultation_corrections ADD COLUMN corrected_at timestamptz;

-- The consumer is renamed (reporting.read-models.v8): it reads every topic from the beginning once, so that
-- corrections stored before this migration take their time (a row whose event is gone keeps none, and is shown); the
-- projections being idempotent, nothing else changes.
DELETE FROM consumer_positions WHERE consumer LIKE '%reporting.read-models.v7'
                                  OR consumer LIKE '%reporting.read-models.v7.rebuild';
DELETE FROM processed_events WHERE consumer LIKE '%reporting.read-models.v7'
                                OR consumer LIKE '%reporting.read-models.v7.rebuild';
