-- depends: 0210.scheduling.assemblies
-- An assembly at work: meetings, attendance, speakers, access needs (confidential), expenses and
-- its recommendations with the Commissioner's responses.
ALTER TABLE assemblies ADD COLUMN honorarium_per_meeting_pence integer NOT NULL DEFAULT 0
    CHECK (honorarium_per_meeting_pence >= 0);

CREATE TABLE assembly_meetings (
    id           uuid        PRIMARY KEY,
    assembly_id  uuid        NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    title        text        NOT NULL,
    format       text        NOT NULL,
    venue_id     uuid        REFERENCES scheduling_venues (id) ON DELETE RESTRICT,
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz NOT NULL,
    held_at      timestamptz
);
CREATE INDEX assembly_meetings_assembly ON assembly_meetings (assembly_id, starts_at);

CREATE TABLE assembly_attendance (
    meeting_id  uuid    NOT NULL REFERENCES assembly_meetings (id) ON DELETE CASCADE,
    member_id   uuid    NOT NULL REFERENCES assembly_registrants (id),
    attended    boolean NOT NULL,
    PRIMARY KEY (meeting_id, member_id)
);

CREATE TABLE assembly_speakers (
    id            uuid PRIMARY KEY,
    assembly_id   uuid NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    meeting_id    uuid REFERENCES assembly_meetings (id) ON DELETE SET NULL,
    name          text NOT NULL,
    organisation  text NOT NULL,
    topic         text NOT NULL,
    declaration   text NOT NULL
);

-- Personal and confidential: only staff who organise the assembly read these.
CREATE TABLE assembly_access_needs (
    member_id   uuid        PRIMARY KEY REFERENCES assembly_registrants (id),
    needs       text[]      NOT NULL,
    details     text        NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE TABLE assembly_expenses (
    id            uuid        PRIMARY KEY,
    member_id     uuid        NOT NULL REFERENCES assembly_registrants (id),
    meeting_id    uuid        NOT NULL REFERENCES assembly_meetings (id) ON DELETE CASCADE,
    category      text        NOT NULL,
    amount_pence  integer     NOT NULL CHECK (amount_pence > 0),
    claimed_at    timestamptz NOT NULL
);
CREATE INDEX assembly_expenses_member ON assembly_expenses (member_id);

CREATE TABLE assembly_recommendations (
    id              uuid        PRIMARY KEY,
    assembly_id     uuid        NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    number          integer     NOT NULL,
    text_en         text        NOT NULL,
    text_cy         text,
    support_share   double precision NOT NULL CHECK (support_share BETWEEN 0 AND 1),
    made_at         timestamptz NOT NULL,
    decision        text,
    reasons         text,
    due             date,
    given_at        timestamptz,
    progress        jsonb       NOT NULL DEFAULT '[]',
    UNIQUE (assembly_id, number)
);
