"""The ports the venue use cases need: the venues, in a transaction; and the directory other sub-domains read."""

from __future__ import annotations

import uuid
from typing import Protocol, Self

from peel.scheduling.venues.domain.venues import Venue


class VenueDirectory(Protocol):
    """The venues as the other sub-domains see them: to check one given, and to show where things are held."""

    async def get(self, tenant: str, venue_id: uuid.UUID) -> Venue | None:
        """The tenant's venue; ``None`` for another tenant's."""

    async def of_tenant(self, tenant: str) -> list[Venue]: ...


class Venues(VenueDirectory, Protocol):
    async def add(self, venue: Venue) -> None: ...

    async def save(self, venue: Venue) -> None: ...

    async def remove(self, tenant: str, venue_id: uuid.UUID) -> bool:
        """``False`` if there was no such venue; ``VenueInUse`` if sessions are held there."""


class VenueUnitOfWork(Protocol):
    venues: Venues

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    async def commit(self) -> None: ...
