"""Venues in memory, refusing to delete one that sessions are held at."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable

from peel.scheduling.venues.domain.venues import Venue, VenueInUse
from tests.unit.scheduling_fakes import FakeTransaction


class FakeVenues:
    def __init__(self, in_use: Callable[[uuid.UUID], bool] = lambda venue_id: False) -> None:
        self.rows: dict[uuid.UUID, Venue] = {}
        self._in_use = in_use

    async def add(self, venue: Venue) -> None:
        self.rows[venue.id] = copy.deepcopy(venue)

    async def get(self, tenant: str, venue_id: uuid.UUID) -> Venue | None:
        found = self.rows.get(venue_id)
        return copy.deepcopy(found) if found and found.tenant == tenant else None

    async def of_tenant(self, tenant: str) -> list[Venue]:
        return sorted((copy.deepcopy(v) for v in self.rows.values() if v.tenant == tenant),
                      key=lambda venue: venue.details.name)

    async def save(self, venue: Venue) -> None:
        self.rows[venue.id] = copy.deepcopy(venue)

    async def remove(self, tenant: str, venue_id: uuid.UUID) -> bool:
        if await self.get(tenant, venue_id) is None:
            return False
        if self._in_use(venue_id):
            raise VenueInUse(venue_id)
        del self.rows[venue_id]
        return True


def fake_venue_work(venues: FakeVenues | None = None) -> FakeTransaction:
    return FakeTransaction(venues=venues or FakeVenues())
