-- depends: 0202.scheduling.bookings 0212.scheduling.member_replies
-- Emails to bookers and registrants, asked of the notifications service. A row says which email,
-- about whom (a booking, a waitlist place or a registrant) and when it is due; the address and the
-- wording are read when it is sent, so nothing personal waits here and an erased person gets nothing.
-- `cause` is the id of the event that asked for it: asked again, it is not added again.
CREATE TABLE scheduling_messages (
    id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant           text        NOT NULL,
    kind             text        NOT NULL,
    about_id         uuid        NOT NULL,
    cause            text        NOT NULL,
    status           text        NOT NULL DEFAULT 'created'
        CHECK (status IN ('created', 'sending', 'sent', 'failed', 'dropped')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz,
    UNIQUE (cause, kind, about_id)
);
-- The sender finds what is due; a cancellation or an erasure finds what still waits for someone.
CREATE INDEX scheduling_messages_due ON scheduling_messages (next_attempt_at) WHERE status IN ('created', 'sending');
CREATE INDEX scheduling_messages_waiting ON scheduling_messages (about_id) WHERE status IN ('created', 'sending');
