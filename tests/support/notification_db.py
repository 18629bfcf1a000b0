"""The notifications service's tables on real PostgreSQL, as integration and end-to-end tests set up and read them."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import asyncpg

from peel.common.db.migrations import migrate
from peel.common.db.pool import create_pool
from peel.notifications.bootstrap import MIGRATIONS


@asynccontextmanager
async def notifications_pool(database: str, min_size: int = 1, max_size: int = 4) -> AsyncIterator[asyncpg.Pool]:
    """The notifications migrations applied to ``database``, and a pool on it, closed afterwards."""
    await migrate(database, MIGRATIONS)
    pool = await create_pool(database, min_size=min_size, max_size=max_size)
    try:
        yield pool
    finally:
        await pool.close()


async def insert_contact(db: asyncpg.Pool | asyncpg.Connection, email: str, tenant: str = "cheshire",
                         at: datetime | None = None, by: str = "staff") -> uuid.UUID:
    """A Welsh-speaking contact, recorded directly in the contacts table."""
    contact_id = uuid.uuid4()
    await db.execute("INSERT INTO contacts (id, tenant, email, language, created_at, created_by) "
                     "VALUES ($1, $2, $3, 'cy', $4, $5)", contact_id, tenant, email, at or datetime.now(UTC), by)
    return contact_id


@asynccontextmanager
async def connected(dsn: str) -> AsyncIterator[asyncpg.Connection]:
    connection = await asyncpg.connect(dsn)
    try:
        yield connection
    finally:
        await connection.close()


async def fetch_rows(dsn: str, query: str, *arguments: object) -> list[asyncpg.Record]:
    async with connected(dsn) as connection:
        return await connection.fetch(query, *arguments)


async def fetch_row(dsn: str, query: str, *arguments: object) -> asyncpg.Record | None:
    async with connected(dsn) as connection:
        return await connection.fetchrow(query, *arguments)
