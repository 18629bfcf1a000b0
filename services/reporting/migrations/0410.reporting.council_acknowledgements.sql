-- depends: 0409.reporting.outcome_corrections
-- The parish council cascade from the notifications service's events: each council sent a stakeholder bulletin
-- (council_included) and how far it acknowledged it (acknowledged: received 1, shared 2, on the agenda 3; the
-- furthest wins, then the latest). Each event fills its own columns of the (bulletin, council) row, so events
-- may come in any order and twice. No person is named: councils are organisations.
CREATE TABLE read_models.council_acknowledgements (
    bulletin_id      uuid        NOT NULL,
    organisation_id  uuid        NOT NULL,
    tenant           text        NOT NULL,
    area             text        NOT NULL,
    sent_at          timestamptz,  -- null until council_included is applied
    rank             smallint    NOT NULL DEFAULT 0 CHECK (rank BETWEEN 0 AND 3),
    agenda_date      date,
    acknowledged_at  timestamptz,
    PRIMARY KEY (bulletin_id, organisation_id)
);
CREATE INDEX ON read_models.council_acknowledgements (tenant, area);
