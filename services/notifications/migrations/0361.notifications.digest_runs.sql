-- depends: 0309.notifications.digest_entries
-- Digest runs: a tenant's daily or weekly digests from the entries due at cutoff. A run lists the contacts
-- and channels due when it starts; each is done once, in the same transaction as its message and its entries'
-- digest_id (the message's id), so a run stopped halfway resumes without duplicates and misses nothing.
-- period is the day (daily) or the Monday (weekly) a scheduled run is for; a run started by staff has none.
CREATE TABLE digest_runs (
    id            uuid        PRIMARY KEY,
    tenant        text        NOT NULL,
    frequency     text        NOT NULL CHECK (frequency IN ('daily', 'weekly')),
    period        date,
    cutoff        timestamptz NOT NULL,
    started_at    timestamptz NOT NULL,
    started_by    text        NOT NULL,
    contacts_due  integer     NOT NULL,
    completed_at  timestamptz,
    messages      integer     NOT NULL DEFAULT 0,
    entries       integer     NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX digest_runs_one_per_period ON digest_runs (tenant, frequency, period) WHERE period IS NOT NULL;
CREATE INDEX digest_runs_unfinished ON digest_runs (started_at) WHERE completed_at IS NULL;
CREATE TABLE digest_run_contacts (
    run_id      uuid        NOT NULL REFERENCES digest_runs (id),
    contact_id  uuid        NOT NULL,
    channel     text        NOT NULL,
    done_at     timestamptz,
    message_id  uuid,
    PRIMARY KEY (run_id, contact_id, channel)
);
CREATE INDEX digest_run_contacts_to_do ON digest_run_contacts (run_id) WHERE done_at IS NULL;
