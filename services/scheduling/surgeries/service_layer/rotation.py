"""Planning a year of surgeries across the areas, and accepting the plan to schedule its sessions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from peel.common.errors import FieldError, InvalidInput
from peel.common.working_days import bank_holiday_dates, is_weekend
from peel.scheduling.clock import Clock, utc_now
from peel.scheduling.surgeries.domain.rotation import (
    AreaVenues,
    PlannedSession,
    RotationPlan,
    RotationRequest,
    plan_rotation,
)
from peel.scheduling.surgeries.domain.sessions import Timetable
from peel.scheduling.surgeries.service_layer.ports import UnitOfWork
from peel.scheduling.surgeries.service_layer.sessions import ScheduleSession, SessionListing, schedule_session


@dataclass(frozen=True, slots=True)
class AcceptPlan:
    tenant: str
    host: str
    slot_minutes: int
    sessions: tuple[PlannedSession, ...]


async def propose_rotation(tenant: str, request: RotationRequest, uow: UnitOfWork) -> RotationPlan:
    """The plan over the areas asked for, each with the tenant's venues in it (none: online)."""
    async with uow:
        venues = await uow.venues.of_tenant(tenant)
    by_area: dict[str, list] = {}
    for venue in venues:
        by_area.setdefault(venue.details.policing_area, []).append(venue.id)
    areas = request.areas or tuple(AreaVenues(area, ()) for area in sorted(by_area))
    return plan_rotation(replace(request, areas=tuple(
        AreaVenues(a.area, tuple(by_area.get(a.area, ()))) for a in areas)))


def _check_days(sessions: Sequence[PlannedSession]) -> None:
    errors = [FieldError(("sessions", i, "day"), "is a weekend or a bank holiday in England and Wales")
              for i, s in enumerate(sessions) if is_weekend(s.day) or s.day in bank_holiday_dates(s.day.year)]
    if errors:
        raise InvalidInput(errors)


async def accept_plan(command: AcceptPlan, uow: UnitOfWork, clock: Clock = utc_now) -> list[SessionListing]:
    """Schedule every session of the (possibly edited) plan; an unknown venue is refused before any is made."""
    _check_days(command.sessions)
    async with uow:
        known = {venue.id for venue in await uow.venues.of_tenant(command.tenant)}
    strays = [FieldError(("sessions", i, "venue_id"), f"no venue {s.venue_id}")
              for i, s in enumerate(command.sessions) if s.venue_id is not None and s.venue_id not in known]
    if strays:
        raise InvalidInput(strays)
    return [await schedule_session(_session(command, planned), uow, clock) for planned in command.sessions]


def _session(command: AcceptPlan, planned: PlannedSession) -> ScheduleSession:
    timetable = Timetable(planned.day, planned.starts, planned.ends, command.slot_minutes)
    return ScheduleSession(command.tenant, command.host, timetable, planned.venue_id, planned.venue_id is None,
                           planned.area)
