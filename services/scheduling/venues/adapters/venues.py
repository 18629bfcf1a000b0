"""Venues in PostgreSQL."""

from __future__ import annotations

import uuid

import asyncpg

from peel.common.db.unit_of_work import PostgresUnitOfWork
from peel.scheduling.venues.domain.venues import Accessibility, Venue, VenueDetails, VenueInUse

COLUMNS = ("id, tenant, name, address, policing_area, step_free, hearing_loop, parking, capacity, created_at, "
           "updated_at, version")


class PostgresVenues:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, venue: Venue) -> None:
        await self._connection.execute(
            f"INSERT INTO scheduling_venues ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            venue.id, venue.tenant, *_details(venue.details), venue.created_at, venue.updated_at, venue.version,
        )

    async def get(self, tenant: str, venue_id: uuid.UUID) -> Venue | None:
        row = await self._connection.fetchrow(
            f"SELECT {COLUMNS} FROM scheduling_venues WHERE id = $1 AND tenant = $2", venue_id, tenant)
        return _venue(row) if row else None

    async def of_tenant(self, tenant: str) -> list[Venue]:
        rows = await self._connection.fetch(
            f"SELECT {COLUMNS} FROM scheduling_venues WHERE tenant = $1 ORDER BY name, id", tenant)
        return [_venue(row) for row in rows]

    async def save(self, venue: Venue) -> None:
        await self._connection.execute(
            "UPDATE scheduling_venues SET name = $2, address = $3, policing_area = $4, step_free = $5, "
            "hearing_loop = $6, parking = $7, capacity = $8, updated_at = $9, version = $10 WHERE id = $1",
            venue.id, *_details(venue.details), venue.updated_at, venue.version,
        )

    async def remove(self, tenant: str, venue_id: uuid.UUID) -> bool:
        try:
            removed = await self._connection.fetchval(
                "DELETE FROM scheduling_venues WHERE id = $1 AND tenant = $2 RETURNING true", venue_id, tenant)
        except asyncpg.ForeignKeyViolationError as error:
            raise VenueInUse(venue_id) from error
        return bool(removed)


def _details(details: VenueDetails) -> tuple:
    access = details.accessibility
    return (details.name, details.address, details.policing_area, access.step_free, access.hearing_loop,
            access.parking, details.capacity)


def _venue(row: asyncpg.Record) -> Venue:
    details = VenueDetails(
        name=row["name"], address=row["address"], policing_area=row["policing_area"],
        accessibility=Accessibility(row["step_free"], row["hearing_loop"], row["parking"]), capacity=row["capacity"],
    )
    return Venue(id=row["id"], tenant=row["tenant"], details=details, created_at=row["created_at"],
                 updated_at=row["updated_at"], version=row["version"])


class PostgresVenueUnitOfWork(PostgresUnitOfWork):
    """One transaction over the tenant's venues."""

    venues: PostgresVenues

    def bind(self, connection: asyncpg.Connection) -> None:
        self.venues = PostgresVenues(connection)
