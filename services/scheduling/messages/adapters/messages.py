"""Emails waiting to be sent, in PostgreSQL: asked for by the message consumer, claimed with SKIP LOCKED by
the sender, and held (locked) while one is sent, so a cancellation or an erasure waits for the attempt in flight."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime

import asyncpg

from peel.common.notify.held import HeldRow
from peel.common.notify.sending import utc_now
from peel.scheduling.messages.adapters.message_facts import email_for
from peel.scheduling.messages.domain.message_emails import Links
from peel.scheduling.messages.domain.messages import Message, MessageKind

ASK = """
INSERT INTO scheduling_messages (cause, tenant, kind, about_id, next_attempt_at)
SELECT cause, tenant, kind, about_id, coalesce(due_at, now())
FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::timestamptz[])
    AS asked (cause, tenant, kind, about_id, due_at)
ON CONFLICT (cause, kind, about_id) DO NOTHING
"""
DROP = """
UPDATE scheduling_messages SET status = 'dropped', finished_at = now()
WHERE about_id = $1 AND kind = ANY($2::text[]) AND status IN ('created', 'sending')
"""
STILL_IN_POOL = "SELECT id FROM assembly_registrants WHERE assembly_id = $1 AND status = 'registered' ORDER BY id"
CLAIM = """
WITH due AS (
    SELECT id FROM scheduling_messages WHERE status IN ('created', 'sending') AND next_attempt_at <= $1
    ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED
)
UPDATE scheduling_messages m SET status = 'sending', attempts = m.attempts + 1, next_attempt_at = $2
FROM due WHERE m.id = due.id
RETURNING m.id, m.tenant, m.kind, m.about_id, m.attempts
"""
HOLD = "SELECT 1 FROM scheduling_messages WHERE id = $1 AND attempts = $2 AND status = 'sending' FOR UPDATE"


class PostgresMessageBook:
    """The messages asked for and dropped within the consumer's transaction."""

    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def ask(self, messages: Iterable[Message]) -> None:
        rows = [(m.cause, m.tenant, m.kind.value, m.about, m.due_at) for m in messages]
        if rows:
            await self._connection.execute(ASK, *map(list, zip(*rows, strict=True)))

    async def drop(self, about: uuid.UUID, kinds: Iterable[MessageKind]) -> None:
        await self._connection.execute(DROP, about, [kind.value for kind in kinds])

    async def still_in_pool(self, assembly_id: uuid.UUID) -> list[uuid.UUID]:
        return [row["id"] for row in await self._connection.fetch(STILL_IN_POOL, assembly_id)]


@dataclass(frozen=True, slots=True)
class ClaimedMessage:
    id: uuid.UUID
    tenant: str
    kind: MessageKind
    about: uuid.UUID
    attempts: int

    @property
    def label(self) -> dict[str, str]:
        return {"message_id": str(self.id), "kind": self.kind.value}


class PostgresMessages:
    def __init__(self, pool: Callable[[], asyncpg.Pool], links: Links,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self._pool = pool
        self._links = links
        self._clock = clock

    async def claim_due(self, now: datetime, until: datetime, limit: int) -> list[ClaimedMessage]:
        rows = await self._pool().fetch(CLAIM, now, until, limit)
        return [ClaimedMessage(row["id"], row["tenant"], MessageKind(row["kind"]), row["about_id"], row["attempts"])
                for row in rows]

    @asynccontextmanager
    async def hold(self, claim: ClaimedMessage) -> AsyncIterator[HeldRow | None]:
        async with self._pool().acquire() as connection, connection.transaction():
            if not await connection.fetchval(HOLD, claim.id, claim.attempts):
                yield None
                return
            email = await email_for(connection, claim.kind, claim.id, claim.about, self._links, self._clock())
            yield HeldRow(connection, "scheduling_messages", ("id", claim.id), email, finished="finished_at")


HISTORY = """
SELECT id, kind, status, attempts, next_attempt_at, last_error, created_at, finished_at
FROM scheduling_messages WHERE tenant = $1 AND about_id = $2 ORDER BY created_at, kind
"""


class PostgresMessageHistory:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def about(self, tenant: str, about: uuid.UUID) -> list[dict]:
        return [dict(row) for row in await self._pool.fetch(HISTORY, tenant, about)]
