"""Consultations in PostgreSQL; every staff query names the tenant."""

from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg

from peel.consultation.adapters.question_rows import question_to_json, text_from_json, text_to_json
from peel.consultation.adapters.rows import consultation_from_row, precept_to_json, section_to_json
from peel.consultation.domain.model import Consultation, Correction, CorrectionRecord

COLUMNS = (
    "id, tenant, title, kind, status, questions, closes_at, opens_at, created_at, version, "
    "requires_welsh, results_embargoed, closed_at, outcome, precept, summary, sections, updated_at"
)
DUE = """
SELECT id FROM consultations
WHERE (status = 'scheduled' AND opens_at <= $1) OR (status IN ('scheduled', 'open') AND closes_at <= $1)
ORDER BY closes_at LIMIT $2 FOR UPDATE SKIP LOCKED
"""
PUBLISHED = f"""
(SELECT {COLUMNS} FROM consultations WHERE tenant = $1 AND status IN ('scheduled', 'open'))
UNION ALL
(SELECT {COLUMNS} FROM consultations WHERE tenant = $1 AND status IN ('closed', 'results_published')
 ORDER BY closed_at DESC LIMIT $2)
"""


class PostgresConsultations:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, consultation: Consultation) -> None:
        await self._connection.execute(
            f"INSERT INTO consultations ({COLUMNS}) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
            *_values(consultation),
        )

    async def get(self, tenant: str, consultation_id: uuid.UUID) -> Consultation | None:
        row = await self._connection.fetchrow(
            f"SELECT {COLUMNS} FROM consultations WHERE id = $1 AND tenant = $2 FOR UPDATE", consultation_id, tenant
        )
        return consultation_from_row(row) if row else None

    async def get_public(self, consultation_id: uuid.UUID) -> Consultation | None:
        row = await self._connection.fetchrow(
            f"SELECT {COLUMNS} FROM consultations WHERE id = $1", consultation_id
        )
        return consultation_from_row(row) if row else None

    async def get_for_response(self, consultation_id: uuid.UUID) -> Consultation | None:
        """Any tenant's consultation, key-share locked: closing it waits for the responses in flight."""
        row = await self._connection.fetchrow(
            f"SELECT {COLUMNS} FROM consultations WHERE id = $1 FOR KEY SHARE", consultation_id
        )
        return consultation_from_row(row) if row else None

    async def list(self, tenant: str, limit: int = 100) -> list[Consultation]:
        rows = await self._connection.fetch(
            f"SELECT {COLUMNS} FROM consultations WHERE tenant = $1 ORDER BY created_at DESC LIMIT $2", tenant, limit
        )
        return [consultation_from_row(row) for row in rows]

    async def published(self, tenant: str, closed_limit: int) -> list[Consultation]:
        """The office's scheduled and open consultations, and its ``closed_limit`` most recently closed."""
        return [consultation_from_row(row) for row in await self._connection.fetch(PUBLISHED, tenant, closed_limit)]

    async def due(self, now: datetime, limit: int = 50) -> list[Consultation]:
        """Consultations due to open or close, locked; another replica skips them."""
        ids = [row["id"] for row in await self._connection.fetch(DUE, now, limit)]
        rows = await self._connection.fetch(f"SELECT {COLUMNS} FROM consultations WHERE id = ANY($1)", ids)
        return [consultation_from_row(row) for row in rows]

    async def save(self, consultation: Consultation) -> None:
        await self._connection.execute(
            f"UPDATE consultations SET ({COLUMNS}) = "
            "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) "
            "WHERE id = $1",
            *_values(consultation),
        )

    async def record_corrections(self, consultation: Consultation, corrections: list[Correction], editor: str,
                                 now: datetime) -> None:
        await self._connection.executemany(
            "INSERT INTO consultation_corrections "
            "(consultation_id, version, field, before, after, editor, corrected_at)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7)",
            [(consultation.id, consultation.version, c.field, text_to_json(c.before), text_to_json(c.after), editor,
              now) for c in corrections],
        )

    async def correction_history(self, consultation_id: uuid.UUID) -> list[CorrectionRecord]:
        rows = await self._connection.fetch(
            "SELECT version, field, before, after, editor, corrected_at FROM consultation_corrections "
            "WHERE consultation_id = $1 ORDER BY version, field", consultation_id,
        )
        return [CorrectionRecord(row["version"], Correction(row["field"], text_from_json(row["before"]),
                                                            text_from_json(row["after"])),
                                 row["editor"], row["corrected_at"]) for row in rows]


def _values(consultation: Consultation) -> tuple:
    c = consultation
    return (
        c.id, c.tenant, text_to_json(c.title), c.kind.value, c.status.value, [question_to_json(q) for q in c.questions],
        c.closes_at, c.opens_at, c.created_at, c.version, c.requires_welsh, c.results_embargoed, c.closed_at,
        text_to_json(c.outcome) if c.outcome else None, precept_to_json(c.precept) if c.precept else None,
        text_to_json(c.summary) if c.summary else None, [section_to_json(section) for section in c.sections],
        c.updated_at,
    )
