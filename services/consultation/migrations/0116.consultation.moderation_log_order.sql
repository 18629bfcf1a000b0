-- depends: 0102.consultation.lifecycle_and_responses
-- Staff read a consultation's moderation log in the order decisions were taken, a page at a time.
CREATE INDEX moderation_log_consultation ON moderation_log (consultation_id, moderated_at, response_id, question_key);
