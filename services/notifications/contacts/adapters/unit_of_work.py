"""The contacts sub-domain's unit of work on PostgreSQL: contacts, their consents and preferences, the suppression
list, organisations, and the messages as far as a contact's wishes reach them."""

from __future__ import annotations

import asyncpg

from peel.common.db.unit_of_work import PostgresUnitOfWork
from peel.notifications.contacts.adapters.contacts import PostgresConsents, PostgresContacts
from peel.notifications.contacts.adapters.organisations import PostgresOrganisations
from peel.notifications.contacts.adapters.preferences import (
    PostgresContactMessages,
    PostgresPreferences,
    PostgresUnsubscriptions,
)
from peel.notifications.contacts.adapters.suppressions import PostgresSuppressions


class ContactsUnitOfWork(PostgresUnitOfWork):
    contacts: PostgresContacts
    consents: PostgresConsents
    suppressions: PostgresSuppressions
    preferences: PostgresPreferences
    unsubscriptions: PostgresUnsubscriptions
    messages: PostgresContactMessages
    organisations: PostgresOrganisations

    def bind(self, connection: asyncpg.Connection) -> None:
        self.contacts = PostgresContacts(connection)
        self.consents = PostgresConsents(connection)
        self.suppressions = PostgresSuppressions(connection)
        self.preferences = PostgresPreferences(connection)
        self.unsubscriptions = PostgresUnsubscriptions(connection)
        self.messages = PostgresContactMessages(connection)
        self.organisations = PostgresOrganisations(connection)
