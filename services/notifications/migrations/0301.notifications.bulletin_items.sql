-- depends: 0002.common.consumers
-- Newly opened consultations waiting to be announced in a tenant's next e-bulletin.
CREATE TABLE bulletin_items (
    tenant        text        NOT NULL,
    source_id     uuid        NOT NULL,
    kind          text        NOT NULL,
    title         jsonb       NOT NULL,
    happened_at   timestamptz NOT NULL,
    closes_at     timestamptz,
    bulletin_id   uuid,
    PRIMARY KEY (tenant, kind, source_id)
);
CREATE INDEX bulletin_items_pending ON bulletin_items (tenant, happened_at) WHERE bulletin_id IS NULL;
