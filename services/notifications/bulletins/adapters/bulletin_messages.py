"""A bulletin's messages (the ``messages`` table, source ``bulletin``) and digest entries, written in bulk: one
statement per batch of recipients, each message unique by its reference so a second run adds nothing."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

import asyncpg

from peel.notifications.bulletins.adapters.bulletins import PostgresBulletins
from peel.notifications.bulletins.domain.bulletins import Bulletin
from peel.notifications.bulletins.domain.dispatch import BULLETIN_PRIORITY, PAUSED_REASON, Paused, Plan, on_resume
from peel.notifications.bulletins.domain.stats import StatusCount
from peel.notifications.contacts.adapters.audience import PostgresAudiences
from peel.notifications.contacts.domain.consents import Category, Channel, address_hash
from peel.notifications.elections.adapters.periods import PostgresElectionPeriods
from peel.notifications.messages.domain.checks import QUIET_HOURS, ElectionPeriod, RecipientFacts

CLIENT = "bulletins"
TEMPLATE = "bulletin"
WRITE = f"""
INSERT INTO messages (id, tenant, client, reference, template, recipient, status, created_at, next_attempt_at,
    personalisation, channel, category, sender, topic, contact_id, priority, language, source, source_id,
    bulletin_id, address_hash, reason, held_until)
SELECT u.id, $1, '{CLIENT}', u.reference, '{TEMPLATE}', u.recipient, u.status, $2, coalesce(u.held_until, $2),
    u.personalisation::jsonb, u.channel, u.category, $3, u.topic, u.contact_id, {BULLETIN_PRIORITY}, u.language,
    'bulletin', $4, $4, u.address_hash, u.reason, u.held_until
FROM unnest($5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
            $13::uuid[], $14::text[], $15::text[], $16::text[], $17::timestamptz[])
    AS u(id, reference, recipient, status, personalisation, channel, category, topic, contact_id, language,
         address_hash, reason, held_until)
ON CONFLICT (tenant, reference) DO NOTHING
"""
WRITE_DIGESTS = """
INSERT INTO digest_entries (tenant, contact_id, channel, sender, topic, frequency, bulletin_id, created_at)
SELECT $1, u.contact_id, u.channel, $2, u.topic, u.frequency, $3, $4
FROM unnest($5::uuid[], $6::text[], $7::text[], $8::text[]) AS u(contact_id, channel, topic, frequency)
ON CONFLICT DO NOTHING
"""
# A message waiting for quiet hours to end keeps that time, so that a resume before it leaves it waiting.
HOLD = f"""
UPDATE messages SET status = 'held', reason = '{PAUSED_REASON}',
    held_until = CASE WHEN status = 'held' THEN held_until END
WHERE tenant = $1 AND bulletin_id = $2 AND (status = 'created' OR (status = 'held' AND reason = '{QUIET_HOURS}'))
"""
# $3 a week ago: a message of the last seven days counts itself among the contact's non-urgent ones.
PAUSED = f"""
SELECT id, contact_id, channel, topic, category, held_until,
       category = 'subscription' AND created_at > $3 AS counts_itself
FROM messages WHERE tenant = $1 AND bulletin_id = $2 AND status = 'held' AND reason = '{PAUSED_REASON}'
ORDER BY id FOR UPDATE
"""
# Each paused message as decided again; one that goes no more forgets its address and personalisation.
REDECIDE = """
UPDATE messages m SET status = u.status, reason = u.reason, held_until = u.held_until,
    next_attempt_at = greatest(u.held_until, $3),
    cancelled_at = CASE WHEN u.status = 'cancelled' THEN $3 END,
    recipient = CASE WHEN u.status IN ('suppressed', 'cancelled') THEN NULL ELSE m.recipient END,
    personalisation = CASE WHEN u.status IN ('suppressed', 'cancelled') THEN '{}'::jsonb ELSE m.personalisation END
FROM unnest($4::uuid[], $5::text[], $6::text[], $7::timestamptz[]) AS u(id, status, reason, held_until)
WHERE m.tenant = $1 AND m.bulletin_id = $2 AND m.id = u.id
"""
GONE = "contact_gone"  # erased, or no longer an address for the channel
WEEK = timedelta(days=7)
CANCEL = """
UPDATE messages SET status = 'cancelled', cancelled_at = $3, recipient = NULL, personalisation = '{}',
    reason = 'bulletin_cancelled'
WHERE tenant = $1 AND bulletin_id = $2 AND status IN ('created', 'held')
"""
DROP_DIGESTS = "DELETE FROM digest_entries WHERE tenant = $1 AND bulletin_id = $2 AND digest_id IS NULL"
COUNTS = """
SELECT status, reason, count(*)::int AS count FROM messages WHERE tenant = $1 AND bulletin_id = $2
GROUP BY status, reason
"""
DIGESTS = "SELECT count(*)::int FROM digest_entries WHERE tenant = $1 AND bulletin_id = $2"
UNSUBSCRIBED = """
SELECT count(*)::int FROM unsubscriptions AS u JOIN messages AS m ON m.id = u.message_id
WHERE m.tenant = $1 AND m.bulletin_id = $2 AND u.tenant = $1
"""
TESTS_SO_FAR = "SELECT count(*)::int FROM messages WHERE tenant = $1 AND source = 'bulletin' AND reference LIKE $2"
WRITE_TEST = f"""
INSERT INTO messages (id, tenant, client, reference, template, recipient, status, created_at, next_attempt_at,
    personalisation, channel, category, sender, priority, language, source, source_id, address_hash)
VALUES ($1, $2, '{CLIENT}', $3, '{TEMPLATE}', $4, 'created', $5, $5, '{{"test": "true"}}', 'email', 'service', $6,
        2, 'both', 'bulletin', $7, $8)
"""


def _paused(row: asyncpg.Record) -> Paused:
    return Paused(row["id"], row["contact_id"], Channel(row["channel"]), row["topic"], Category(row["category"]),
                  row["counts_itself"], row["held_until"])


def _resumed(message: Paused, facts: RecipientFacts | None, elections: Sequence[ElectionPeriod],
             now: datetime) -> tuple[str, str | None, datetime | None]:
    """Status, reason and until when it waits; a contact gone meanwhile: cancelled."""
    if facts is None:
        return "cancelled", GONE, None
    decision = on_resume(message, facts, elections, now)
    return decision.outcome.value, decision.reason, decision.held_until


def _status_count(row: asyncpg.Record) -> StatusCount:
    return StatusCount(row["status"], row["reason"], row["count"])


def _count(result: str) -> int:
    return int(result.rsplit(" ", 1)[-1])


class PostgresBulletinMessages:
    def __init__(self, connection: asyncpg.Connection, audiences: PostgresAudiences | None = None) -> None:
        self._connection = connection
        self._audiences = audiences or PostgresAudiences(connection)

    async def write(self, bulletin: Bulletin, plan: Plan, now: datetime) -> None:
        if plan.messages:
            await self._connection.execute(WRITE, bulletin.tenant, now, bulletin.draft.sender, bulletin.id,
                                           *_message_columns(plan))
        if plan.digests:
            await self._connection.execute(WRITE_DIGESTS, bulletin.tenant, bulletin.draft.sender, bulletin.id, now,
                                           [entry.recipient.contact_id for entry in plan.digests],
                                           [entry.recipient.channel.value for entry in plan.digests],
                                           [entry.recipient.topic for entry in plan.digests],
                                           [entry.frequency for entry in plan.digests])

    async def hold_unsent(self, tenant: str, bulletin_id: uuid.UUID, now: datetime) -> int:
        return _count(await self._connection.execute(HOLD, tenant, bulletin_id))

    async def release_held(self, tenant: str, bulletin_id: uuid.UUID, now: datetime) -> int:
        """The paused messages decided again by the one rule (facts and elections as they are now)."""
        paused = [_paused(row) for row in await self._connection.fetch(PAUSED, tenant, bulletin_id, now - WEEK)]
        bulletin = await PostgresBulletins(self._connection).get(tenant, bulletin_id) if paused else None
        if bulletin is None:
            return 0
        facts = await self._facts_now(bulletin, paused, now)
        elections = await PostgresElectionPeriods(self._connection).in_force(tenant, now)
        decisions = [_resumed(message, facts.get(message.id), elections, now) for message in paused]
        await self._connection.execute(REDECIDE, tenant, bulletin_id, now, [message.id for message in paused],
                                       *(list(column) for column in zip(*decisions, strict=True)))
        return len(paused)

    async def _facts_now(self, bulletin: Bulletin, paused: Sequence[Paused],
                         now: datetime) -> dict[uuid.UUID, RecipientFacts]:
        """Each paused message's facts now: the bulletin's audience resolved again (one statement), and for a
        contact it no longer reaches, the facts of that one contact and topic."""
        draft = bulletin.draft
        found = {(recipient.contact_id, recipient.channel): recipient.facts
                 for recipient in await self._audiences.recipients(bulletin.tenant, draft.audience, draft.sender,
                                                                   draft.channels, now)}
        facts: dict[uuid.UUID, RecipientFacts] = {}
        for message in paused:
            known = found.get((message.contact_id, message.channel))
            if known is None:
                one = await self._audiences.facts(bulletin.tenant, message.contact_id, draft.sender, message.topic,
                                                  message.channel, now)
                known = one.facts if one is not None else None
            if known is not None:
                facts[message.id] = known
        return facts

    async def cancel_unsent(self, tenant: str, bulletin_id: uuid.UUID, now: datetime) -> int:
        cancelled = _count(await self._connection.execute(CANCEL, tenant, bulletin_id, now))
        await self._connection.execute(DROP_DIGESTS, tenant, bulletin_id)
        return cancelled

    async def counts(self, tenant: str, bulletin_id: uuid.UUID) -> tuple[list[StatusCount], int, int]:
        rows = await self._connection.fetch(COUNTS, tenant, bulletin_id)
        digest = await self._connection.fetchval(DIGESTS, tenant, bulletin_id)
        unsubscribed = await self._connection.fetchval(UNSUBSCRIBED, tenant, bulletin_id)
        return [_status_count(row) for row in rows], digest, unsubscribed

    async def write_tests(self, bulletin: Bulletin, addresses: Sequence[str], now: datetime) -> list[uuid.UUID]:
        prefix = f"bulletin-test:{bulletin.id}:"
        so_far = await self._connection.fetchval(TESTS_SO_FAR, bulletin.tenant, prefix + "%")
        ids = [uuid.uuid4() for _ in addresses]
        await self._connection.executemany(WRITE_TEST, [
            (message_id, bulletin.tenant, f"{prefix}{so_far + number}", address, now, bulletin.draft.sender,
             bulletin.id, address_hash(Channel.EMAIL, address))
            for number, (message_id, address) in enumerate(zip(ids, addresses, strict=True), start=1)])
        return ids


def _message_columns(plan: Plan) -> tuple[list, ...]:
    """The planned messages, column by column; a suppressed message keeps neither address nor personalisation."""
    rows = plan.messages
    final = [message.status == "suppressed" for message in rows]
    return ([message.id for message in rows], [message.reference for message in rows],
            [None if done else message.recipient.address for message, done in zip(rows, final, strict=True)],
            [message.status for message in rows],
            [json.dumps({} if done else message.personalisation) for message, done in zip(rows, final, strict=True)],
            [message.recipient.channel.value for message in rows],
            [message.recipient.category.value for message in rows],
            [message.recipient.topic for message in rows], [message.recipient.contact_id for message in rows],
            [message.recipient.language for message in rows], [message.address_hash for message in rows],
            [message.reason for message in rows], [message.held_until for message in rows])
