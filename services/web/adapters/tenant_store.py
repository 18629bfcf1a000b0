"""Offices' looks in PostgreSQL, cached in the process for a minute: every page needs them, they change rarely,
and a change made through another replica shows here within that minute."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import asyncpg

from peel.web.domain.tenants import TenantDisplay, default_display

CACHE_SECONDS = 60.0


class PostgresTenantDisplays:
    def __init__(self, pool: asyncpg.Pool, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._pool = pool
        self._clock = clock
        self._cache: dict[str, tuple[float, TenantDisplay]] = {}

    async def display(self, tenant: str) -> TenantDisplay:
        cached = self._cache.get(tenant)
        if cached and self._clock() - cached[0] < CACHE_SECONDS:
            return cached[1]
        stored = await self._pool.fetchval("SELECT display FROM web_tenant_display WHERE tenant = $1", tenant)
        display = TenantDisplay(**json.loads(stored)) if stored else default_display(tenant)
        self._cache[tenant] = (self._clock(), display)
        return display

    async def set_display(self, tenant: str, display: TenantDisplay) -> None:
        await self._pool.execute(
            """INSERT INTO web_tenant_display (tenant, display) VALUES ($1, $2::jsonb)
               ON CONFLICT (tenant) DO UPDATE SET display = EXCLUDED.display, updated_at = now()""",
            tenant, json.dumps(display.as_dict()))
        self._cache[tenant] = (self._clock(), display)
