"""The digests' unit of work on PostgreSQL: runs, the entries and messages they write, and the elections in
force."""

from __future__ import annotations

import asyncpg

from peel.common.db.unit_of_work import PostgresUnitOfWork
from peel.common.outbox import Outbox
from peel.notifications.contacts.adapters.audience import PostgresAudiences
from peel.notifications.digests.adapters.entries import PostgresDigestEntries
from peel.notifications.digests.adapters.runs import PostgresDigestRuns
from peel.notifications.elections.adapters.periods import PostgresElectionPeriods


class DigestsUnitOfWork(PostgresUnitOfWork):
    runs: PostgresDigestRuns
    entries: PostgresDigestEntries
    elections: PostgresElectionPeriods

    def __init__(self, pool: asyncpg.Pool, outbox: Outbox, weekly_cap_default: int = 2) -> None:
        super().__init__(pool, outbox)
        self._weekly_cap_default = weekly_cap_default

    def bind(self, connection: asyncpg.Connection) -> None:
        self.runs = PostgresDigestRuns(connection)
        self.entries = PostgresDigestEntries(connection, PostgresAudiences(connection, self._weekly_cap_default))
        self.elections = PostgresElectionPeriods(connection)
