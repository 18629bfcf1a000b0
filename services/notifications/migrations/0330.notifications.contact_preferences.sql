-- depends: 0306.notifications.message_kinds 0307.notifications.preferences
-- Unsubscribing, as evidence: who left which sender's topic on which channel, from which message and how
-- (one_click_unsubscribe from the mail program, unsubscribe_page from the link). The row stays when the
-- contact is erased, naming only its id: bulletins count their unsubscriptions by message_id.
CREATE TABLE unsubscriptions (
    id          uuid        PRIMARY KEY,
    tenant      text        NOT NULL,
    contact_id  uuid        NOT NULL REFERENCES contacts (id),
    sender      text        NOT NULL,
    topic       text        NOT NULL,
    channel     text        NOT NULL CHECK (channel IN ('email', 'sms', 'letter')),
    message_id  uuid,
    at          timestamptz NOT NULL,
    how         text        NOT NULL CHECK (how IN ('one_click_unsubscribe', 'unsubscribe_page'))
);
CREATE INDEX unsubscriptions_of_message ON unsubscriptions (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX unsubscriptions_of_tenant ON unsubscriptions (tenant, at);

-- A clerk's or a partner's own name, shown on the council details page.
ALTER TABLE contacts ADD COLUMN name text;

-- Each yearly "are these details still correct?" ask, and each confirmation or correction the council made.
CREATE TABLE organisation_checks (
    id               uuid        PRIMARY KEY,
    tenant           text        NOT NULL,
    organisation_id  uuid        NOT NULL REFERENCES organisations (id),
    contact_id       uuid        REFERENCES contacts (id),
    message_id       uuid,
    asked_at         timestamptz NOT NULL
);
CREATE INDEX organisation_checks_latest ON organisation_checks (organisation_id, asked_at);
CREATE TABLE organisation_updates (
    id               uuid        PRIMARY KEY,
    tenant           text        NOT NULL,
    organisation_id  uuid        NOT NULL REFERENCES organisations (id),
    contact_id       uuid        REFERENCES contacts (id),
    what             text        NOT NULL CHECK (what IN ('confirmed', 'corrected')),
    fields           text[]      NOT NULL DEFAULT '{}',
    at               timestamptz NOT NULL,
    by               text        NOT NULL
);
CREATE INDEX organisation_updates_of_organisation ON organisation_updates (organisation_id, at);

-- Audiences: who follows a sender's topic, and the consent in force per sender, topic and channel.
CREATE INDEX preferences_by_topic ON preferences (sender, topic);
CREATE INDEX consents_in_force ON consents (contact_id, sender, topic, channel, recorded_at DESC, position DESC);
CREATE INDEX organisation_roles_by_role ON organisation_roles (organisation_id, role);
