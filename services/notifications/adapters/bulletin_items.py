"""Items waiting for a tenant's next e-bulletin, in PostgreSQL."""

from __future__ import annotations

import asyncpg

from peel.notifications.domain.bulletins import BulletinItem

ADD = """
INSERT INTO bulletin_items (tenant, source_id, kind, title, happened_at, closes_at) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (tenant, kind, source_id) DO NOTHING
"""


class PostgresBulletinItems:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, item: BulletinItem) -> None:
        await self._connection.execute(
            ADD, item.tenant, item.source_id, item.kind, item.title, item.happened_at, item.closes_at
        )

    async def pending(self, tenant: str) -> list[BulletinItem]:
        rows = await self._connection.fetch(
            "SELECT tenant, source_id, kind, title, happened_at, closes_at FROM bulletin_items "
            "WHERE tenant = $1 AND bulletin_id IS NULL ORDER BY happened_at",
            tenant,
        )
        return [BulletinItem(**dict(row)) for row in rows]

