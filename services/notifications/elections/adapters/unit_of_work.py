"""The elections sub-domain's unit of work on PostgreSQL: election periods and the messages they hold."""

from __future__ import annotations

import asyncpg

from peel.common.db.unit_of_work import PostgresUnitOfWork
from peel.notifications.elections.adapters.periods import PostgresElectionPeriods, PostgresHeldMessages


class ElectionsUnitOfWork(PostgresUnitOfWork):
    periods: PostgresElectionPeriods
    held: PostgresHeldMessages

    def bind(self, connection: asyncpg.Connection) -> None:
        self.periods = PostgresElectionPeriods(connection)
        self.held = PostgresHeldMessages(connection)
