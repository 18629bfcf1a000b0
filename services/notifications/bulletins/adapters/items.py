"""Items for a tenant's e-bulletins, in PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg

from peel.notifications.bulletins.domain.items import (
    CONSULTATION_OPENED,
    CONSULTATION_OUTCOME,
    BulletinItem,
    OutcomeCorrection,
)
from peel.notifications.bulletins.domain.news import CONSULTATION_CLOSING_SOON, CONSULTATION_EXTENDED

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
REPLACE = """
INSERT INTO bulletin_items (tenant, source_id, kind, title, happened_at, closes_at, outcome)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (tenant, kind, source_id) DO UPDATE
SET title = EXCLUDED.title, happened_at = EXCLUDED.happened_at, closes_at = EXCLUDED.closes_at,
    outcome = EXCLUDED.outcome
WHERE bulletin_items.bulletin_id IS NULL
"""
WITHDRAW = "DELETE FROM bulletin_items WHERE tenant = $1 AND kind = $2 AND source_id = $3 AND bulletin_id IS NULL"
TAKE = """
UPDATE bulletin_items SET bulletin_id = $2 WHERE tenant = $1 AND bulletin_id IS NULL
RETURNING tenant, source_id, kind, title, happened_at, closes_at, outcome
"""
# Consultations announced in an earlier bulletin and closing within the fortnight: reminded once, in this one.
CLOSING_SOON = f"""
INSERT INTO bulletin_items (tenant, source_id, kind, title, happened_at, closes_at, bulletin_id)
SELECT tenant, source_id, '{CONSULTATION_CLOSING_SOON}', title, $3, closes_at, $2 FROM bulletin_items
WHERE tenant = $1 AND kind IN ('{CONSULTATION_OPENED}', '{CONSULTATION_EXTENDED}') AND bulletin_id IS NOT NULL
  AND bulletin_id <> $2 AND closes_at > $3 AND closes_at <= $3 + interval '14 days'
ON CONFLICT (tenant, kind, source_id) DO NOTHING
RETURNING tenant, source_id, kind, title, happened_at, closes_at, outcome
"""
GIVE_BACK = f"""
WITH reminders AS (
    DELETE FROM bulletin_items WHERE tenant = $1 AND bulletin_id = $2 AND kind = '{CONSULTATION_CLOSING_SOON}'
)
UPDATE bulletin_items SET bulletin_id = NULL WHERE tenant = $1 AND bulletin_id = $2
    AND kind <> '{CONSULTATION_CLOSING_SOON}'
"""
TITLE = "SELECT title FROM bulletin_items WHERE tenant = $1 AND kind = $2 AND source_id = $3"


class PostgresBulletinItems:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, item: BulletinItem) -> None:
        await self._connection.execute(ADD, item.tenant, item.source_id, item.kind, item.title, item.happened_at,
                                       item.closes_at, item.outcome)

    async def replace(self, item: BulletinItem) -> None:
        await self._connection.execute(REPLACE, item.tenant, item.source_id, item.kind, item.title, item.happened_at,
                                       item.closes_at, item.outcome)

    async def withdraw(self, tenant: str, kind: str, source_id: uuid.UUID) -> None:
        await self._connection.execute(WITHDRAW, tenant, kind, source_id)

    async def pending(self, tenant: str) -> list[BulletinItem]:
        return [BulletinItem(**dict(row)) for row in await self._connection.fetch(PENDING, tenant)]

    async def consultation_title(self, tenant: str, consultation_id: uuid.UUID) -> dict[str, str] | None:
        return await self._connection.fetchval(TITLE, tenant, CONSULTATION_OPENED, consultation_id)

    async def correct_outcome(self, correction: OutcomeCorrection) -> None:
        await self._connection.execute(CORRECT_OUTCOME, correction.tenant, CONSULTATION_OUTCOME,
                                       correction.consultation_id, correction.outcome, correction.version,
                                       correction.corrected_at)

    async def take(self, tenant: str, bulletin_id: uuid.UUID, now: datetime) -> list[BulletinItem]:
        rows = await self._connection.fetch(TAKE, tenant, bulletin_id)
        rows += await self._connection.fetch(CLOSING_SOON, tenant, bulletin_id, now)
        return sorted((BulletinItem(**dict(row)) for row in rows), key=lambda item: item.happened_at)

    async def give_back(self, tenant: str, bulletin_id: uuid.UUID) -> None:
        await self._connection.execute(GIVE_BACK, tenant, bulletin_id)
