"""Items for a tenant's e-bulletins, in PostgreSQL."""

from __future__ import annotations

import uuid

import asyncpg

from peel.notifications.bulletins.domain.items import (
    CONSULTATION_OPENED,
    CONSULTATION_OUTCOME,
    BulletinItem,
    OutcomeCorrection,
)

ADD = """
INSERT INTO bulletin_items (tenant, source_id, kind, title, happened_at, closes_at, outcome)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (tenant, kind, source_id) DO UPDATE
SET title = EXCLUDED.title, happened_at = EXCLUDED.happened_at, closes_at = EXCLUDED.closes_at,
    outcome = EXCLUDED.outcome, outcome_version = NULL
WHERE bulletin_items.bulletin_id IS NULL AND EXCLUDED.happened_at > bulletin_items.happened_at
"""
PENDING = """
SELECT tenant, source_id, kind, title, happened_at, closes_at, outcome FROM bulletin_items
WHERE tenant = $1 AND bulletin_id IS NULL ORDER BY happened_at
"""
# Newer words: decided after the publication held, and of a higher version than any correction taken.
CORRECT_OUTCOME = """
UPDATE bulletin_items SET outcome = $4, outcome_version = $5
WHERE tenant = $1 AND kind = $2 AND source_id = $3 AND bulletin_id IS NULL
  AND happened_at <= $6 AND (outcome_version IS NULL OR outcome_version < $5)
"""
TITLE = "SELECT title FROM bulletin_items WHERE tenant = $1 AND kind = $2 AND source_id = $3"


class PostgresBulletinItems:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, item: BulletinItem) -> None:
        await self._connection.execute(ADD, item.tenant, item.source_id, item.kind, item.title, item.happened_at,
                                       item.closes_at, item.outcome)

    async def pending(self, tenant: str) -> list[BulletinItem]:
        return [BulletinItem(**dict(row)) for row in await self._connection.fetch(PENDING, tenant)]

    async def consultation_title(self, tenant: str, consultation_id: uuid.UUID) -> dict[str, str] | None:
        return await self._connection.fetchval(TITLE, tenant, CONSULTATION_OPENED, consultation_id)

    async def correct_outcome(self, correction: OutcomeCorrection) -> None:
        await self._connection.execute(CORRECT_OUTCOME, correction.tenant, CONSULTATION_OUTCOME,
                                       correction.consultation_id, correction.outcome, correction.version,
                                       correction.corrected_at)
