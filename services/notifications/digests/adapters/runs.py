"""Digest runs on PostgreSQL: the run, the contacts and channels it has to do, and its progress."""

from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg

from peel.notifications.contacts.domain.consents import Channel
from peel.notifications.digests.domain.digests import DigestFrequency
from peel.notifications.digests.domain.runs import DigestRun, Due

RUN_COLUMNS = ("r.id, r.tenant, r.frequency, r.period, r.cutoff, r.started_at, r.started_by, r.contacts_due, "
               "r.completed_at, r.messages, r.entries, "
               "(SELECT count(*) FROM digest_run_contacts d WHERE d.run_id = r.id AND d.done_at IS NOT NULL)"
               "::integer AS contacts_done")
TENANTS_DUE = """
SELECT DISTINCT tenant FROM digest_entries WHERE digest_id IS NULL AND frequency = $1 AND created_at <= $2
"""
START = """
INSERT INTO digest_runs (id, tenant, frequency, period, cutoff, started_at, started_by, contacts_due)
VALUES ($1, $2, $3, $4, $5, $6, $7, 0)
ON CONFLICT (tenant, frequency, period) WHERE period IS NOT NULL DO NOTHING
RETURNING id
"""
DUE_CONTACTS = """
WITH due AS (
    INSERT INTO digest_run_contacts (run_id, contact_id, channel)
    SELECT DISTINCT $1::uuid, contact_id, channel FROM digest_entries
    WHERE tenant = $2 AND frequency = $3 AND digest_id IS NULL AND created_at <= $4
    RETURNING 1)
UPDATE digest_runs SET contacts_due = (SELECT count(*) FROM due) WHERE id = $1
RETURNING contacts_due
"""
CLAIM = """
SELECT contact_id, channel FROM digest_run_contacts WHERE run_id = $1 AND done_at IS NULL
ORDER BY contact_id, channel LIMIT $2
FOR UPDATE SKIP LOCKED
"""
DONE = """
WITH done AS (
    UPDATE digest_run_contacts SET done_at = $4, message_id = $5
    WHERE run_id = $1 AND contact_id = $2 AND channel = $3 AND done_at IS NULL RETURNING 1)
UPDATE digest_runs SET messages = messages + (CASE WHEN $5::uuid IS NULL THEN 0 ELSE 1 END), entries = entries + $6
WHERE id = $1 AND EXISTS (SELECT 1 FROM done)
"""
COMPLETE = """
UPDATE digest_runs SET completed_at = $2
WHERE id = $1 AND completed_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM digest_run_contacts WHERE run_id = $1 AND done_at IS NULL)
RETURNING id
"""


def _run(row: asyncpg.Record) -> DigestRun:
    values = dict(row)
    values["frequency"] = DigestFrequency(values["frequency"])
    return DigestRun(**values)


class PostgresDigestRuns:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def tenants_due(self, frequency: DigestFrequency, cutoff: datetime) -> list[str]:
        return [row["tenant"] for row in await self._connection.fetch(TENANTS_DUE, frequency.value, cutoff)]

    async def start(self, run: DigestRun) -> DigestRun | None:
        stored = await self._connection.fetchval(START, run.id, run.tenant, run.frequency.value, run.period,
                                                 run.cutoff, run.started_at, run.started_by)
        if stored is None:
            return None
        await self._connection.fetchval(DUE_CONTACTS, run.id, run.tenant, run.frequency.value, run.cutoff)
        return await self.get(run.id)

    async def get(self, run_id: uuid.UUID) -> DigestRun | None:
        row = await self._connection.fetchrow(f"SELECT {RUN_COLUMNS} FROM digest_runs r WHERE r.id = $1", run_id)
        return _run(row) if row else None

    async def unfinished(self) -> list[DigestRun]:
        sql = f"SELECT {RUN_COLUMNS} FROM digest_runs r WHERE r.completed_at IS NULL ORDER BY r.started_at"
        return [_run(row) for row in await self._connection.fetch(sql)]

    async def of_tenant(self, tenant: str, limit: int) -> list[DigestRun]:
        sql = (f"SELECT {RUN_COLUMNS} FROM digest_runs r WHERE r.tenant = $1 "
               "ORDER BY r.started_at DESC, r.id LIMIT $2")
        return [_run(row) for row in await self._connection.fetch(sql, tenant, limit)]

    async def claim(self, run: DigestRun, limit: int) -> list[Due]:
        rows = await self._connection.fetch(CLAIM, run.id, limit)
        return [Due(row["contact_id"], Channel(row["channel"])) for row in rows]

    async def done(self, run: DigestRun, due: Due, message_id: uuid.UUID | None, entries: int,
                   now: datetime) -> None:
        await self._connection.execute(DONE, run.id, due.contact_id, due.channel.value, now, message_id, entries)

    async def complete(self, run: DigestRun, now: datetime) -> DigestRun | None:
        if await self._connection.fetchval(COMPLETE, run.id, now) is None:
            return None
        return await self.get(run.id)
