"""Responses in PostgreSQL, with equality monitoring and contacts kept apart from the answers."""

from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg

from peel.common.errors import Conflict
from peel.consultation.domain.receipts import Receipt, StoredResponse, Submission

CLAIM_KEY = """
INSERT INTO response_idempotency (consultation_id, idempotency_key, fingerprint, response_id, submitted_at,
                                  withdrawal_token)
VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING response_id
"""
INSERT_RESPONSE = """
INSERT INTO responses (id, consultation_id, tenant, answers, submitted_at, area, postcode_district,
                       withdrawal_token_hash)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
"""
class PostgresResponses:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, submission: Submission) -> None:
        await self._connection.execute(INSERT_RESPONSE, *response_values(submission))
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


def response_values(submission: Submission, *, answers: object = None) -> tuple:
    """The ``responses`` row; ``answers`` as already encoded, else as the JSON codec takes them."""
    response = submission.response
    if answers is None:
        answers = [answer.model_dump(mode="json") for answer in response.answers]
    return (
        response.id, response.consultation_id, response.tenant, answers, response.submitted_at,
        response.respondent.area, submission.district, submission.token_hash,
    )


def _first(row: asyncpg.Record, fingerprint: bytes) -> Receipt:
    if bytes(row["fingerprint"]) != fingerprint:
        raise Conflict("this Idempotency-Key was used for a different submission; use a new key")
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
