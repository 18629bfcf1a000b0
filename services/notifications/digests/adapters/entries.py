"""The entries a digest takes, the contact it goes to, and its message, on PostgreSQL.

A digest's message is a ``subscription`` message of source ``digest`` whose ``source_id`` is the run; its
sender and topic are those of its first entry (for its unsubscribe link). Entries it took carry its id in
``digest_id``; entries a run dropped (consent withdrawn, a suppression, the contact erased)
carry the run's. The facts deciding them are those of any message to the contact (contacts' audiences).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

import asyncpg

from peel.notifications.contacts.adapters.audience import PostgresAudiences
from peel.notifications.contacts.domain.audience import Recipient
from peel.notifications.contacts.domain.consents import address_hash
from peel.notifications.digests.domain.digests import Entry
from peel.notifications.digests.domain.runs import DigestRecipient, DigestRun, Due, reference
from peel.notifications.messages.domain.checks import Decision

DUE = """
SELECT bulletin_id, sender, topic, created_at FROM digest_entries
WHERE tenant = $1 AND contact_id = $2 AND channel = $3 AND frequency = $4 AND digest_id IS NULL
  AND created_at <= $5
ORDER BY created_at, bulletin_id
FOR UPDATE
"""
INSERT = """
INSERT INTO messages (id, tenant, client, reference, template, recipient, status, created_at, next_attempt_at,
                      personalisation, channel, category, sender, topic, contact_id, priority, language, source,
                      source_id, address_hash, reason, held_until)
VALUES ($1, $2, 'notifications', $3, 'digest', $4, $13, $5, coalesce($15::timestamptz, $5::timestamptz),
        '{}'::jsonb, $6, 'subscription', $7, $8, $9, 3, $10, 'digest', $11, $12, $14, $15)
RETURNING id
"""
TAKE = """
UPDATE digest_entries SET digest_id = $4
WHERE contact_id = $1 AND channel = $2 AND bulletin_id = ANY($3::uuid[])
"""
class PostgresDigestEntries:
    def __init__(self, connection: asyncpg.Connection, audiences: PostgresAudiences | None = None) -> None:
        self._connection = connection
        self._audiences = audiences or PostgresAudiences(connection)

    async def due(self, run: DigestRun, due: Due) -> list[Entry]:
        rows = await self._connection.fetch(DUE, run.tenant, due.contact_id, due.channel.value,
                                            run.frequency.value, run.cutoff)
        return [Entry(**dict(row)) for row in rows]

    async def recipient(self, tenant: str, due: Due, entries: Sequence[Entry],
                        now: datetime) -> DigestRecipient | None:
        """The contact's facts for each sender and topic, as for any message (contacts' audiences)."""
        found: dict[tuple[str, str], Recipient] = {}
        for key in dict.fromkeys((entry.sender, entry.topic) for entry in entries):
            recipient = await self._audiences.facts(tenant, due.contact_id, *key, due.channel, now)
            if recipient is None:
                return None
            found[key] = recipient
        if not found:
            return None
        first = next(iter(found.values()))
        return DigestRecipient(first.address, first.language, {key: r.facts for key, r in found.items()})

    async def add_message(self, run: DigestRun, due: Due, recipient: DigestRecipient, first: Entry,
                          decision: Decision, now: datetime) -> uuid.UUID:
        return await self._connection.fetchval(
            INSERT, uuid.uuid4(), run.tenant, reference(run, due), recipient.address, now, due.channel.value,
            first.sender, first.topic, due.contact_id, recipient.language, run.id,
            address_hash(due.channel, recipient.address), decision.outcome.value, decision.reason,
            decision.held_until)

    async def take(self, due: Due, entries: Sequence[Entry], digest_id: uuid.UUID) -> None:
        await self._connection.execute(TAKE, due.contact_id, due.channel.value,
                                       [entry.bulletin_id for entry in entries], digest_id)
