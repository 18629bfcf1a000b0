"""The staff overview's counts in PostgreSQL: each part one indexed query, fast with many responses."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import asyncpg

from peel.consultation.adapters.question_rows import text_from_json
from peel.consultation.domain.overview import AnswerOwed, ConsultationCounts

CONSULTATIONS = """
SELECT id, title, kind, status, opens_at, closes_at FROM consultations
WHERE tenant = $1 ORDER BY created_at DESC LIMIT $2
"""
# An index-only count over responses (consultation_id, submitted_at).
RESPONSES = """
SELECT consultation_id, count(*) AS found FROM responses WHERE consultation_id = ANY($1::uuid[])
GROUP BY consultation_id
"""
# The free-text answers meant for publishing, less those with a moderation decision, each counted from the partial
# index holding each such response's publishable questions (publishable_texts) rather than from its answers.
AWAITING_MODERATION = """
WITH given AS (
    SELECT consultation_id, sum(jsonb_array_length(publishable_texts)) AS texts FROM responses
    WHERE consultation_id = ANY($1::uuid[]) AND publishable_texts <> '[]'
    GROUP BY consultation_id
), decided AS (
    SELECT r.consultation_id, count(DISTINCT (m.response_id, m.question_key)) AS texts
    FROM moderation_log m JOIN responses r ON r.id = m.response_id
    WHERE m.consultation_id = ANY($1::uuid[]) AND r.consultation_id = ANY($1::uuid[])
      AND r.publishable_texts <> '[]' AND r.publishable_texts ? m.question_key
    GROUP BY r.consultation_id
)
SELECT g.consultation_id, g.texts - coalesce(d.texts, 0) AS found
FROM given g LEFT JOIN decided d USING (consultation_id)
"""
AWAITING_DECISION = "SELECT count(*) FROM panel_questions WHERE tenant = $1 AND status = 'received'"
ANSWERS_OWED = """
SELECT q.id, q.meeting_id, m.title AS meeting_title, q.status, q.answer_due
FROM panel_questions q JOIN panel_meetings m ON m.id = q.meeting_id
WHERE q.tenant = $1 AND q.status = 'accepted'
ORDER BY q.answer_due, q.id
"""


class PostgresOverview:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def consultations(self, tenant: str, limit: int) -> list[ConsultationCounts]:
        rows = await self._connection.fetch(CONSULTATIONS, tenant, limit)
        return [ConsultationCounts(row["id"], text_from_json(row["title"]), row["kind"], row["status"],
                                   row["opens_at"], row["closes_at"]) for row in rows]

    async def responses(self, consultation_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
        return await self._counts(RESPONSES, consultation_ids)

    async def awaiting_moderation(self, consultation_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
        return await self._counts(AWAITING_MODERATION, consultation_ids)

    async def panel_awaiting_decision(self, tenant: str) -> int:
        return await self._connection.fetchval(AWAITING_DECISION, tenant)

    async def answers_owed(self, tenant: str) -> list[AnswerOwed]:
        rows = await self._connection.fetch(ANSWERS_OWED, tenant)
        return [AnswerOwed(row["id"], row["meeting_id"], text_from_json(row["meeting_title"]), row["status"],
                           row["answer_due"]) for row in rows]

    async def _counts(self, sql: str, consultation_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
        if not consultation_ids:
            return {}
        return {row["consultation_id"]: row["found"] for row in await self._connection.fetch(sql, consultation_ids)}
