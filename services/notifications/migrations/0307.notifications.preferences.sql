-- depends: 0305.notifications.contacts
-- A contact's subscriptions: each sender's topic they follow and how often (a message about a topic to a
-- contact without a row goes immediately); when each channel must stay
-- quiet (local UK time; messages then wait, they are not dropped), and the most non-urgent messages a week
-- (NULL: the office's default).
CREATE TABLE preferences (
    contact_id   uuid        NOT NULL REFERENCES contacts (id),
    sender       text        NOT NULL,
    topic        text        NOT NULL,
    frequency    text        NOT NULL CHECK (frequency IN ('immediately', 'daily', 'weekly')),
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (contact_id, sender, topic)
);
CREATE TABLE quiet_hours (
    contact_id   uuid NOT NULL REFERENCES contacts (id),
    channel      text NOT NULL CHECK (channel IN ('email', 'sms', 'letter')),
    starts       time NOT NULL,
    ends         time NOT NULL,
    PRIMARY KEY (contact_id, channel)
);
ALTER TABLE contacts ADD COLUMN weekly_cap integer CHECK (weekly_cap BETWEEN 0 AND 100);

-- Parish and town councils and partners, and who holds each role in them.
CREATE TABLE organisations (
    id                 uuid        PRIMARY KEY,
    tenant             text        NOT NULL,
    name               text        NOT NULL,
    kind               text        NOT NULL CHECK (kind IN ('parish_council', 'town_council', 'community_council',
                                                              'partner')),
    area               text        NOT NULL,
    created_at         timestamptz NOT NULL,
    created_by         text        NOT NULL,
    last_confirmed_at  timestamptz
);
CREATE INDEX organisations_of_tenant ON organisations (tenant, kind, area);
CREATE TABLE organisation_roles (
    organisation_id  uuid NOT NULL REFERENCES organisations (id),
    role             text NOT NULL CHECK (role IN ('clerk', 'chair', 'councillor', 'generic_inbox')),
    contact_id       uuid NOT NULL REFERENCES contacts (id),
    PRIMARY KEY (organisation_id, role, contact_id)
);
CREATE INDEX organisation_roles_of_contact ON organisation_roles (contact_id);
