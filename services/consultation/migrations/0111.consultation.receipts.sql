-- depends: 0110.consultation.panel
-- Receipt emails: each contact is sent once through the notifications service, tried again a
-- bounded number of times. Contacts already stored get their receipt too.
ALTER TABLE response_contacts
    ADD COLUMN status           text        NOT NULL DEFAULT 'created'
        CHECK (status IN ('created', 'sending', 'sent', 'failed')),
    ADD COLUMN attempts         integer     NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN last_error       text;
-- The receipt sender finds what is due.
CREATE INDEX response_contacts_due ON response_contacts (next_attempt_at) WHERE status IN ('created', 'sending');
