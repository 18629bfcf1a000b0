"""One PostgreSQL transaction holding a use case's state changes and the outbox rows of its events."""

from __future__ import annotations

from types import TracebackType
from typing import Self

import asyncpg
from asyncpg.transaction import Transaction

from peel.common.events import Event
from peel.common.outbox import Outbox


class PostgresUnitOfWork:
    """Subclasses create their repositories in ``bind``; events are stored on ``commit``."""

    connection: asyncpg.Connection

    def __init__(self, pool: asyncpg.Pool, outbox: Outbox) -> None:
        self._pool = pool
        self._outbox = outbox
        self._transaction: Transaction | None = None
        self._events: list[tuple[Event, str]] = []

    def bind(self, connection: asyncpg.Connection) -> None:
        """Create the repositories on ``connection``."""

    async def __aenter__(self) -> Self:
        self.connection = await self._pool.acquire()
        self._transaction = self.connection.transaction()
        await self._transaction.start()
        self._events = []
        self.bind(self.connection)
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        try:
            if self._transaction is not None:
                await self._transaction.rollback()
        finally:
            self._transaction = None
            await self._pool.release(self.connection)

    def emit(self, event: Event, tenant: str) -> None:
        self._events.append((event, tenant))

    async def commit(self) -> None:
        assert self._transaction is not None, "commit outside the unit of work"
        await self._outbox.add(self.connection, self._events)
        self._events = []
        await self._transaction.commit()
        self._transaction = None
