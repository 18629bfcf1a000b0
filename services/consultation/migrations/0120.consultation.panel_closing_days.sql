-- depends: 0110.consultation.panel
-- A meeting's closing day follows the office's calendar until it passes: the meetings still taking
-- questions are found by it, for the public list and when a closure is added or removed.
CREATE INDEX panel_meetings_taking_questions ON panel_meetings (tenant, submissions_close_on);
