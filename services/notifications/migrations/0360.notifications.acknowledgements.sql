-- depends: 0306.notifications.message_kinds 0307.notifications.preferences
-- The parish council cascade: each council (organisation) sent a stakeholder bulletin, and how far it has
-- acknowledged it (received, shared with residents, on the agenda for a date). States only move forward.
-- Councils that have not acknowledged are chased (chasers_sent so far, the last at last_chased_at).
CREATE TABLE acknowledgements (
    id               uuid        PRIMARY KEY,
    tenant           text        NOT NULL,
    bulletin_id      uuid        NOT NULL,
    organisation_id  uuid        NOT NULL REFERENCES organisations (id),
    area             text        NOT NULL,
    sender           text        NOT NULL,
    topic            text        NOT NULL,
    included_at      timestamptz NOT NULL,
    state            text        CHECK (state IN ('received', 'shared', 'on_agenda')),
    agenda_date      date,
    note             text,
    acknowledged_at  timestamptz,
    chasers_sent     integer     NOT NULL DEFAULT 0,
    last_chased_at   timestamptz,
    UNIQUE (bulletin_id, organisation_id),
    CHECK ((state = 'on_agenda') = (agenda_date IS NOT NULL))
);
CREATE INDEX acknowledgements_of_bulletin ON acknowledgements (tenant, bulletin_id, state);
CREATE INDEX acknowledgements_to_chase ON acknowledgements (included_at) WHERE state IS NULL;
-- Stakeholder bulletins' messages, where councils included are sought.
CREATE INDEX messages_of_stakeholder_bulletins ON messages (created_at)
    WHERE source = 'bulletin' AND category = 'stakeholder';
