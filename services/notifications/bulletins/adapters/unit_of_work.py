"""The bulletins sub-domain's unit of work on PostgreSQL: bulletins, their messages and waiting items, and what
the contacts and elections sub-domains know of the audience."""

from __future__ import annotations

import asyncpg

from peel.common.db.unit_of_work import PostgresUnitOfWork
from peel.common.outbox import Outbox
from peel.notifications.bulletins.adapters.bulletin_messages import PostgresBulletinMessages
from peel.notifications.bulletins.adapters.bulletins import PostgresBulletins
from peel.notifications.bulletins.adapters.items import PostgresBulletinItems
from peel.notifications.contacts.adapters.audience import PostgresAudiences
from peel.notifications.elections.adapters.periods import PostgresElectionPeriods


class BulletinsUnitOfWork(PostgresUnitOfWork):
    bulletins: PostgresBulletins
    messages: PostgresBulletinMessages
    items: PostgresBulletinItems
    audiences: PostgresAudiences
    elections: PostgresElectionPeriods

    def __init__(self, pool: asyncpg.Pool, outbox: Outbox, weekly_cap_default: int = 2) -> None:
        super().__init__(pool, outbox)
        self._weekly_cap_default = weekly_cap_default

    def bind(self, connection: asyncpg.Connection) -> None:
        self.bulletins = PostgresBulletins(connection)
        self.audiences = PostgresAudiences(connection, self._weekly_cap_default)
        self.messages = PostgresBulletinMessages(connection, self.audiences)
        self.items = PostgresBulletinItems(connection)
        self.elections = PostgresElectionPeriods(connection)
