"""The notifications service's unit of work on PostgreSQL."""

from __future__ import annotations

import asyncpg

from peel.common.db.unit_of_work import PostgresUnitOfWork
from peel.notifications.contacts.adapters.contacts import PostgresConsents, PostgresContacts
from peel.notifications.contacts.adapters.suppressions import PostgresSuppressions
from peel.notifications.messages.adapters.messages import PostgresMessages


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
