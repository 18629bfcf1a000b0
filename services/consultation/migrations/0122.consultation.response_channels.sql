-- depends: 0121.consultation.updated_at 0120.consultation.panel_closing_days
-- How each response reached the office: online from the resident (every response stored before this), or keyed
-- in by staff from a paper form, a telephone call or an event, with who keyed it in and the day it was received.
ALTER TABLE responses
    ADD COLUMN channel      text NOT NULL DEFAULT 'online'
        CHECK (channel IN ('online', 'paper', 'telephone', 'event')),
    ADD COLUMN keyed_by     text,
    ADD COLUMN received_on  date,
    ADD CONSTRAINT responses_keyed_in CHECK ((channel = 'online') = (keyed_by IS NULL));

-- The staff overview counts responses per consultation from the index alone, and the free-text answers awaiting
-- moderation among the responses that hold one meant for publishing (a few, next to all the responses).
CREATE INDEX responses_with_publishable_text ON responses (consultation_id)
    WHERE answers @> '[{"type": "free_text", "publishable": true}]';
CREATE INDEX panel_questions_open ON panel_questions (tenant, status, answer_due)
    WHERE status IN ('received', 'accepted');
