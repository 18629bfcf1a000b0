-- depends: 0411.reporting.response_channels
-- Each consultation's change stamp: every write the projection makes to a consultation's results sets it to a number
-- never given before, in the same transaction, so that results computed once are kept until it changes. The numbers
-- come from one sequence outside the read models' schema, so that a rebuild's tables never reuse one.
CREATE SEQUENCE IF NOT EXISTS public.read_model_changes;
ALTER TABLE read_models.consultations ADD COLUMN changes bigint NOT NULL DEFAULT 0;
