"""The notifications service's unit of work on PostgreSQL."""

from __future__ import annotations

import asyncpg

from peel.common.db.unit_of_work import PostgresUnitOfWork
from peel.notifications.adapters.contacts import PostgresConsents, PostgresContacts
from peel.notifications.adapters.messages import PostgresMessages
from peel.notifications.adapters.suppressions import PostgresSuppressions


class NotificationsUnitOfWork(PostgresUnitOfWork):
    messages: PostgresMessages
    contacts: PostgresContacts
    consents: PostgresConsents
    suppressions: PostgresSuppressions

    def bind(self, connection: asyncpg.Connection) -> None:
        self.messages = PostgresMessages(connection)
        self.contacts = PostgresContacts(connection)
        self.consents = PostgresConsents(connection)
        self.suppressions = PostgresSuppressions(connection)
