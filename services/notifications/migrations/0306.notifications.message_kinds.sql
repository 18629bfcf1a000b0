-- depends: 0305.notifications.contacts
-- Every message has a channel, a category (service, subscription or stakeholder), a sender and, for
-- subscription and stakeholder messages, a topic; it may be to a known contact. What it says comes from its
-- source: a template (with its personalisation), a bulletin, a digest or a chaser (source_id says which).
-- address_hash (as suppressions name addresses) finds a person's messages for a subject-access request.
-- Statuses follow GOV.UK Notify's vocabulary, plus held, suppressed and cancelled; `sent` is a hand-over that
-- no delivery receipt will follow (a mail server).
ALTER TABLE messages DROP CONSTRAINT messages_status_check;
UPDATE messages SET status = CASE WHEN last_error LIKE '%refused%' THEN 'permanent-failure'
                                  ELSE 'temporary-failure' END
WHERE status = 'failed';
ALTER TABLE messages
    ADD CONSTRAINT messages_status_check CHECK (status IN (
        'created', 'sending', 'sent', 'delivered', 'permanent-failure', 'temporary-failure', 'technical-failure',
        'held', 'suppressed', 'cancelled')),
    ADD COLUMN channel text NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'sms', 'letter')),
    ADD COLUMN category text NOT NULL DEFAULT 'service' CHECK (category IN ('service', 'subscription', 'stakeholder')),
    ADD COLUMN sender text NOT NULL DEFAULT 'office',
    ADD COLUMN topic text,
    ADD COLUMN contact_id uuid,
    ADD COLUMN priority smallint NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 5),
    ADD COLUMN language text NOT NULL DEFAULT 'both' CHECK (language IN ('en', 'cy', 'both')),
    ADD COLUMN template_version integer,
    ADD COLUMN source text NOT NULL DEFAULT 'template' CHECK (source IN ('template', 'bulletin', 'digest', 'chaser')),
    ADD COLUMN source_id uuid,
    ADD COLUMN bulletin_id uuid,
    ADD COLUMN address_hash text,
    ADD COLUMN reason text,
    ADD COLUMN held_until timestamptz,
    ADD COLUMN provider text,
    ADD COLUMN provider_reference text,
    ADD COLUMN delivered_at timestamptz,
    ADD COLUMN cancelled_at timestamptz;
CREATE INDEX messages_of_contact ON messages (contact_id, created_at) WHERE contact_id IS NOT NULL;
CREATE INDEX messages_of_bulletin ON messages (bulletin_id, status) WHERE bulletin_id IS NOT NULL;
CREATE INDEX messages_held ON messages (tenant, held_until) WHERE status = 'held';
CREATE INDEX messages_by_provider_reference ON messages (provider, provider_reference)
    WHERE provider_reference IS NOT NULL;
CREATE INDEX messages_by_address ON messages (tenant, address_hash) WHERE address_hash IS NOT NULL;
