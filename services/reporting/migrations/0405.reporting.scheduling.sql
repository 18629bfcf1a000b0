-- depends: 0404.reporting.panel_questions
-- Read models from the scheduling service's events: surgery sessions and their bookings, and
-- citizens' assemblies with their registrants, panel and selection runs. Each event fills its
-- own columns of a row keyed by its natural key, so the events may be applied in any order
-- and twice; a row may exist before the event that creates its aggregate has been applied.
-- Nothing here names a person: bookings and registrants are ids, times and quota features.

CREATE TABLE read_models.surgery_sessions (
    session_id     uuid        PRIMARY KEY,
    tenant         text        NOT NULL,
    policing_area  text,
    online         boolean,
    starts_at      timestamptz,   -- null until the scheduled event is applied
    ends_at        timestamptz,
    slot_count     integer,
    cancelled_at   timestamptz
);
CREATE INDEX ON read_models.surgery_sessions (tenant, starts_at);

CREATE TABLE read_models.surgery_bookings (
    booking_id     uuid        PRIMARY KEY,
    tenant         text        NOT NULL,
    session_id     uuid        NOT NULL,
    confirmed_at   timestamptz,   -- confirmed, or promoted from the waitlist
    from_waitlist  boolean,
    cancelled_at   timestamptz,
    cancelled_by   text,
    outcome        text        CHECK (outcome IN ('attended', 'no_show')),
    outcome_at     timestamptz    -- the latest attendance recorded wins
);
CREATE INDEX ON read_models.surgery_bookings (session_id);

CREATE TABLE read_models.assemblies (
    assembly_id             uuid        PRIMARY KEY,
    tenant                  text        NOT NULL,
    title                   text        NOT NULL,
    areas                   text[]      NOT NULL,
    panel_size              integer     NOT NULL,
    quotas                  jsonb       NOT NULL,
    registration_closes_at  timestamptz NOT NULL
);
CREATE INDEX ON read_models.assemblies (tenant);

CREATE TABLE read_models.assembly_registrants (
    registrant_id  uuid        PRIMARY KEY,
    assembly_id    uuid        NOT NULL,
    tenant         text        NOT NULL,
    features       jsonb,         -- the quota features given for selection
    joined_at      timestamptz,
    withdrew_at    timestamptz
);
CREATE INDEX ON read_models.assembly_registrants (assembly_id);

-- A member of the panel was added (selected, or a replacement) after they last dropped out.
CREATE TABLE read_models.assembly_panel (
    assembly_id    uuid        NOT NULL,
    registrant_id  uuid        NOT NULL,
    tenant         text        NOT NULL,
    added_at       timestamptz,
    dropped_at     timestamptz,
    PRIMARY KEY (assembly_id, registrant_id)
);

CREATE TABLE read_models.assembly_selection_runs (
    run_id           uuid             PRIMARY KEY,
    assembly_id      uuid             NOT NULL,
    tenant           text             NOT NULL,
    kind             text             NOT NULL CHECK (kind IN ('selection', 'replacement')),
    ran_at           timestamptz      NOT NULL,
    algorithm        text             NOT NULL,
    seed             numeric          NOT NULL,
    pool_size        integer          NOT NULL,
    min_probability  double precision NOT NULL,
    max_probability  double precision NOT NULL,
    gini             double precision NOT NULL,
    selected         integer          NOT NULL,
    dropouts         integer          NOT NULL,
    replacements     integer          NOT NULL
);
CREATE INDEX ON read_models.assembly_selection_runs (assembly_id);

-- The consumer is renamed (reporting.read-models.v4): it reads every topic from the beginning
-- once, so that scheduling events published before this migration reach the new tables; the
-- other read models are left as they are, their projections being idempotent.
DELETE FROM consumer_positions WHERE consumer LIKE '%reporting.read-models.v3'
                                  OR consumer LIKE '%reporting.read-models.v3.rebuild';
DELETE FROM processed_events WHERE consumer LIKE '%reporting.read-models.v3'
                                OR consumer LIKE '%reporting.read-models.v3.rebuild';
