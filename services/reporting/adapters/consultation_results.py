"""The consultation-results read model's tables."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import asyncpg

UPSERT_CONSULTATION = """
INSERT INTO consultation_results (consultation_id, tenant, title, kind, questions, opens_at, closes_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (consultation_id) DO UPDATE SET
    title = EXCLUDED.title, kind = EXCLUDED.kind, questions = EXCLUDED.questions,
    opens_at = EXCLUDED.opens_at, closes_at = EXCLUDED.closes_at
"""
COUNT_RESPONSE = """
INSERT INTO consultation_response_counts (consultation_id, tenant, responses, last_response_at)
VALUES ($1, $2, 1, $3)
ON CONFLICT (consultation_id) DO UPDATE SET
    responses = consultation_response_counts.responses + 1,
    last_response_at = GREATEST(consultation_response_counts.last_response_at, EXCLUDED.last_response_at)
"""
COUNT_ANSWERS = """
INSERT INTO consultation_answer_counts (consultation_id, question_key, option_key, answers)
SELECT $1, question, option, 1 FROM unnest($2::text[], $3::text[]) AS pair (question, option)
ON CONFLICT (consultation_id, question_key, option_key) DO UPDATE SET
    answers = consultation_answer_counts.answers + 1
"""


class ConsultationResultsStore:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def save_consultation(self, tenant: str, data: dict[str, Any]) -> None:
        await self._connection.execute(
            UPSERT_CONSULTATION, uuid.UUID(data["consultation_id"]), tenant, data["title"], data["kind"],
            data["questions"], datetime.fromisoformat(data["opens_at"]), datetime.fromisoformat(data["closes_at"]),
        )

    async def count_response(
        self, tenant: str, consultation_id: uuid.UUID, submitted_at: datetime, pairs: Sequence[tuple[str, str]]
    ) -> None:
        await self._connection.execute(COUNT_RESPONSE, consultation_id, tenant, submitted_at)
        if pairs:
            questions, options = zip(*pairs, strict=True)
            await self._connection.execute(COUNT_ANSWERS, consultation_id, list(questions), list(options))

    async def consultation(self, tenant: str, consultation_id: uuid.UUID) -> asyncpg.Record | None:
        return await self._connection.fetchrow(
            "SELECT consultation_id, title, kind, questions FROM consultation_results "
            "WHERE consultation_id = $1 AND tenant = $2",
            consultation_id, tenant,
        )

    async def responses(self, consultation_id: uuid.UUID) -> int:
        count = await self._connection.fetchval(
            "SELECT responses FROM consultation_response_counts WHERE consultation_id = $1", consultation_id
        )
        return count or 0

    async def answer_counts(self, consultation_id: uuid.UUID) -> dict[tuple[str, str], int]:
        rows = await self._connection.fetch(
            "SELECT question_key, option_key, answers FROM consultation_answer_counts WHERE consultation_id = $1",
            consultation_id,
        )
        return {(row["question_key"], row["option_key"]): row["answers"] for row in rows}
