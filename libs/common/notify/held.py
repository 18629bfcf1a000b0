"""A claimed message's row, locked in the sender's transaction until its attempt is recorded there."""

from __future__ import annotations

from datetime import datetime

import asyncpg

from peel.common.notify.emails import OutgoingEmail


class HeldRow:
    """How one attempt at the row's email ended: ``sent``, retried later, ``failed`` or ``dropped``.
    ``finished`` names the column stamped when the row is done with, if the table has one."""

    def __init__(self, connection: asyncpg.Connection, table: str, key: tuple[str, object], email: OutgoingEmail | None,
                 finished: str | None = None) -> None:
        self._connection = connection
        self._where = f"UPDATE {table} SET {{changes}} WHERE {key[0]} = $1"
        self._key = key[1]
        self._done = f", {finished} = now()" if finished else ""
        self.email = email

    async def sent(self) -> None:
        await self._set(f"status = 'sent'{self._done}")

    async def retry_at(self, moment: datetime, error: str) -> None:
        await self._set("next_attempt_at = $2, last_error = $3", moment, error)

    async def failed(self, error: str) -> None:
        await self._set(f"status = 'failed', last_error = $2{self._done}", error)

    async def dropped(self) -> None:
        await self._set(f"status = 'dropped'{self._done}")

    async def _set(self, changes: str, *values: object) -> None:
        await self._connection.execute(self._where.format(changes=changes), self._key, *values)
