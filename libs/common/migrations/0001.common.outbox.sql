-- Transactional outbox: written in the same transaction as the state change, drained by the relay.
-- A row is deleted once Kafka has acknowledged its event; Kafka is the record of what was published.
CREATE TABLE outbox (
    id            bigserial PRIMARY KEY,
    event_id      uuid        NOT NULL UNIQUE,
    topic         text        NOT NULL,
    message_key   text        NOT NULL,
    event_type    text        NOT NULL,
    tenant        text        NOT NULL,
    payload       bytea       NOT NULL,
    traceparent   text,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Wakes the relay (LISTEN peel_outbox) when events are written while it waits.
-- NOTIFY serialises the commits of notifying transactions, so only the first write after
-- the relay starts waiting notifies; under load the relay is not waiting and nobody does.
CREATE TABLE outbox_relay_state (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    waiting    boolean NOT NULL DEFAULT true
);
INSERT INTO outbox_relay_state DEFAULT VALUES;

CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM outbox_relay_state WHERE waiting) THEN
        UPDATE outbox_relay_state SET waiting = false WHERE waiting;
        IF FOUND THEN
            PERFORM pg_notify('peel_outbox', '');
        END IF;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER outbox_written AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

-- Where the relay's writes end on each partition, so a restarted relay can tell what reached Kafka.
CREATE TABLE outbox_relay_positions (
    topic        text    NOT NULL,
    partition    integer NOT NULL,
    next_offset  bigint  NOT NULL,
    PRIMARY KEY (topic, partition)
);
