"""The cascade's unit of work on PostgreSQL: acknowledgement records, chaser messages, councils' names."""

from __future__ import annotations

import asyncpg

from peel.common.db.unit_of_work import PostgresUnitOfWork
from peel.notifications.cascade.adapters.acknowledgements import PostgresAcknowledgements
from peel.notifications.cascade.adapters.chasers import PostgresChasers, PostgresCouncils


class CascadeUnitOfWork(PostgresUnitOfWork):
    acknowledgements: PostgresAcknowledgements
    chasers: PostgresChasers
    councils: PostgresCouncils

    def bind(self, connection: asyncpg.Connection) -> None:
        self.acknowledgements = PostgresAcknowledgements(connection)
        self.chasers = PostgresChasers(connection)
        self.councils = PostgresCouncils(connection)
