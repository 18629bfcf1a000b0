"""What every read model's store shares: SQL run in one read-model schema, and a consistent read.

A store is built on a connection and a schema: the live read models, or a rebuild's copies. Its
SQL names tables as ``{schema}.table``; rows for a batch statement are tuples in its column order,
sent as one array per column (``unnest``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import asyncpg

from peel.reporting.adapters.schema import LIVE, SWAP_LOCK, qualified

S = TypeVar("S", bound="Store")


class Store:
    """Runs a read model's SQL in one read-model schema (``LIVE`` unless a rebuild's copy)."""

    def __init__(self, connection: asyncpg.Connection, schema: str = LIVE) -> None:
        self._connection = connection
        self._schema = schema

    def _sql(self, sql: str, **names: str) -> str:
        return qualified(sql, self._schema, **names)

    async def _fetch(self, sql: str, *arguments: Any, **names: str) -> list[asyncpg.Record]:
        return await self._connection.fetch(self._sql(sql, **names), *arguments)

    async def _fetchrow(self, sql: str, *arguments: Any) -> asyncpg.Record | None:
        return await self._connection.fetchrow(self._sql(sql), *arguments)

    async def _fetchval(self, sql: str, *arguments: Any) -> Any:
        return await self._connection.fetchval(self._sql(sql), *arguments)

    async def _execute(self, sql: str, *arguments: Any) -> None:
        await self._connection.execute(self._sql(sql), *arguments)

    async def _rows(self, sql: str, rows: Sequence[tuple], **names: str) -> None:
        """Runs a batch statement on ``rows`` (none: nothing to do), one array per column."""
        if rows:
            await self._connection.execute(self._sql(sql, **names), *columns(rows))


def columns(rows: Sequence[tuple]) -> list[list]:
    """Rows turned into one list per column, as an ``unnest`` of arrays takes them."""
    return [list(column) for column in zip(*rows, strict=True)]


@asynccontextmanager
async def reading(pool: asyncpg.Pool, kind: type[S]) -> AsyncIterator[S]:
    """A store of the live read models whose queries share one snapshot and never straddle a rebuild's swap."""
    async with pool.acquire() as connection:
        await connection.execute("SELECT pg_advisory_lock_shared($1)", SWAP_LOCK)
        try:
            async with connection.transaction(isolation="repeatable_read", readonly=True):
                yield kind(connection)
        finally:
            await connection.execute("SELECT pg_advisory_unlock_shared($1)", SWAP_LOCK)
