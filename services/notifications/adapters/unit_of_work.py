"""The notifications service's unit of work on PostgreSQL."""

from __future__ import annotations

import asyncpg

from peel.common.db.unit_of_work import PostgresUnitOfWork
from peel.notifications.adapters.messages import PostgresMessages


class NotificationsUnitOfWork(PostgresUnitOfWork):
    messages: PostgresMessages

    def bind(self, connection: asyncpg.Connection) -> None:
        self.messages = PostgresMessages(connection)
