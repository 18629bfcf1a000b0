"""The contacts sub-domain's unit of work on PostgreSQL: contacts, their consents and the suppression list."""

from __future__ import annotations

import asyncpg

from peel.common.db.unit_of_work import PostgresUnitOfWork
from peel.notifications.contacts.adapters.contacts import PostgresConsents, PostgresContacts
from peel.notifications.contacts.adapters.suppressions import PostgresSuppressions


class ContactsUnitOfWork(PostgresUnitOfWork):
    contacts: PostgresContacts
    consents: PostgresConsents
    suppressions: PostgresSuppressions

    def bind(self, connection: asyncpg.Connection) -> None:
        self.contacts = PostgresContacts(connection)
        self.consents = PostgresConsents(connection)
        self.suppressions = PostgresSuppressions(connection)
