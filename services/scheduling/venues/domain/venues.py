"""Venues where the Commissioner holds surgeries: per tenant, with what makes them accessible."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime

from peel.common.errors import Conflict


@dataclass(frozen=True, slots=True)
class Accessibility:
    step_free: bool = False
    hearing_loop: bool = False
    parking: bool = False


@dataclass(frozen=True, slots=True)
class VenueDetails:
    """What staff say about a venue; the same for creating and replacing it."""

    name: str
    address: str
    policing_area: str
    accessibility: Accessibility
    capacity: int


@dataclass(frozen=True, slots=True)
class Venue:
    id: uuid.UUID
    tenant: str
    details: VenueDetails
    created_at: datetime
    updated_at: datetime
    version: int = 1

    @classmethod
    def create(cls, tenant: str, details: VenueDetails, now: datetime) -> Venue:
        return cls(id=uuid.uuid4(), tenant=tenant, details=details, created_at=now, updated_at=now)

    def update(self, details: VenueDetails, now: datetime) -> Venue:
        return replace(self, details=details, updated_at=now, version=self.version + 1)


class VenueInUse(Conflict):
    def __init__(self, venue_id: uuid.UUID) -> None:
        super().__init__(f"venue {venue_id} has surgery sessions; it cannot be deleted, but its details can still "
                         "be changed")
