"""Messages in PostgreSQL: one per tenant and client reference, claimed for delivery with SKIP LOCKED."""

from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg

from peel.notifications.messages.domain.messages import Message, MessageStatus

COLUMNS = (
    "id, tenant, client, reference, template, recipient, status, created_at, next_attempt_at, personalisation, "
    "attempts, last_error, sent_at, failed_at"
)
ADD = f"""
INSERT INTO messages ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
ON CONFLICT (tenant, reference) DO NOTHING
"""
CLAIM = f"""
WITH due AS (
    SELECT id FROM messages WHERE status IN ('created', 'sending') AND next_attempt_at <= $1
    ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED
)
UPDATE messages m SET status = 'sending', attempts = m.attempts + 1, next_attempt_at = $2
FROM due WHERE m.id = due.id
RETURNING {", ".join(f"m.{column}" for column in COLUMNS.split(", "))}
"""
SAVE_OUTCOME = """
UPDATE messages SET status = $3, recipient = $4, personalisation = $5, next_attempt_at = $6, last_error = $7,
                    sent_at = $8, failed_at = $9
WHERE id = $1 AND attempts = $2 AND status = 'sending'
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

    async def get(self, message_id: uuid.UUID) -> Message | None:
        row = await self._connection.fetchrow(f"SELECT {COLUMNS} FROM messages WHERE id = $1", message_id)
        return _message(row) if row else None

    async def claim_due(self, now: datetime, until: datetime, limit: int) -> list[Message]:
        return [_message(row) for row in await self._connection.fetch(CLAIM, now, until, limit)]

    async def save_outcome(self, message: Message) -> bool:
        status = await self._connection.execute(
            SAVE_OUTCOME, message.id, message.attempts, message.status.value, message.recipient,
            message.personalisation, message.next_attempt_at, message.last_error, message.sent_at, message.failed_at,
        )
        return status == "UPDATE 1"


def _values(message: Message) -> tuple:
    return (
        message.id, message.tenant, message.client, message.reference, message.template, message.recipient,
        message.status.value, message.created_at, message.next_attempt_at, message.personalisation,
        message.attempts, message.last_error, message.sent_at, message.failed_at,
    )


def _message(row: asyncpg.Record) -> Message:
    return Message(**{**dict(row), "status": MessageStatus(row["status"])})
