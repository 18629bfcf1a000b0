"""The scheduling service's unit of work on PostgreSQL."""

from __future__ import annotations

import asyncpg

from peel.common.db.unit_of_work import PostgresUnitOfWork
from peel.scheduling.adapters.bookings import PostgresBookings, PostgresWaitlist
from peel.scheduling.adapters.sessions import PostgresSessions
from peel.scheduling.adapters.venues import PostgresVenues


class SchedulingUnitOfWork(PostgresUnitOfWork):
    venues: PostgresVenues
    sessions: PostgresSessions
    bookings: PostgresBookings
    waitlist: PostgresWaitlist

    def bind(self, connection: asyncpg.Connection) -> None:
        self.venues = PostgresVenues(connection)
        self.sessions = PostgresSessions(connection)
        self.bookings = PostgresBookings(connection)
        self.waitlist = PostgresWaitlist(connection)
