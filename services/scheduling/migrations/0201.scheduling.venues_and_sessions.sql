-- depends: 0002.common.consumers
CREATE TABLE scheduling_venues (
    id             uuid        PRIMARY KEY,
    tenant         text        NOT NULL,
    name           text        NOT NULL,
    address        text        NOT NULL,
    policing_area  text        NOT NULL,
    step_free      boolean     NOT NULL,
    hearing_loop   boolean     NOT NULL,
    parking        boolean     NOT NULL,
    capacity       integer     NOT NULL CHECK (capacity > 0),
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    version        integer     NOT NULL DEFAULT 1
);
CREATE INDEX scheduling_venues_tenant ON scheduling_venues (tenant, name);

-- Times are wall-clock times in Europe/London; starts_at and ends_at are the same moments, for queries.
CREATE TABLE surgery_sessions (
    id              uuid        PRIMARY KEY,
    tenant          text        NOT NULL,
    host            text        NOT NULL,
    venue_id        uuid        REFERENCES scheduling_venues (id) ON DELETE RESTRICT,
    online          boolean     NOT NULL,
    policing_area   text,
    day             date        NOT NULL,
    starts          time        NOT NULL,
    ends            time        NOT NULL,
    starts_at       timestamptz NOT NULL,
    ends_at         timestamptz NOT NULL,
    slot_minutes    integer     NOT NULL CHECK (slot_minutes > 0),
    buffer_minutes  integer     NOT NULL CHECK (buffer_minutes >= 0),
    public          boolean     NOT NULL,
    status          text        NOT NULL,
    cancelled_at    timestamptz,
    cancel_reason   text,
    created_at      timestamptz NOT NULL,
    version         integer     NOT NULL DEFAULT 1,
    CONSTRAINT surgery_sessions_venue_or_online CHECK ((venue_id IS NULL) = online)
);
CREATE INDEX surgery_sessions_tenant ON surgery_sessions (tenant, starts_at);
