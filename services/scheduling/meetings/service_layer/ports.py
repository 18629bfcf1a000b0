"""The ports the neighbourhood meeting use cases need: meetings, the tenant's attendees and topics, confirmed
plans and the venues, in a transaction that also stores events."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Protocol, Self

from peel.common.events import Event
from peel.scheduling.meetings.domain.meetings import Meeting, Topic
from peel.scheduling.meetings.domain.meetings_plan import Attendee, Plan
from peel.scheduling.venues.service_layer.ports import VenueDirectory


class Meetings(Protocol):
    async def add(self, meeting: Meeting) -> None: ...

    async def save(self, meeting: Meeting) -> None: ...

    async def get(self, tenant: str, meeting_id: uuid.UUID, lock: bool = False) -> Meeting | None:
        """The tenant's meeting; ``None`` for another tenant's."""

    async def of_tenant(self, tenant: str, area: str | None = None, since: date | None = None,
                        until: date | None = None) -> list[Meeting]:
        """The tenant's meetings, soonest first, in ``area`` and from ``since`` to ``until`` (days) if given."""

    async def areas(self, tenant: str) -> list[str]:
        """Every area the tenant's meetings and venues are in."""

    async def public_around(self, tenant: str, area: str, now: datetime) -> list[Meeting]:
        """The area's latest public meeting that has started and its soonest yet to start, not cancelled."""

    async def public_around_every_area(self, tenant: str, now: datetime) -> list[Meeting]:
        """``public_around`` for each of the tenant's areas at once."""


class MeetingSettings(Protocol):
    async def attendees(self, tenant: str) -> list[Attendee]: ...

    async def topics(self, tenant: str) -> list[Topic]: ...

    async def set_attendees(self, tenant: str, attendees: list[Attendee], now: datetime) -> None: ...

    async def set_topics(self, tenant: str, topics: list[Topic], now: datetime) -> None: ...


class MeetingPlans(Protocol):
    async def get(self, tenant: str, quarter: str) -> dict | None:
        """The quarter's confirmed plan: quarter, assignments, uncovered, confirmed_at and version."""

    async def save(self, tenant: str, plan: Plan, now: datetime) -> dict:
        """Store the confirmed plan, replacing the quarter's earlier one (a version more); the stored plan."""


class MeetingUnitOfWork(Protocol):
    meetings: Meetings
    settings: MeetingSettings
    plans: MeetingPlans
    venues: VenueDirectory

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    def emit(self, event: Event, tenant: str) -> None: ...

    async def commit(self) -> None: ...
