"""The database side of a rebuild: fresh copies of some read models' tables, and the swap.

The copies are made with ``CREATE TABLE ... (LIKE ... INCLUDING ALL)`` from the live tables as
their migrations left them, so they have their columns, keys, indexes and checks. The swap moves
each live table to the retired schema and its copy into the live schema; the tables of read models
not rebuilt stay as they are.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

import asyncpg

from peel.common.errors import Conflict
from peel.reporting.adapters.schema import LIVE, NEXT, REBUILD_LOCK, RETIRED, SWAP_LOCK

POSITIONS = "SELECT topic, partition, next_offset FROM consumer_positions WHERE consumer = $1"
COLUMNS = """
SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
WHERE table_schema = $1 AND table_name = ANY($2::text[]) ORDER BY table_name, ordinal_position
"""
Positions = dict[tuple[str, int], int]


@asynccontextmanager
async def only_rebuild(pool: asyncpg.Pool) -> AsyncIterator[None]:
    """Holds the rebuild lock for the whole rebuild; a second rebuild is refused."""
    async with pool.acquire() as connection:
        if not await connection.fetchval("SELECT pg_try_advisory_lock($1)", REBUILD_LOCK):
            raise Conflict("another rebuild of the read models is running")
        try:
            yield
        finally:
            await connection.execute("SELECT pg_advisory_unlock($1)", REBUILD_LOCK)


async def prepare(pool: asyncpg.Pool, rebuilder: str, tables: Sequence[str]) -> None:
    """Empty copies of the live ``tables`` in the rebuild's schema, and no positions for the rebuilder."""
    async with pool.acquire() as connection, connection.transaction():
        await connection.execute(f"DROP SCHEMA IF EXISTS {NEXT} CASCADE; DROP SCHEMA IF EXISTS {RETIRED} CASCADE")
        await connection.execute(f"CREATE SCHEMA {NEXT}; CREATE SCHEMA {RETIRED}")
        for table in tables:
            await connection.execute(f'CREATE TABLE {NEXT}."{table}" (LIKE {LIVE}."{table}" INCLUDING ALL)')
        await forget(connection, rebuilder)


async def forget(connection: asyncpg.Connection, consumer: str) -> None:
    await connection.execute("DELETE FROM consumer_positions WHERE consumer = $1", consumer)
    await connection.execute("DELETE FROM processed_events WHERE consumer = $1", consumer)


async def hold_swap_lock(connection: asyncpg.Connection) -> None:
    """Waits for the live consumer's transaction in progress, and holds off its next one."""
    await connection.execute("SELECT pg_advisory_xact_lock($1)", SWAP_LOCK)


async def positions(connection: asyncpg.Connection, consumer: str) -> Positions:
    return {(row["topic"], row["partition"]): row["next_offset"] for row in await connection.fetch(POSITIONS, consumer)}


async def swap(connection: asyncpg.Connection, tables: Sequence[str]) -> None:
    """The rebuilt ``tables`` replace the live ones, which are retired.

    Refused if the live tables changed since they were copied (a migration ran meanwhile): the
    swap would undo the change.
    """
    if await _columns(connection, LIVE, tables) != await _columns(connection, NEXT, tables):
        raise Conflict("the read-model tables changed during the rebuild (a migration?); run the rebuild again")
    for table in tables:
        await connection.execute(f'ALTER TABLE {LIVE}."{table}" SET SCHEMA {RETIRED}')
        await connection.execute(f'ALTER TABLE {NEXT}."{table}" SET SCHEMA {LIVE}')


async def _columns(connection: asyncpg.Connection, schema: str, tables: Sequence[str]) -> list[tuple]:
    return [tuple(row) for row in await connection.fetch(COLUMNS, schema, list(tables))]


async def retire(pool: asyncpg.Pool, rebuilder: str) -> None:
    async with pool.acquire() as connection, connection.transaction():
        await connection.execute(f"DROP SCHEMA IF EXISTS {RETIRED} CASCADE; DROP SCHEMA IF EXISTS {NEXT} CASCADE")
        await forget(connection, rebuilder)
