"""A tenant's precept settings in PostgreSQL: one row per tenant, replaced whole."""

from __future__ import annotations

from datetime import datetime

import asyncpg

from peel.consultation.adapters.rows import limit_from_json, limit_to_json, ratios_from_json, ratios_to_json
from peel.consultation.domain.precept_settings import PreceptSettings

UPSERT = """
INSERT INTO precept_settings (tenant, ratios, referendum_limit, band_d_current, updated_by, updated_at)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (tenant) DO UPDATE SET ratios = $2, referendum_limit = $3, band_d_current = $4, updated_by = $5,
                                   updated_at = $6
"""


class PostgresPreceptSettings:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def get(self, tenant: str) -> PreceptSettings | None:
        row = await self._connection.fetchrow(
            "SELECT ratios, referendum_limit, band_d_current FROM precept_settings WHERE tenant = $1", tenant
        )
        if row is None:
            return None
        return PreceptSettings(ratios=ratios_from_json(row["ratios"]),
                               referendum_limit=limit_from_json(row["referendum_limit"]),
                               band_d_current=row["band_d_current"])

    async def replace(self, tenant: str, settings: PreceptSettings, editor: str, now: datetime) -> None:
        await self._connection.execute(UPSERT, tenant, ratios_to_json(settings.ratios),
                                       limit_to_json(settings.referendum_limit), settings.band_d_current, editor, now)
