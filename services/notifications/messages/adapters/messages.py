"""Messages in PostgreSQL: one per tenant and client reference, claimed for delivery in batches with SKIP
LOCKED, their outcomes recorded a batch at a time."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

import asyncpg

from peel.notifications.contacts.domain.consents import Category, Channel
from peel.notifications.messages.domain.holds import HeldGroup, HoldRelease, ReleaseRequest
from peel.notifications.messages.domain.messages import FINAL, Message, MessageStatus

FIELDS = (
    "id", "tenant", "client", "reference", "template", "recipient", "status", "created_at", "next_attempt_at",
    "personalisation", "attempts", "last_error", "sent_at", "failed_at", "channel", "category", "sender", "topic",
    "contact_id", "priority", "language", "template_version", "source", "source_id", "bulletin_id", "address_hash",
    "reason", "held_until", "provider", "provider_reference", "delivered_at", "cancelled_at", "expires_at",
)
COLUMNS = ", ".join(FIELDS)
RETURNED = ", ".join(f"m.{field}" for field in FIELDS)
ADD = f"""
INSERT INTO messages ({COLUMNS}) VALUES ({", ".join(f"${n}" for n in range(1, len(FIELDS) + 1))})
ON CONFLICT (tenant, reference) DO NOTHING
"""
CLAIM = f"""
WITH due AS (
    SELECT id FROM messages
    WHERE (status = 'created' OR (status = 'sending' AND provider IS NULL)) AND next_attempt_at <= $1
    ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED
)
UPDATE messages m SET status = 'sending', attempts = m.attempts + 1, next_attempt_at = $2
FROM due WHERE m.id = due.id
RETURNING {RETURNED}
"""
WAKE_QUIET = f"""
WITH due AS (
    SELECT id FROM messages WHERE status = 'held' AND reason = 'quiet_hours' AND held_until <= $1
    ORDER BY held_until LIMIT $2 FOR UPDATE SKIP LOCKED
)
UPDATE messages m SET status = 'created', next_attempt_at = m.held_until, held_until = NULL
FROM due WHERE m.id = due.id
RETURNING {RETURNED}
"""
# A message given back ('created' again: its provider was unavailable) has its attempt uncounted.
SAVE_OUTCOMES = """
UPDATE messages m SET status = o.status, attempts = o.attempts, next_attempt_at = o.next_attempt_at,
    last_error = o.last_error, sent_at = o.sent_at, failed_at = o.failed_at, cancelled_at = o.cancelled_at,
    reason = o.reason, provider = o.provider, provider_reference = o.provider_reference,
    recipient = CASE WHEN o.forget THEN NULL ELSE m.recipient END,
    personalisation = CASE WHEN o.forget THEN '{}'::jsonb ELSE m.personalisation END
FROM unnest($1::uuid[], $2::int[], $3::text[], $4::timestamptz[], $5::text[], $6::timestamptz[], $7::timestamptz[],
            $8::timestamptz[], $9::text[], $10::text[], $11::text[], $12::bool[])
     AS o(id, attempts, status, next_attempt_at, last_error, sent_at, failed_at, cancelled_at, reason, provider,
          provider_reference, forget)
WHERE m.id = o.id AND m.attempts = o.attempts + CASE WHEN o.status = 'created' THEN 1 ELSE 0 END
      AND m.status = 'sending' AND m.provider IS NULL
RETURNING m.id
"""
SAVE_FINAL = """
UPDATE messages SET status = $2, delivered_at = $3, failed_at = $4, cancelled_at = $5, reason = $6, last_error = $7,
    recipient = $8, personalisation = $9
WHERE id = $1 AND status = ANY($10::text[])
"""
HELD = """
SELECT reason, bulletin_id, count(*) AS count, min(created_at) AS oldest FROM messages
WHERE tenant = $1 AND status = 'held' GROUP BY reason, bulletin_id ORDER BY oldest, reason LIMIT 1000
"""
RELEASE = f"""
WITH held AS (
    SELECT id, reason FROM messages
    WHERE tenant = $1 AND status = 'held' AND (reason = 'quiet_hours' OR reason LIKE 'election:%')
          AND ($2::uuid IS NULL OR bulletin_id = $2) AND ($3::uuid[] IS NULL OR id = ANY($3))
          AND ($4::text IS NULL OR reason = $4)
          -- a paused or cancelled bulletin's messages wait for the bulletin, whatever else held them
          AND NOT EXISTS (SELECT FROM bulletins b WHERE b.id = messages.bulletin_id
                                                    AND b.status IN ('paused', 'cancelled'))
    FOR UPDATE
)
UPDATE messages m SET status = 'created', next_attempt_at = $5, reason = NULL, held_until = NULL
FROM held WHERE m.id = held.id
RETURNING {RETURNED}, held.reason AS held_reason
"""
OF_CONTACT = f"""
SELECT {COLUMNS} FROM messages WHERE tenant = $1 AND (contact_id = $2 OR address_hash = ANY($3::text[]))
ORDER BY created_at, id LIMIT 10000
"""


class PostgresMessages:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, message: Message) -> Message:
        await self._connection.execute(ADD, *_values(message))
        row = await self._connection.fetchrow(
            f"SELECT {COLUMNS} FROM messages WHERE tenant = $1 AND reference = $2", message.tenant, message.reference
        )
        return _message(row)

    async def get(self, message_id: uuid.UUID, for_update: bool = False) -> Message | None:
        lock = " FOR UPDATE" if for_update else ""
        row = await self._connection.fetchrow(f"SELECT {COLUMNS} FROM messages WHERE id = $1{lock}", message_id)
        return _message(row) if row else None

    async def by_provider_reference(self, provider: str, reference: str) -> Message | None:
        row = await self._connection.fetchrow(
            f"SELECT {COLUMNS} FROM messages WHERE provider = $1 AND provider_reference = $2 FOR UPDATE",
            provider, reference)
        return _message(row) if row else None

    async def claim_due(self, now: datetime, until: datetime, limit: int) -> list[Message]:
        return [_message(row) for row in await self._connection.fetch(CLAIM, now, until, limit)]

    async def wake_quiet(self, now: datetime, limit: int) -> list[Message]:
        return [_message(row) for row in await self._connection.fetch(WAKE_QUIET, now, limit)]

    async def save_outcome(self, message: Message) -> bool:
        return message.id in await self.save_outcomes([message])

    async def save_outcomes(self, messages: Sequence[Message]) -> set[uuid.UUID]:
        rows = await self._connection.fetch(SAVE_OUTCOMES, *_outcome_columns(messages))
        return {row["id"] for row in rows}

    async def save_final(self, message: Message, before: frozenset[str]) -> bool:
        m = message
        status = await self._connection.execute(
            SAVE_FINAL, m.id, m.status.value, m.delivered_at, m.failed_at, m.cancelled_at, m.reason, m.last_error,
            m.recipient, m.personalisation, sorted(before))
        return status == "UPDATE 1"

    async def held(self, tenant: str) -> list[HeldGroup]:
        return [HeldGroup(**dict(row)) for row in await self._connection.fetch(HELD, tenant)]

    async def release(self, tenant: str, request: ReleaseRequest, now: datetime) -> list[Message]:
        ids = list(request.message_ids) if request.message_ids is not None else None
        rows = await self._connection.fetch(RELEASE, tenant, request.bulletin_id, ids, request.held_reason, now)
        return [_message(row, reason=row["held_reason"]) for row in rows]

    async def of_contact(self, tenant: str, contact_id: uuid.UUID, hashes: Sequence[str]) -> list[Message]:
        return [_message(row) for row in await self._connection.fetch(OF_CONTACT, tenant, contact_id, list(hashes))]


def _outcome_columns(messages: Sequence[Message]) -> list[list]:
    fields = [(m.id, m.attempts, m.status.value, m.next_attempt_at, m.last_error, m.sent_at, m.failed_at,
               m.cancelled_at, m.reason, m.provider, m.provider_reference, m.status in FINAL) for m in messages]
    return [list(column) for column in zip(*fields, strict=True)] if fields else [[] for _ in range(12)]


def _values(message: Message) -> tuple:
    values = {field: getattr(message, field) for field in FIELDS}
    values.update(status=message.status.value, channel=message.channel.value, category=message.category.value)
    return tuple(values[field] for field in FIELDS)


def _message(row: asyncpg.Record, **changes: object) -> Message:
    values = {field: row[field] for field in FIELDS}
    values.update(status=MessageStatus(row["status"]), channel=Channel(row["channel"]),
                  category=Category(row["category"]), personalisation=row["personalisation"] or {}, **changes)
    return Message(**values)


RELEASE_COLUMNS = "id, tenant, released_by, released_at, why, bulletin_id, election_period_id, message_ids, released"


class PostgresHoldReleases:
    """The record of every release of held messages."""

    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, release: HoldRelease) -> None:
        r = release
        ids = list(r.message_ids) if r.message_ids is not None else None
        await self._connection.execute(
            f"INSERT INTO hold_releases ({RELEASE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            r.id, r.tenant, r.released_by, r.released_at, r.why, r.bulletin_id, r.election_period_id, ids, r.released)

    async def list(self, tenant: str, limit: int) -> list[HoldRelease]:
        rows = await self._connection.fetch(
            f"SELECT {RELEASE_COLUMNS} FROM hold_releases WHERE tenant = $1 ORDER BY released_at DESC, id LIMIT $2",
            tenant, limit)
        return [_release(row) for row in rows]


def _release(row: asyncpg.Record) -> HoldRelease:
    ids = row["message_ids"]
    return HoldRelease(**{**dict(row), "message_ids": tuple(ids) if ids is not None else None})
