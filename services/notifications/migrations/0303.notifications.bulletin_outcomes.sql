-- depends: 0302.notifications.messages
-- "We asked, you said, we did": a consultation's published outcome, in English and Welsh, also waits for the
-- next e-bulletin (kind consultation_outcome); other items have none.
ALTER TABLE bulletin_items ADD COLUMN outcome jsonb;
