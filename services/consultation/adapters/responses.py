"""Responses in PostgreSQL, with equality monitoring and contacts kept apart from the answers."""

from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg

from peel.consultation.domain.model import Response
from peel.consultation.domain.moderation import AwaitingModeration, ModerationDecision, Place
from peel.consultation.domain.receipts import Receipt, StoredResponse, Submission, key_taken

CLAIM_KEY = """
INSERT INTO response_idempotency (consultation_id, idempotency_key, fingerprint, response_id, submitted_at,
                                  withdrawal_token)
VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING response_id
"""
INSERT_RESPONSE = """
INSERT INTO responses (id, consultation_id, tenant, answers, submitted_at, area, postcode_district,
                       withdrawal_token_hash, channel, keyed_by, received_on)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
"""
# Free text its respondent agreed to publish, with no decision yet, in (submitted_at, response, question) order.
AWAITING_MODERATION = """
SELECT r.id AS response_id, a->>'question' AS question, a->>'text' AS text, r.submitted_at
FROM responses r CROSS JOIN LATERAL jsonb_array_elements(r.answers) AS a
WHERE r.consultation_id = $1 AND r.tenant = $2 AND a->>'type' = 'free_text' AND (a->>'publishable')::boolean
  AND NOT EXISTS (SELECT 1 FROM moderation_log m WHERE m.response_id = r.id AND m.question_key = a->>'question')
  AND ($3::timestamptz IS NULL OR (r.submitted_at, r.id, a->>'question') > ($3, $4::uuid, $5::text))
ORDER BY r.submitted_at, r.id, a->>'question' LIMIT $6
"""
MODERATION_LOG = """
SELECT response_id, question_key AS question, decision, reason, moderator, moderated_at FROM moderation_log
WHERE consultation_id = $1 AND tenant = $2
  AND ($3::timestamptz IS NULL OR (moderated_at, response_id, question_key) > ($3, $4::uuid, $5::text))
ORDER BY moderated_at, response_id, question_key LIMIT $6
"""


class PostgresResponses:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, submission: Submission) -> None:
        await self._connection.execute(INSERT_RESPONSE, *response_values(submission),
                                       *keyed_in_values(submission.response))
        equality = submission.response.respondent.equality
        if equality:
            await self._connection.execute(
                "INSERT INTO response_equality (response_id, bands) VALUES ($1, $2)",
                submission.response.id, equality.model_dump(exclude_none=True),
            )
        if submission.email:
            await self._connection.execute(
                "INSERT INTO response_contacts (response_id, email) VALUES ($1, $2)",
                submission.response.id, submission.email,
            )

    async def claim_key(self, submission: Submission) -> Receipt | None:
        """Record the key for this submission; if a first submission holds it already, that one's receipt."""
        receipt, key = submission.receipt, submission.idempotency_key
        claimed = await self._connection.fetchval(
            CLAIM_KEY, receipt.consultation_id, key, submission.fingerprint, receipt.response_id,
            receipt.submitted_at, receipt.withdrawal_token,
        )
        if claimed:
            return None
        row = await self._connection.fetchrow(
            "SELECT * FROM response_idempotency WHERE consultation_id = $1 AND idempotency_key = $2",
            receipt.consultation_id, key,
        )
        return _first(row, submission.fingerprint)

    async def get(self, consultation_id: uuid.UUID, response_id: uuid.UUID) -> StoredResponse | None:
        row = await self._connection.fetchrow(
            "SELECT id, consultation_id, tenant, answers, withdrawal_token_hash FROM responses "
            "WHERE id = $1 AND consultation_id = $2 FOR UPDATE",
            response_id, consultation_id,
        )
        return StoredResponse(**dict(row)) if row else None

    async def was_erased(self, response_id: uuid.UUID) -> bool:
        return bool(await self._connection.fetchval("SELECT 1 FROM erased_responses WHERE response_id = $1",
                                                    response_id))

    async def erase(self, response: StoredResponse, reason: str, now: datetime) -> None:
        """Every copy here goes (answers, equality, contacts); only the fact of erasure stays."""
        await self._connection.execute("DELETE FROM responses WHERE id = $1", response.id)
        await self._connection.execute(
            "INSERT INTO erased_responses (response_id, consultation_id, tenant, reason, erased_at) "
            "VALUES ($1, $2, $3, $4, $5)",
            response.id, response.consultation_id, response.tenant, reason, now,
        )

    async def record_moderation(self, response: StoredResponse, question: str, decision: str, reason: str,
                                moderator: str, now: datetime) -> None:
        await self._connection.execute(
            "INSERT INTO moderation_log (response_id, consultation_id, tenant, question_key, decision, reason, "
            "moderator, moderated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            response.id, response.consultation_id, response.tenant, question, decision, reason, moderator, now,
        )

    async def awaiting_moderation(self, tenant: str, consultation_id: uuid.UUID, after: Place | None,
                                  limit: int) -> list[AwaitingModeration]:
        rows = await self._connection.fetch(AWAITING_MODERATION, consultation_id, tenant, *_place(after), limit)
        return [AwaitingModeration(**dict(row)) for row in rows]

    async def moderation_log(self, tenant: str, consultation_id: uuid.UUID, after: Place | None,
                             limit: int) -> list[ModerationDecision]:
        rows = await self._connection.fetch(MODERATION_LOG, consultation_id, tenant, *_place(after), limit)
        return [ModerationDecision(**dict(row)) for row in rows]


def _place(after: Place | None) -> tuple:
    return (after.at, after.response_id, after.question) if after else (None, None, None)


def response_values(submission: Submission, *, answers: object = None) -> tuple:
    """The ``responses`` row; ``answers`` as already encoded, else as the JSON codec takes them."""
    response = submission.response
    if answers is None:
        answers = [answer.model_dump(mode="json") for answer in response.answers]
    return (
        response.id, response.consultation_id, response.tenant, answers, response.submitted_at,
        response.respondent.area, submission.district, submission.token_hash,
    )


def keyed_in_values(response: Response) -> tuple:
    """The channel, and for a response staff keyed in, who did and the day it was received."""
    keyed_in = response.keyed_in
    return (response.channel, keyed_in.keyed_by, keyed_in.received_on) if keyed_in else (response.channel, None, None)


def _first(row: asyncpg.Record, fingerprint: bytes) -> Receipt:
    if bytes(row["fingerprint"]) != fingerprint:
        raise key_taken()
    return Receipt(row["response_id"], row["consultation_id"], row["submitted_at"], row["withdrawal_token"])


class PostgresAreas:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def area_for(self, tenant: str, district: str | None) -> str | None:
        if district is None:
            return None
        return await self._connection.fetchval(
            "SELECT area_key FROM area_postcodes WHERE tenant = $1 AND postcode_district = $2", tenant, district
        )

    async def replace(self, tenant: str, rows: tuple[tuple[str, str, str], ...]) -> None:
        await self._connection.execute("DELETE FROM area_postcodes WHERE tenant = $1", tenant)
        await self._connection.executemany(
            "INSERT INTO area_postcodes (tenant, postcode_district, area_key, area_name) VALUES ($1, $2, $3, $4)",
            [(tenant, *row) for row in rows],
        )

    async def list(self, tenant: str) -> list[tuple[str, str, str]]:
        rows = await self._connection.fetch(
            "SELECT postcode_district, area_key, area_name FROM area_postcodes WHERE tenant = $1 "
            "ORDER BY area_key, postcode_district",
            tenant,
        )
        return [tuple(row) for row in rows]
