"""Attendance plan use cases: staff set the attendees and topics, get a quarter's proposal and confirm it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from peel.common.contracts.meetings import AttendancePlanned, PlannedAttendance, UncoveredArea
from peel.common.errors import NotFound
from peel.scheduling.clock import Clock
from peel.scheduling.meetings.domain.meetings import MeetingStatus, Topic, check_unique_keys
from peel.scheduling.meetings.domain.meetings_plan import (
    NOT_ASSIGNED,
    Attendee,
    Plan,
    PlanMeeting,
    Quarter,
    check_assignments,
    meetings_by_area,
    propose,
    uncovered,
)
from peel.scheduling.meetings.service_layer.ports import MeetingUnitOfWork


async def set_attendees(uow: MeetingUnitOfWork, tenant: str, attendees: list[Attendee], now: Clock) -> None:
    check_unique_keys("attendees", [a.key for a in attendees])
    async with uow:
        await uow.settings.set_attendees(tenant, attendees, now())
        await uow.commit()


async def set_topics(uow: MeetingUnitOfWork, tenant: str, topics: list[Topic], now: Clock) -> None:
    check_unique_keys("topics", [t.key for t in topics])
    async with uow:
        await uow.settings.set_topics(tenant, topics, now())
        await uow.commit()


async def proposal(uow: MeetingUnitOfWork, tenant: str, quarter: Quarter) -> Plan:
    async with uow:
        meetings = await _meetings(uow, tenant, quarter)
        before = await uow.plans.get(tenant, str(quarter.previous))
        previous: dict[str, set[str]] = {}
        for assigned in before["assignments"] if before else []:
            previous.setdefault(assigned["area"], set()).add(assigned["attendee"])
        return propose(quarter, await uow.settings.attendees(tenant), meetings, previous,
                       await uow.meetings.areas(tenant))


async def confirm(uow: MeetingUnitOfWork, tenant: str, quarter: Quarter, given: Sequence[tuple[uuid.UUID, str]],
                  now: Clock) -> dict:
    """Record the plan staff confirm (the proposal, possibly edited); the stored plan with its version."""
    async with uow:
        meetings = await _meetings(uow, tenant, quarter)
        attendees = {a.key: a for a in await uow.settings.attendees(tenant)}
        assignments = check_assignments(quarter, given, {m.id: m for m in meetings}, attendees)
        missed = uncovered(meetings_by_area(meetings, quarter), {a.area for a in assignments},
                           await uow.meetings.areas(tenant), NOT_ASSIGNED)
        stored = await uow.plans.save(tenant, Plan(quarter, assignments, missed), now())
        uow.emit(AttendancePlanned(
            quarter=str(quarter), version=stored["version"], confirmed_at=stored["confirmed_at"],
            assignments=[PlannedAttendance(meeting_id=a.meeting_id, area=a.area, attendee=a.attendee)
                         for a in assignments],
            uncovered=[UncoveredArea(area=u.area, reason=u.reason) for u in missed]), tenant)
        await uow.commit()
    return stored


async def confirmed(uow: MeetingUnitOfWork, tenant: str, quarter: Quarter) -> dict:
    async with uow:
        found = await uow.plans.get(tenant, str(quarter))
    if found is None:
        raise NotFound(f"no plan confirmed for {quarter}")
    return found


async def _meetings(uow: MeetingUnitOfWork, tenant: str, quarter: Quarter) -> list[PlanMeeting]:
    found = await uow.meetings.of_tenant(tenant, since=quarter.first_day, until=quarter.last_day)
    return [PlanMeeting(m.id, m.area, m.when) for m in found if m.status is MeetingStatus.SCHEDULED]
