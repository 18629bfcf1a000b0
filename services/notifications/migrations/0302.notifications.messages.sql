-- depends: 0301.notifications.bulletin_items
-- Emails other services ask for, one per client reference. The address and personalisation
-- are kept only while the message is being delivered.
CREATE TABLE messages (
    id               uuid        PRIMARY KEY,
    tenant           text        NOT NULL,
    client           text        NOT NULL,
    reference        text        NOT NULL,
    template         text        NOT NULL,
    recipient        text,
    status           text        NOT NULL CHECK (status IN ('created', 'sending', 'sent', 'failed')),
    created_at       timestamptz NOT NULL,
    next_attempt_at  timestamptz NOT NULL,
    personalisation  jsonb       NOT NULL DEFAULT '{}',
    attempts         integer     NOT NULL DEFAULT 0,
    last_error       text,
    sent_at          timestamptz,
    failed_at        timestamptz,
    CONSTRAINT messages_one_per_reference UNIQUE (tenant, reference)
);
-- The delivery task finds what is due.
CREATE INDEX messages_due ON messages (next_attempt_at) WHERE status IN ('created', 'sending');
