-- depends: 0309.notifications.digest_entries
-- A message may say when it stops being worth sending (expires_at: then it is cancelled, reason expired).
-- Held messages are released by staff, and every release is kept: who, when, why and what it covered.
ALTER TABLE messages ADD COLUMN expires_at timestamptz;
CREATE TABLE hold_releases (
    id                  uuid        PRIMARY KEY,
    tenant              text        NOT NULL,
    released_by         text        NOT NULL,
    released_at         timestamptz NOT NULL,
    why                 text        NOT NULL CHECK (length(trim(why)) > 0),
    bulletin_id         uuid,
    election_period_id  uuid,
    message_ids         uuid[],
    released            integer     NOT NULL
);
CREATE INDEX hold_releases_of_tenant ON hold_releases (tenant, released_at DESC);
-- Quiet hours end by themselves: the delivery task looks for holds whose time has come.
CREATE INDEX messages_quiet_until ON messages (held_until) WHERE status = 'held' AND reason = 'quiet_hours';
-- Messages waiting for a delivery receipt are not claimed again.
DROP INDEX messages_due;
CREATE INDEX messages_due ON messages (next_attempt_at)
    WHERE status = 'created' OR (status = 'sending' AND provider IS NULL);
