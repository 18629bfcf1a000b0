"""Respondents' contacts waiting for a receipt, claimed with SKIP LOCKED and held while one is sent.

Holding the row locks it until the attempt is recorded: erasing the response waits for the
attempt in flight, and a contact erased before the hold is not sent to.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime

import asyncpg

from peel.common.notify.held import HeldRow
from peel.consultation.adapters.question_rows import text_from_json
from peel.consultation.domain.receipt_emails import ReceiptContact, receipt_email

CLAIM = """
WITH due AS (
    SELECT response_id FROM response_contacts
    WHERE status IN ('created', 'sending') AND next_attempt_at <= $1
    ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED
), claimed AS (
    UPDATE response_contacts c SET status = 'sending', attempts = c.attempts + 1, next_attempt_at = $2
    FROM due WHERE c.response_id = due.response_id
    RETURNING c.response_id, c.email, c.attempts
)
SELECT claimed.*, r.consultation_id, r.tenant, r.submitted_at, k.title
FROM claimed JOIN responses r ON r.id = claimed.response_id JOIN consultations k ON k.id = r.consultation_id
"""
HOLD = """
SELECT 1 FROM response_contacts WHERE response_id = $1 AND attempts = $2 AND status = 'sending' FOR UPDATE
"""


class PostgresReceiptContacts:
    def __init__(self, pool: Callable[[], asyncpg.Pool]) -> None:
        self._pool = pool

    async def claim_due(self, now: datetime, until: datetime, limit: int) -> list[ReceiptContact]:
        return [_contact(row) for row in await self._pool().fetch(CLAIM, now, until, limit)]

    @asynccontextmanager
    async def hold(self, contact: ReceiptContact) -> AsyncIterator[HeldRow | None]:
        async with self._pool().acquire() as connection, connection.transaction():
            still_ours = await connection.fetchval(HOLD, contact.response_id, contact.attempts)
            key = ("response_id", contact.response_id)
            yield HeldRow(connection, "response_contacts", key, receipt_email(contact)) if still_ours else None


def _contact(row: asyncpg.Record) -> ReceiptContact:
    return ReceiptContact(
        response_id=row["response_id"], consultation_id=row["consultation_id"], tenant=row["tenant"],
        email=row["email"], consultation_title=text_from_json(row["title"]), submitted_at=row["submitted_at"],
        attempts=row["attempts"],
    )
