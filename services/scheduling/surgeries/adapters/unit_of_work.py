"""The surgeries' unit of work on PostgreSQL: venues, sessions, bookings and the waitlist."""

from __future__ import annotations

import asyncpg

from peel.common.db.unit_of_work import PostgresUnitOfWork
from peel.scheduling.surgeries.adapters.bookings import PostgresBookings, PostgresWaitlist
from peel.scheduling.surgeries.adapters.sessions import PostgresSessions
from peel.scheduling.venues.adapters.venues import PostgresVenues


class PostgresSurgeryUnitOfWork(PostgresUnitOfWork):
    venues: PostgresVenues
    sessions: PostgresSessions
    bookings: PostgresBookings
    waitlist: PostgresWaitlist

    def bind(self, connection: asyncpg.Connection) -> None:
        self.venues = PostgresVenues(connection)
        self.sessions = PostgresSessions(connection)
        self.bookings = PostgresBookings(connection)
        self.waitlist = PostgresWaitlist(connection)
