-- depends: 0305.notifications.contacts
-- Pre-election periods: from the notice of election to the end of polling day, subscription messages and
-- publicity to contacts in the areas (none listed: the whole office) are held.
CREATE TABLE election_periods (
    id            uuid        PRIMARY KEY,
    tenant        text        NOT NULL,
    kind          text        NOT NULL,
    areas         text[]      NOT NULL DEFAULT '{}',
    notice_date   date        NOT NULL,
    poll_date     date        NOT NULL,
    starts_at     timestamptz NOT NULL,
    ends_at       timestamptz NOT NULL,
    created_at    timestamptz NOT NULL,
    created_by    text        NOT NULL,
    cancelled_at  timestamptz,
    CHECK (poll_date >= notice_date AND ends_at > starts_at)
);
CREATE INDEX election_periods_in_force ON election_periods (tenant, starts_at, ends_at) WHERE cancelled_at IS NULL;
