-- depends: 0201.scheduling.venues_and_sessions
-- Neighbourhood meetings the office knows of. Times are wall-clock times in Europe/London; starts_at and
-- ends_at are the same moments, for queries. area_key is the area with case and spacing ignored.
-- Organiser details stay here (staff only) and never enter an event or a public page.
CREATE TABLE neighbourhood_meetings (
    id               uuid        PRIMARY KEY,
    tenant           text        NOT NULL,
    meeting_type     text        NOT NULL,
    policing_area    text        NOT NULL,
    area_key         text        NOT NULL,
    day              date        NOT NULL,
    starts           time        NOT NULL,
    ends             time        NOT NULL,
    starts_at        timestamptz NOT NULL,
    ends_at          timestamptz NOT NULL,
    venue_id         uuid        REFERENCES scheduling_venues (id) ON DELETE RESTRICT,
    venue_text       text,
    organiser_name   text        NOT NULL,
    organiser_email  text,
    organiser_phone  text,
    public           boolean     NOT NULL,
    status           text        NOT NULL,
    cancelled_at     timestamptz,
    cancel_reason    text,
    outcome          jsonb,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    version          integer     NOT NULL DEFAULT 1,
    CONSTRAINT neighbourhood_meetings_venue_or_text CHECK ((venue_id IS NULL) <> (venue_text IS NULL))
);
CREATE INDEX neighbourhood_meetings_tenant ON neighbourhood_meetings (tenant, starts_at);
CREATE INDEX neighbourhood_meetings_area ON neighbourhood_meetings (tenant, area_key, starts_at);

-- Per tenant: who may attend for the office (key, title, dates off) and the topics meetings raise.
CREATE TABLE meeting_settings (
    tenant      text        PRIMARY KEY,
    attendees   jsonb       NOT NULL DEFAULT '[]',
    topics      jsonb       NOT NULL DEFAULT '[]',
    updated_at  timestamptz NOT NULL
);

-- The confirmed attendance plan of each quarter (e.g. 2027-Q2); confirming again replaces it.
CREATE TABLE meeting_plans (
    tenant        text        NOT NULL,
    quarter       text        NOT NULL,
    assignments   jsonb       NOT NULL,
    uncovered     jsonb       NOT NULL,
    confirmed_at  timestamptz NOT NULL,
    version       integer     NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant, quarter)
);
