"""Consultations and responses in PostgreSQL; every staff query names the tenant."""

from __future__ import annotations

import uuid

import asyncpg

from peel.consultation.adapters.rows import consultation_from_row, question_to_json, text_to_json
from peel.consultation.domain.model import Consultation, Response

COLUMNS = "id, tenant, title, kind, status, questions, closes_at, opens_at, created_at, version"


class PostgresConsultations:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, consultation: Consultation) -> None:
        await self._connection.execute(
            f"INSERT INTO consultations ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            consultation.id, consultation.tenant, text_to_json(consultation.title), consultation.kind.value,
            consultation.status.value, [question_to_json(q) for q in consultation.questions],
            consultation.closes_at, consultation.opens_at, consultation.created_at, consultation.version,
        )

    async def get(self, tenant: str, consultation_id: uuid.UUID) -> Consultation | None:
        row = await self._connection.fetchrow(
            f"SELECT {COLUMNS} FROM consultations WHERE id = $1 AND tenant = $2 FOR UPDATE", consultation_id, tenant
        )
        return consultation_from_row(row) if row else None

    async def get_public(self, consultation_id: uuid.UUID) -> Consultation | None:
        row = await self._connection.fetchrow(
            f"SELECT {COLUMNS} FROM consultations WHERE id = $1 FOR SHARE", consultation_id
        )
        return consultation_from_row(row) if row else None

    async def save(self, consultation: Consultation) -> None:
        await self._connection.execute(
            "UPDATE consultations SET status = $2, opens_at = $3, closes_at = $4, version = $5 WHERE id = $1",
            consultation.id, consultation.status.value, consultation.opens_at, consultation.closes_at,
            consultation.version,
        )


class PostgresResponses:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, response: Response) -> None:
        await self._connection.execute(
            "INSERT INTO responses (id, consultation_id, tenant, answers, submitted_at) VALUES ($1, $2, $3, $4, $5)",
            response.id, response.consultation_id, response.tenant,
            [answer.model_dump(mode="json") for answer in response.answers], response.submitted_at,
        )
