-- depends: 0406.reporting.meetings_and_recommendations
-- Read models from more of the scheduling service's events: an outcome saying nobody from the
-- office went to a neighbourhood meeting (it replaces an earlier attendance), the quarterly
-- attendance plans staff confirmed, and selected members' replies to their place on an
-- assembly's panel. As in 0405 and 0406, each event fills its own columns of a row keyed by its
-- natural key, so the events may be applied in any order and twice. Nothing here names a person:
-- attendees are the tenant's keys (commissioner, deputy), members are registrant ids.

-- recorded_at is now the latest outcome's time, attended what it said (null: none recorded);
-- topics and other_topic_count are those of an attended meeting (none once nobody went).
ALTER TABLE read_models.neighbourhood_meetings ADD COLUMN attended boolean;
UPDATE read_models.neighbourhood_meetings SET attended = true WHERE recorded_at IS NOT NULL;

-- One plan per tenant and quarter: the greatest version confirmed wins.
CREATE TABLE read_models.meeting_plans (
    tenant        text        NOT NULL,
    quarter       text        NOT NULL,   -- e.g. 2027-Q2
    version       integer     NOT NULL,
    confirmed_at  timestamptz NOT NULL,
    assignments   jsonb       NOT NULL,   -- [{meeting_id, area, attendee}] (attendee keys, never names)
    uncovered     jsonb       NOT NULL,   -- [{area, reason}]
    PRIMARY KEY (tenant, quarter)
);

-- A panel member's reply to being selected: the latest by its time wins.
ALTER TABLE read_models.assembly_panel
    ADD COLUMN reply      text CHECK (reply IN ('confirmed', 'declined')),
    ADD COLUMN replied_at timestamptz;

-- The consumer is renamed (reporting.read-models.v6): it reads every topic from the beginning
-- once, so that plans and replies published before this migration (which v5 read past) reach
-- the new columns and table; the other read models are left as they are, their projections
-- being idempotent.
DELETE FROM consumer_positions WHERE consumer LIKE '%reporting.read-models.v5'
                                  OR consumer LIKE '%reporting.read-models.v5.rebuild';
DELETE FROM processed_events WHERE consumer LIKE '%reporting.read-models.v5'
                                OR consumer LIKE '%reporting.read-models.v5.rebuild';
