-- depends: 0113.consultation.summary_and_sections
-- When residents last saw a consultation change (published, opened, text corrected, closing extended,
-- closed, results or outcome published), for the updated time of an office's list and feed.
-- Consultations published before this column existed take their latest known time.
ALTER TABLE consultations ADD COLUMN updated_at timestamptz;
UPDATE consultations SET updated_at = COALESCE(closed_at, opens_at) WHERE status <> 'draft';
CREATE INDEX consultations_closed ON consultations (tenant, closed_at DESC)
    WHERE status IN ('closed', 'results_published');
