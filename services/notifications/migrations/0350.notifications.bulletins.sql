-- depends: 0309.notifications.digest_entries
-- An office's e-bulletins: title and items in English and Welsh, who sends them and to whom (topics, areas,
-- kinds of organisation and roles in them), and where each is in its life
-- (draft -> approved -> scheduled -> sending -> sent; paused; cancelled). Its messages are in `messages`
-- (source 'bulletin', bulletin_id); the waiting items it took keep its id in bulletin_items.bulletin_id.
-- claimed_until: a replica dispatching it holds it until then (a killed dispatch is taken up again after).
CREATE TABLE bulletins (
    id                   uuid        PRIMARY KEY,
    tenant               text        NOT NULL,
    title                jsonb       NOT NULL,
    sender               text        NOT NULL,
    category             text        NOT NULL CHECK (category IN ('subscription', 'stakeholder')),
    audience             jsonb       NOT NULL,
    channels             text[]      NOT NULL DEFAULT '{email}',
    items                jsonb       NOT NULL,
    status               text        NOT NULL CHECK (status IN ('draft', 'approved', 'scheduled', 'sending', 'sent',
                                                                'paused', 'cancelled')),
    author               text        NOT NULL,
    approver             text,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    approved_at          timestamptz,
    send_at              timestamptz,
    dispatch_started_at  timestamptz,
    dispatched_at        timestamptz,
    cancelled_at         timestamptz,
    claimed_until        timestamptz,
    CHECK (approver IS NULL OR approver <> author)
);
CREATE INDEX bulletins_of_tenant ON bulletins (tenant, created_at DESC);
-- What the dispatch task looks for: scheduled ones coming due, and dispatches not finished.
CREATE INDEX bulletins_to_dispatch ON bulletins (send_at)
    WHERE status = 'scheduled' OR (dispatch_started_at IS NOT NULL AND dispatched_at IS NULL
                                   AND status IN ('sending', 'paused'));
CREATE INDEX messages_bulletin_tests ON messages (source_id) WHERE source = 'bulletin' AND bulletin_id IS NULL;
