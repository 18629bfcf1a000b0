-- depends: 0308.notifications.election_periods
-- A cancelled period keeps who cancelled it and why; each period's start and end are announced once (the
-- clock stamps when it did so), whichever replica notices first.
ALTER TABLE election_periods
    ADD COLUMN cancelled_by     text,
    ADD COLUMN cancel_reason    text,
    ADD COLUMN started_noted_at timestamptz,
    ADD COLUMN ended_noted_at   timestamptz,
    ADD CONSTRAINT election_periods_cancel_reason CHECK ((cancelled_at IS NULL) = (cancel_reason IS NULL));
CREATE INDEX election_periods_to_note ON election_periods (starts_at)
    WHERE ended_noted_at IS NULL AND cancelled_at IS NULL;
