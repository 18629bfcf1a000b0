"""Request and response bodies of the venue API."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from peel.scheduling.http.fields import Area, Line
from peel.scheduling.venues.domain.venues import Accessibility, Venue, VenueDetails


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AccessibilityBody(_Body):
    step_free: bool = Field(False, description="Step-free access from the street to the room")
    hearing_loop: bool = False
    parking: bool = False

    @classmethod
    def of(cls, access: Accessibility) -> AccessibilityBody:
        return cls(step_free=access.step_free, hearing_loop=access.hearing_loop, parking=access.parking)


class VenueCreate(_Body):
    name: Line
    address: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
    policing_area: Area = Field(description="The local policing area the venue is in")
    accessibility: AccessibilityBody = Field(default_factory=AccessibilityBody)
    capacity: int = Field(ge=1, le=10_000, description="How many people the room holds")

    def to_domain(self) -> VenueDetails:
        access = self.accessibility
        return VenueDetails(name=self.name, address=self.address, policing_area=self.policing_area,
                            accessibility=Accessibility(access.step_free, access.hearing_loop, access.parking),
                            capacity=self.capacity)


class VenueUpdate(VenueCreate):
    """The whole venue again: what is left out takes its default."""


class VenuePublic(BaseModel):
    id: uuid.UUID
    name: str
    address: str
    policing_area: str
    accessibility: AccessibilityBody

    @classmethod
    def of(cls, venue: Venue) -> VenuePublic:
        details = venue.details
        return cls(id=venue.id, name=details.name, address=details.address, policing_area=details.policing_area,
                   accessibility=AccessibilityBody.of(details.accessibility))


class VenueView(VenuePublic):
    capacity: int
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def of(cls, venue: Venue) -> VenueView:
        return cls(**VenuePublic.of(venue).model_dump(), capacity=venue.details.capacity,
                   created_at=venue.created_at, updated_at=venue.updated_at, version=venue.version)
