-- depends: 0405.reporting.scheduling
-- Read models from more of the scheduling service's events: neighbourhood meetings (their
-- facts, cancellation and the office's attendance with the topic keys raised), assemblies'
-- recommendations with the Commissioner's responses and progress, and assembly meetings held.
-- As in 0405, each event fills its own columns of a row keyed by its natural key, so the events
-- may be applied in any order and twice. Nothing here names a person or holds free text
-- raised at a meeting: topics are the tenant's topic keys.

CREATE TABLE read_models.neighbourhood_meetings (
    meeting_id         uuid        PRIMARY KEY,
    tenant             text        NOT NULL,
    meeting_type       text,
    area               text,          -- as given; grouped case and spacing aside
    starts_at          timestamptz,   -- null until the scheduled (or an updated) event is applied
    ends_at            timestamptz,
    public             boolean,
    version            integer,       -- of the facts held: scheduled is 1, each update carries its own
    cancelled_at       timestamptz,
    recorded_at        timestamptz,   -- the office attended: the latest record wins
    topics             text[],
    other_topic_count  integer
);
CREATE INDEX ON read_models.neighbourhood_meetings (tenant, starts_at);

CREATE TABLE read_models.assembly_recommendations (
    recommendation_id  uuid             PRIMARY KEY,
    assembly_id        uuid             NOT NULL,
    tenant             text             NOT NULL,
    number             integer          NOT NULL,
    text               text,             -- the assembly's own words, published
    support_share      double precision,
    made_at            timestamptz,
    decision           text             CHECK (decision IN ('accepted', 'accepted_in_part', 'not_accepted')),
    due                date,
    responded_at       timestamptz
);
CREATE INDEX ON read_models.assembly_recommendations (assembly_id);

-- One row per progress update (a recommendation's updates are told apart by their time).
CREATE TABLE read_models.assembly_recommendation_progress (
    recommendation_id  uuid        NOT NULL,
    at                 timestamptz NOT NULL,
    tenant             text        NOT NULL,
    done               boolean     NOT NULL,
    PRIMARY KEY (recommendation_id, at)
);

CREATE TABLE read_models.assembly_meetings (
    meeting_id   uuid        PRIMARY KEY,
    assembly_id  uuid        NOT NULL,
    tenant       text        NOT NULL,
    format       text        NOT NULL,
    members      integer     NOT NULL,
    attended     integer     NOT NULL,
    held_at      timestamptz NOT NULL
);
CREATE INDEX ON read_models.assembly_meetings (assembly_id);

-- The consumer is renamed (reporting.read-models.v5): it reads every topic from the beginning
-- once, so that events published before this migration reach the new tables; the other read
-- models are left as they are, their projections being idempotent.
DELETE FROM consumer_positions WHERE consumer LIKE '%reporting.read-models.v4'
                                  OR consumer LIKE '%reporting.read-models.v4.rebuild';
DELETE FROM processed_events WHERE consumer LIKE '%reporting.read-models.v4'
                                OR consumer LIKE '%reporting.read-models.v4.rebuild';
