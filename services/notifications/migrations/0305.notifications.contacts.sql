-- depends: 0304.notifications.corrected_outcomes
-- Contacts the office may write to. Erasure blanks the personal columns and sets erased_at;
-- the row stays so that its consent records remain anonymous evidence.
CREATE TABLE contacts (
    id                  uuid        PRIMARY KEY,
    tenant              text        NOT NULL,
    email               text,
    mobile              text,
    postal_address      text[]      NOT NULL DEFAULT '{}',
    language            text        NOT NULL CHECK (language IN ('en', 'cy', 'unknown')),
    language_asked_at   timestamptz,
    language_asked_how  text,
    areas               text[]      NOT NULL DEFAULT '{}',
    accessibility       text[]      NOT NULL DEFAULT '{}',
    created_at          timestamptz NOT NULL,
    created_by          text        NOT NULL,
    erased_at           timestamptz
);
-- One live contact per email address in a tenant.
CREATE UNIQUE INDEX contacts_one_per_email ON contacts (tenant, lower(email)) WHERE email IS NOT NULL;
CREATE INDEX contacts_tenant ON contacts (tenant, id);

-- Every consent given or withdrawn, never updated: the latest per sender, topic and channel is in force.
CREATE TABLE consents (
    id               uuid        PRIMARY KEY,
    contact_id       uuid        NOT NULL REFERENCES contacts (id),
    sender           text        NOT NULL,
    topic            text        NOT NULL,
    channel          text        NOT NULL CHECK (channel IN ('email', 'sms', 'letter')),
    given            boolean     NOT NULL,
    source           text        NOT NULL,
    wording_version  text        NOT NULL,
    recorded_at      timestamptz NOT NULL,
    recorded_by      text        NOT NULL,
    position         bigserial   NOT NULL  -- the order of records made at the same time
);
CREATE INDEX consents_of_contact ON consents (contact_id, recorded_at, position);

-- Addresses (as hashes) nothing, or nothing of a sender or topic, may be sent to. Removal is kept on record.
CREATE TABLE suppressions (
    id              uuid        PRIMARY KEY,
    tenant          text        NOT NULL,
    address_hash    text        NOT NULL,
    channel         text        NOT NULL CHECK (channel IN ('email', 'sms', 'letter')),
    reason          text        NOT NULL CHECK (reason IN ('hard_bounce', 'complaint', 'unsubscribe', 'manual')),
    scope           text        NOT NULL CHECK (scope IN ('global', 'sender', 'topic')),
    scope_value     text,
    note            text,
    created_at      timestamptz NOT NULL,
    created_by      text        NOT NULL,
    removed_at      timestamptz,
    removed_by      text,
    removal_reason  text,
    CHECK ((scope = 'global') = (scope_value IS NULL))
);
CREATE UNIQUE INDEX suppressions_one_in_force
    ON suppressions (tenant, address_hash, channel, scope, coalesce(scope_value, '')) WHERE removed_at IS NULL;
CREATE INDEX suppressions_of_address ON suppressions (tenant, address_hash) WHERE removed_at IS NULL;
