"""The office's bilingual layout, as the templates sub-domain keeps it (English first when none is chosen)."""

from __future__ import annotations

import asyncpg

from peel.notifications.templates.adapters.versions import PostgresLayouts
from peel.notifications.templates.domain.layouts import DEFAULT_LAYOUT, Layout


async def layout_of(pool: asyncpg.Pool, tenant: str) -> Layout:
    async with pool.acquire() as connection:
        return await PostgresLayouts(connection).get(tenant) or DEFAULT_LAYOUT
