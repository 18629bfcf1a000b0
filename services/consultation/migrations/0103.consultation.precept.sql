-- depends: 0102.consultation.lifecycle_and_responses
-- A precept consultation's proposal: current Band D, the options, band ratios and referendum limit.
ALTER TABLE consultations ADD COLUMN precept jsonb;
