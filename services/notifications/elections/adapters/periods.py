"""Election periods in PostgreSQL (``election_periods``), and the messages each holds (``messages``).

``PostgresElectionPeriods(connection).in_force(tenant, now)`` is what the messages rule is given wherever a
message or a bulletin is decided."""

from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg

from peel.notifications.elections.domain.periods import Cancellation, ElectionKind, Moment, Period
from peel.notifications.messages.domain.checks import ElectionPeriod

COLUMNS = """id, tenant, kind, areas, notice_date, poll_date, starts_at, ends_at, created_at, created_by,
             cancelled_at, cancelled_by, cancel_reason, started_noted_at, ended_noted_at"""
ADD = f"INSERT INTO election_periods ({COLUMNS}) VALUES ({', '.join(f'${n}' for n in range(1, 16))})"
IN_FORCE = """
SELECT id, areas, starts_at, ends_at FROM election_periods
WHERE tenant = $1 AND cancelled_at IS NULL AND starts_at <= $2 AND ends_at > $2 ORDER BY starts_at, id
"""
GET = f"SELECT {COLUMNS} FROM election_periods WHERE tenant = $1 AND id = $2"
ALL = f"SELECT {COLUMNS} FROM election_periods WHERE tenant = $1 ORDER BY poll_date DESC, created_at DESC LIMIT 1000"
CANCEL = "UPDATE election_periods SET cancelled_at = $2, cancelled_by = $3, cancel_reason = $4 WHERE id = $1"
TO_NOTE = f"""
SELECT {COLUMNS} FROM election_periods
WHERE cancelled_at IS NULL AND ended_noted_at IS NULL
  AND ((started_noted_at IS NULL AND starts_at <= $1) OR ends_at <= $1)
ORDER BY starts_at LIMIT $2 FOR UPDATE SKIP LOCKED
"""
NOTED = {Moment.STARTED: "UPDATE election_periods SET started_noted_at = $2 WHERE id = $1",
         Moment.ENDED: "UPDATE election_periods SET ended_noted_at = $2 WHERE id = $1"}
HELD = """
SELECT channel, category, count(*) AS held FROM messages
WHERE tenant = $1 AND reason = $2 AND status = 'held' GROUP BY channel, category
"""


class PostgresElectionPeriods:
    def __init__(self, connection: asyncpg.Connection | asyncpg.Pool) -> None:
        self._connection = connection

    async def in_force(self, tenant: str, now: datetime) -> list[ElectionPeriod]:
        """The tenant's periods in force at ``now`` (not cancelled), as the messages rule takes them."""
        rows = await self._connection.fetch(IN_FORCE, tenant, now)
        return [ElectionPeriod(str(row["id"]), frozenset(row["areas"]), row["starts_at"], row["ends_at"])
                for row in rows]

    async def add(self, period: Period) -> None:
        await self._connection.execute(ADD, *_values(period))

    async def get(self, tenant: str, period_id: uuid.UUID, for_update: bool = False) -> Period | None:
        row = await self._connection.fetchrow(GET + (" FOR UPDATE" if for_update else ""), tenant, period_id)
        return _period(row) if row else None

    async def all(self, tenant: str) -> list[Period]:
        return [_period(row) for row in await self._connection.fetch(ALL, tenant)]

    async def save_cancelled(self, period: Period) -> None:
        done = period.cancellation
        assert done is not None
        await self._connection.execute(CANCEL, period.id, done.at, done.by, done.reason)

    async def to_note(self, now: datetime, limit: int) -> list[Period]:
        return [_period(row) for row in await self._connection.fetch(TO_NOTE, now, limit)]

    async def noted(self, period: Period, moment: Moment, now: datetime) -> None:
        await self._connection.execute(NOTED[moment], period.id, now)


class PostgresHeldMessages:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def counts(self, tenant: str, reason: str) -> dict[str, dict[str, int]]:
        by: dict[str, dict[str, int]] = {"channel": {}, "category": {}}
        for row in await self._connection.fetch(HELD, tenant, reason):
            for name in ("channel", "category"):
                by[name][row[name]] = by[name].get(row[name], 0) + row["held"]
        return by


def _values(period: Period) -> tuple:
    done = period.cancellation
    return (period.id, period.tenant, period.kind.value, list(period.areas), period.notice_date, period.poll_date,
            period.starts_at, period.ends_at, period.created_at, period.created_by, done and done.at,
            done and done.by, done and done.reason, period.started_noted_at, period.ended_noted_at)


def _period(row: asyncpg.Record) -> Period:
    cancelled = row["cancelled_at"]
    cancellation = Cancellation(cancelled, row["cancelled_by"] or "", row["cancel_reason"] or "") if cancelled else None
    return Period(row["id"], row["tenant"], ElectionKind(row["kind"]), tuple(row["areas"]), row["notice_date"],
                  row["poll_date"], row["created_at"], row["created_by"], cancellation, row["started_noted_at"],
                  row["ended_noted_at"])
