-- depends: 0306.notifications.message_kinds 0307.notifications.preferences
-- What waits for a contact's next daily or weekly digest: a bulletin it would have been sent, had it wanted
-- to hear immediately. A digest run takes each entry once (digest_id says which digest took it).
CREATE TABLE digest_entries (
    tenant       text        NOT NULL,
    contact_id   uuid        NOT NULL REFERENCES contacts (id),
    channel      text        NOT NULL CHECK (channel IN ('email', 'sms', 'letter')),
    sender       text        NOT NULL,
    topic        text        NOT NULL,
    frequency    text        NOT NULL CHECK (frequency IN ('daily', 'weekly')),
    bulletin_id  uuid        NOT NULL,
    created_at   timestamptz NOT NULL,
    digest_id    uuid,
    PRIMARY KEY (contact_id, channel, bulletin_id)
);
CREATE INDEX digest_entries_due ON digest_entries (tenant, frequency, created_at) WHERE digest_id IS NULL;
