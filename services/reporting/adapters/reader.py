"""Queries of the live read models, scoped to a tenant, in one consistent snapshot."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import asyncpg

from peel.common.contracts.consultation import PreceptProposalSpec, QuestionSpec
from peel.reporting.adapters.schema import LIVE, SWAP_LOCK, qualified
from peel.reporting.domain.breakdown import NOT_GIVEN, Dimension
from peel.reporting.domain.consultation_results import Consultation, Tally
from peel.reporting.domain.summaries import TextAnswers

CONSULTATION = """
SELECT consultation_id, tenant, title, kind, questions, areas, results_embargoed, closed_at, results_published_at,
       precept
FROM {schema}.consultations WHERE consultation_id = $1 AND tenant = $2
"""
RESPONSES = "SELECT count(*) FROM {schema}.responses WHERE consultation_id = $1 AND tenant = $2"
TALLY = """
SELECT a.question_key, a.item, a.value, count(*) AS respondents
FROM {schema}.answers a JOIN {schema}.responses r USING (response_id)
WHERE r.consultation_id = $1 AND r.tenant = $2
GROUP BY a.question_key, a.item, a.value
"""
TEXT_COUNTS = """
SELECT f.question_key,
       count(*) FILTER (WHERE f.publishable) AS publishable,
       count(*) FILTER (WHERE f.moderation = 'pending') AS pending,
       count(*) FILTER (WHERE f.moderation = 'approved') AS approved,
       count(*) FILTER (WHERE f.moderation = 'redacted') AS redacted
FROM {schema}.free_texts f JOIN {schema}.responses r USING (response_id)
WHERE r.consultation_id = $1 AND r.tenant = $2
GROUP BY f.question_key
"""
APPROVED_TEXT = """
SELECT f.question_key, f.text
FROM {schema}.free_texts f JOIN {schema}.responses r USING (response_id)
WHERE r.consultation_id = $1 AND r.tenant = $2 AND f.publishable AND f.moderation = 'approved'
ORDER BY f.submitted_at, f.response_id, f.question_key
"""
GROUP_SIZES = """
SELECT coalesce(r.{column}, $3) AS grouped, count(*) AS respondents FROM {schema}.responses r
WHERE r.consultation_id = $1 AND r.tenant = $2 GROUP BY 1
"""
GROUP_TALLY = """
SELECT coalesce(r.{column}, $3) AS grouped, a.question_key, a.item, a.value, count(*) AS respondents
FROM {schema}.answers a JOIN {schema}.responses r USING (response_id)
WHERE r.consultation_id = $1 AND r.tenant = $2 AND a.question_key = ANY($4::text[])
GROUP BY 1, 2, 3, 4
"""
R = TypeVar("R", bound="ResultsReader")


@asynccontextmanager
async def reading(pool: asyncpg.Pool, kind: type[R] | None = None) -> AsyncIterator[R]:
    """A reader (a ResultsReader unless another ``kind`` is given) whose queries share one snapshot
    and never straddle a rebuild's swap."""
    async with pool.acquire() as connection:
        await connection.execute("SELECT pg_advisory_lock_shared($1)", SWAP_LOCK)
        try:
            async with connection.transaction(isolation="repeatable_read", readonly=True):
                yield (kind or ResultsReader)(connection)
        finally:
            await connection.execute("SELECT pg_advisory_unlock_shared($1)", SWAP_LOCK)


class ResultsReader:
    def __init__(self, connection: asyncpg.Connection, schema: str = LIVE) -> None:
        self._connection = connection
        self._schema = schema

    def _sql(self, sql: str, **names: str) -> str:
        return qualified(sql, self._schema, **names)

    async def consultation(self, tenant: str, consultation_id: uuid.UUID) -> Consultation | None:
        row = await self._connection.fetchrow(self._sql(CONSULTATION), consultation_id, tenant)
        return None if row is None else consultation_from(row)

    async def responses(self, tenant: str, consultation_id: uuid.UUID) -> int:
        return await self._connection.fetchval(self._sql(RESPONSES), consultation_id, tenant)

    async def tally(self, tenant: str, consultation_id: uuid.UUID) -> Tally:
        rows = await self._connection.fetch(self._sql(TALLY), consultation_id, tenant)
        return tally_from(rows)

    async def free_texts(self, tenant: str, consultation_id: uuid.UUID) -> dict[str, TextAnswers]:
        counts = await self._connection.fetch(self._sql(TEXT_COUNTS), consultation_id, tenant)
        approved: dict[str, list[str]] = defaultdict(list)
        for row in await self._connection.fetch(self._sql(APPROVED_TEXT), consultation_id, tenant):
            approved[row["question_key"]].append(row["text"])
        return {
            row["question_key"]: TextAnswers(row["publishable"], row["pending"], row["approved"], row["redacted"],
                                             tuple(approved[row["question_key"]]))
            for row in counts
        }

    async def group_sizes(self, tenant: str, consultation_id: uuid.UUID, by: Dimension) -> dict[str, int]:
        rows = await self._connection.fetch(self._sql(GROUP_SIZES, column=by.value), consultation_id, tenant,
                                            NOT_GIVEN)
        return {row["grouped"]: row["respondents"] for row in rows}

    async def group_tallies(self, tenant: str, consultation_id: uuid.UUID, by: Dimension,
                            questions: list[str]) -> dict[str, Tally]:
        rows = await self._connection.fetch(self._sql(GROUP_TALLY, column=by.value), consultation_id, tenant,
                                            NOT_GIVEN, questions)
        grouped: dict[str, list[asyncpg.Record]] = defaultdict(list)
        for row in rows:
            grouped[row["grouped"]].append(row)
        return {group: tally_from(found) for group, found in grouped.items()}


def tally_from(rows: list[Any]) -> Tally:
    tally: dict[tuple[str, str], dict[float | None, int]] = defaultdict(dict)
    for row in rows:
        tally[(row["question_key"], row["item"])][row["value"]] = row["respondents"]
    return tally


def consultation_from(row: Any) -> Consultation:
    return Consultation(
        consultation_id=row["consultation_id"], tenant=row["tenant"], title=row["title"], kind=row["kind"],
        questions=tuple(QuestionSpec.model_validate(q) for q in row["questions"]), areas=tuple(row["areas"]),
        results_embargoed=row["results_embargoed"], closed_at=row["closed_at"],
        results_published_at=row["results_published_at"],
        precept=PreceptProposalSpec.model_validate(row["precept"]) if row["precept"] else None,
    )
