"""Changes to the read models' tables, each safe to apply twice and in any order a replay brings."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg

from peel.reporting.adapters.schema import SWAP_LOCK, qualified
from peel.reporting.domain.answers import AnswerRow, FreeText

UPSERT_CONSULTATION = """
INSERT INTO {schema}.consultations (consultation_id, tenant, title, kind, questions, areas, opens_at, closes_at,
                                    results_embargoed, published_at, precept)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT (consultation_id) DO UPDATE SET
    title = EXCLUDED.title, kind = EXCLUDED.kind, questions = EXCLUDED.questions, areas = EXCLUDED.areas,
    opens_at = EXCLUDED.opens_at, closes_at = EXCLUDED.closes_at, results_embargoed = EXCLUDED.results_embargoed,
    published_at = EXCLUDED.published_at, precept = EXCLUDED.precept
WHERE consultations.published_at <= EXCLUDED.published_at
"""
CLOSE = "UPDATE {schema}.consultations SET closed_at = $2 WHERE consultation_id = $1"
RESULTS_PUBLISHED = "UPDATE {schema}.consultations SET results_published_at = $2 WHERE consultation_id = $1"
OUTCOME_PUBLISHED = """
UPDATE {schema}.consultations SET outcome = $2, outcome_published_at = $3
WHERE consultation_id = $1 AND (outcome_published_at IS NULL OR outcome_published_at <= $3)
"""
ADD_RESPONSES = """
INSERT INTO {schema}.responses (response_id, consultation_id, tenant, area, age_band, sex, ethnicity, disability,
                                submitted_at)
SELECT r.* FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                       $8::text[], $9::timestamptz[])
    AS r (response_id, consultation_id, tenant, area, age_band, sex, ethnicity, disability, submitted_at)
WHERE NOT EXISTS (SELECT 1 FROM {schema}.erased_responses erased WHERE erased.response_id = r.response_id)
ON CONFLICT (response_id) DO NOTHING
RETURNING response_id
"""
ADD_ANSWERS = """
INSERT INTO {schema}.answers (response_id, consultation_id, question_key, item, value)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::float8[])
"""
ADD_FREE_TEXTS = """
INSERT INTO {schema}.free_texts (response_id, consultation_id, question_key, submitted_at, publishable, text)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::boolean[], $6::text[])
"""
ERASE = """
WITH tombstones AS (
    INSERT INTO {schema}.erased_responses (response_id, consultation_id, erased_at)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[])
    ON CONFLICT (response_id) DO NOTHING
), answers AS (
    DELETE FROM {schema}.answers WHERE response_id = ANY($1::uuid[])
), free_texts AS (
    DELETE FROM {schema}.free_texts WHERE response_id = ANY($1::uuid[])
)
DELETE FROM {schema}.responses WHERE response_id = ANY($1::uuid[])
"""
# A later decision wins; of two at the same moment, redaction wins.
MODERATE = """
UPDATE {schema}.free_texts AS answer SET moderation = decided.decision, moderated_at = decided.moderated_at
FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[])
    AS decided (response_id, question_key, decision, moderated_at)
WHERE answer.response_id = decided.response_id AND answer.question_key = decided.question_key
  AND (answer.moderated_at IS NULL
       OR (answer.moderated_at, answer.moderation = 'redacted') < (decided.moderated_at, decided.decision = 'redacted'))
"""

# Each event of a Panel question's lifecycle fills its own columns (name, type), so that the
# events may be applied in any order; answer_due comes with acceptance and again, the same, with the answer.
PANEL_STEPS: dict[str, tuple[tuple[str, str], ...]] = {
    "submitted": (("meeting_date", "date"), ("submitted_at", "timestamptz")),
    "accepted": (("accepted_at", "timestamptz"), ("answer_due", "date")),
    "rejected": (("rejected_at", "timestamptz"), ("rejection_reason", "text")),
    "answered": (("answered_at", "timestamptz"), ("answered_on", "date"), ("answered_late", "boolean"),
                 ("answer_due", "date")),
    "published": (("published_at", "timestamptz"),),
}
PANEL_STEP = """
INSERT INTO {schema}.panel_questions (question_id, tenant, meeting_id, {columns})
SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], {arrays})
ON CONFLICT (question_id) DO UPDATE SET {updates}
"""


def panel_step_sql(step: str, schema: str) -> str:
    columns = PANEL_STEPS[step]
    return qualified(
        PANEL_STEP, schema, columns=", ".join(name for name, _ in columns),
        arrays=", ".join(f"${number}::{kind}[]" for number, (_, kind) in enumerate(columns, start=4)),
        updates=", ".join(f"{name} = EXCLUDED.{name}" for name, _ in columns),
    )


@dataclass(frozen=True, slots=True)
class NewResponse:
    response_id: uuid.UUID
    consultation_id: uuid.UUID
    tenant: str
    area: str
    bands: tuple[str | None, str | None, str | None, str | None]  # age band, sex, ethnicity, disability
    submitted_at: datetime
    answers: Sequence[AnswerRow]
    free_texts: Sequence[FreeText]


@dataclass(frozen=True, slots=True)
class Erasure:
    response_id: uuid.UUID
    consultation_id: uuid.UUID
    erased_at: datetime


@dataclass(frozen=True, slots=True)
class Decision:
    response_id: uuid.UUID
    question: str
    decision: str
    moderated_at: datetime


class ReadModelWriter:
    """Writes into one read-model schema; ``shared_lock`` for the live one, so a swap waits for it."""

    def __init__(self, connection: asyncpg.Connection, schema: str, *, shared_lock: bool) -> None:
        self._connection = connection
        self._schema = schema
        self._shared_lock = shared_lock

    async def begin(self) -> None:
        if self._shared_lock:
            await self._connection.execute("SELECT pg_advisory_xact_lock_shared($1)", SWAP_LOCK)

    async def _execute(self, sql: str, *arguments: Any) -> None:
        await self._connection.execute(qualified(sql, self._schema), *arguments)

    async def save_consultation(self, tenant: str, data: dict[str, Any], published_at: datetime) -> None:
        await self._execute(
            UPSERT_CONSULTATION, uuid.UUID(data["consultation_id"]), tenant, data["title"], data["kind"],
            data["questions"], list(data.get("areas", ())), datetime.fromisoformat(data["opens_at"]),
            datetime.fromisoformat(data["closes_at"]), data.get("results_embargoed", False), published_at,
            data.get("precept"),
        )

    async def close(self, consultation_id: uuid.UUID, closed_at: datetime) -> None:
        await self._execute(CLOSE, consultation_id, closed_at)

    async def results_published(self, consultation_id: uuid.UUID, published_at: datetime) -> None:
        await self._execute(RESULTS_PUBLISHED, consultation_id, published_at)

    async def outcome_published(self, consultation_id: uuid.UUID, outcome: dict[str, str],
                                published_at: datetime) -> None:
        await self._execute(OUTCOME_PUBLISHED, consultation_id, outcome, published_at)

    async def add_responses(self, responses: Sequence[NewResponse]) -> None:
        """Store responses not seen before and not erased, with their answers."""
        columns = list(zip(*(_response_row(r) for r in responses), strict=True))
        fresh = {row["response_id"] for row in
                 await self._connection.fetch(qualified(ADD_RESPONSES, self._schema), *map(list, columns))}
        kept = [response for response in responses if response.response_id in fresh]
        answers = [(r.response_id, r.consultation_id, a.question, a.item, a.value) for r in kept for a in r.answers]
        if answers:
            await self._execute(ADD_ANSWERS, *map(list, zip(*answers, strict=True)))
        texts = [(r.response_id, r.consultation_id, t.question, r.submitted_at, t.publishable, t.text)
                 for r in kept for t in r.free_texts]
        if texts:
            await self._execute(ADD_FREE_TEXTS, *map(list, zip(*texts, strict=True)))

    async def erase(self, erasures: Sequence[Erasure]) -> None:
        rows = [(e.response_id, e.consultation_id, e.erased_at) for e in erasures]
        await self._execute(ERASE, *map(list, zip(*rows, strict=True)))

    async def moderate(self, decisions: Sequence[Decision]) -> None:
        rows = [(d.response_id, d.question, d.decision, d.moderated_at) for d in decisions]
        await self._execute(MODERATE, *map(list, zip(*rows, strict=True)))

    async def panel_questions(self, step: str, rows: Sequence[tuple]) -> None:
        """Rows of (question id, tenant, meeting id, then the step's columns' values), one per question."""
        await self._connection.execute(panel_step_sql(step, self._schema), *map(list, zip(*rows, strict=True)))


def _response_row(response: NewResponse) -> tuple:
    return (response.response_id, response.consultation_id, response.tenant, response.area, *response.bands,
            response.submitted_at)
