"""The notifications service's unit of work on PostgreSQL."""

from __future__ import annotations

import asyncpg

from peel.common.db.unit_of_work import PostgresUnitOfWork
from peel.common.outbox import Outbox
from peel.notifications.contacts.adapters.audience import PostgresAudiences
from peel.notifications.contacts.adapters.contacts import PostgresConsents, PostgresContacts
from peel.notifications.contacts.adapters.suppressions import PostgresSuppressions
from peel.notifications.elections.adapters.periods import PostgresElectionPeriods
from peel.notifications.messages.adapters.messages import PostgresHoldReleases, PostgresMessages
from peel.notifications.messages.adapters.recipients import PostgresContactAddresses
from peel.notifications.messages.adapters.standings import PostgresStandings
from peel.notifications.templates.adapters.versions import PostgresTemplateVersions


class NotificationsUnitOfWork(PostgresUnitOfWork):
    messages: PostgresMessages
    contacts: PostgresContacts
    consents: PostgresConsents
    suppressions: PostgresSuppressions
    standings: PostgresStandings
    audiences: PostgresAudiences
    elections: PostgresElectionPeriods
    hold_releases: PostgresHoldReleases
    addresses: PostgresContactAddresses
    templates: PostgresTemplateVersions

    def __init__(self, pool: asyncpg.Pool, outbox: Outbox, weekly_cap_default: int = 2) -> None:
        super().__init__(pool, outbox)
        self._weekly_cap_default = weekly_cap_default

    def bind(self, connection: asyncpg.Connection) -> None:
        self.messages = PostgresMessages(connection)
        self.contacts = PostgresContacts(connection)
        self.consents = PostgresConsents(connection)
        self.suppressions = PostgresSuppressions(connection)
        self.standings = PostgresStandings(connection)
        self.audiences = PostgresAudiences(connection, self._weekly_cap_default)
        self.elections = PostgresElectionPeriods(connection)
        self.hold_releases = PostgresHoldReleases(connection)
        self.addresses = PostgresContactAddresses(connection)
        self.templates = PostgresTemplateVersions(connection)
