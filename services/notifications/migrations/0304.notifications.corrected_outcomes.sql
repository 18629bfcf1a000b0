-- depends: 0303.notifications.bulletin_outcomes
-- A waiting outcome item takes a correction of the outcome's words (ConsultationCorrected, place `outcome`):
-- the version of the consultation after the correction it last took, so that an older correction arriving
-- later changes nothing; a later publication of the outcome clears it.
ALTER TABLE bulletin_items ADD COLUMN outcome_version integer;
