"""Neighbourhood meetings, the tenant's attendees and topics, and confirmed plans in memory."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from peel.scheduling.meetings.domain.meetings import Meeting, MeetingStatus, Topic, area_key
from peel.scheduling.meetings.domain.meetings_plan import Attendee, Plan
from tests.unit.scheduling_fakes import FakeTransaction
from tests.unit.scheduling_fakes.venues import FakeVenues


class FakeMeetings:
    def __init__(self, venues: FakeVenues) -> None:
        self.rows: dict[uuid.UUID, Meeting] = {}
        self._venues = venues

    async def add(self, meeting: Meeting) -> None:
        self.rows[meeting.id] = meeting

    async def save(self, meeting: Meeting) -> None:
        self.rows[meeting.id] = meeting

    async def get(self, tenant: str, meeting_id: uuid.UUID, lock: bool = False) -> Meeting | None:
        found = self.rows.get(meeting_id)
        return found if found and found.tenant == tenant else None

    async def of_tenant(self, tenant: str, area: str | None = None, since: date | None = None,
                        until: date | None = None) -> list[Meeting]:
        found = [m for m in self.rows.values() if m.tenant == tenant and (area is None or area_key(m.area) ==
                 area_key(area)) and (since is None or m.when.day >= since) and (until is None or m.when.day <= until)]
        return sorted(found, key=lambda m: (m.when.starts_at, m.id))

    async def areas(self, tenant: str) -> list[str]:
        held = {m.area for m in self.rows.values() if m.tenant == tenant}
        return sorted(held | {v.details.policing_area for v in self._venues.rows.values() if v.tenant == tenant})

    async def public_around(self, tenant: str, area: str, now: datetime) -> list[Meeting]:
        shown = [m for m in await self.of_tenant(tenant, area)
                 if m.details.public and m.status is MeetingStatus.SCHEDULED]
        started = [m for m in shown if m.when.starts_at <= now]
        coming = [m for m in shown if m.when.starts_at > now]
        return started[-1:] + coming[:1]

    async def public_around_every_area(self, tenant: str, now: datetime) -> list[Meeting]:
        areas = {area_key(m.area) for m in self.rows.values() if m.tenant == tenant}
        return [m for area in sorted(areas) for m in await self.public_around(tenant, area, now)]


class FakeMeetingSettings:
    def __init__(self) -> None:
        self.attending: dict[str, list[Attendee]] = {}
        self.raised: dict[str, list[Topic]] = {}

    async def attendees(self, tenant: str) -> list[Attendee]:
        return list(self.attending.get(tenant, []))

    async def topics(self, tenant: str) -> list[Topic]:
        return list(self.raised.get(tenant, []))

    async def set_attendees(self, tenant: str, attendees: list[Attendee], now: datetime) -> None:
        self.attending[tenant] = list(attendees)

    async def set_topics(self, tenant: str, topics: list[Topic], now: datetime) -> None:
        self.raised[tenant] = list(topics)


class FakeMeetingPlans:
    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], dict] = {}

    async def get(self, tenant: str, quarter: str) -> dict | None:
        found = self.rows.get((tenant, quarter))
        return dict(found) if found else None

    async def save(self, tenant: str, plan: Plan, now: datetime) -> dict:
        before = self.rows.get((tenant, str(plan.quarter)))
        self.rows[tenant, str(plan.quarter)] = {
            "quarter": str(plan.quarter), "confirmed_at": now, "version": before["version"] + 1 if before else 1,
            "assignments": [{"meeting_id": str(a.meeting_id), "area": a.area, "attendee": a.attendee}
                            for a in plan.assignments],
            "uncovered": [{"area": u.area, "reason": u.reason} for u in plan.uncovered]}
        return dict(self.rows[tenant, str(plan.quarter)])


def fake_meeting_work(venues: FakeVenues | None = None) -> FakeTransaction:
    """A unit of work over meetings, their settings and plans, and the tenant's venues."""
    venues = venues or FakeVenues()
    return FakeTransaction(meetings=FakeMeetings(venues), settings=FakeMeetingSettings(), plans=FakeMeetingPlans(),
                           venues=venues)
