"""FastAPI dependencies of the scheduling API, as ``Annotated`` aliases."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, FastAPI, Path, Query, Request
from starlette.datastructures import State

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import allow
from peel.common.events.envelope import TENANT_PATTERN
from peel.common.http.ratelimit import check_public_rate, public_rate_limit
from peel.common.outbox import Outbox
from peel.common.runtime import ServiceRuntime
from peel.scheduling.adapters.bookings import PostgresBookingIntake
from peel.scheduling.adapters.unit_of_work import SchedulingUnitOfWork
from peel.scheduling.domain.links import LinkKey
from peel.scheduling.entrypoints.messages import scheduling_outbox
from peel.scheduling.service_layer.ports import Clock, utc_now

WRITE_ROLES = (Role.ADMIN, Role.ENGAGEMENT_OFFICER)
WRITE_SCOPES = ("scheduling:write",)


async def unit_of_work(request: Request) -> SchedulingUnitOfWork:
    runtime = request.app.state.runtime
    return SchedulingUnitOfWork(runtime.pool, _outbox(runtime))


async def scheduling_clock() -> Clock:
    return utc_now


Now = Annotated[Clock, Depends(scheduling_clock)]


@dataclass(frozen=True, slots=True)
class BookingDesk:
    """What taking a booking needs: the one-statement intake, a unit of work for the checked path, the link key
    and the clock."""

    intake: PostgresBookingIntake
    uow: SchedulingUnitOfWork
    links: LinkKey
    clock: Clock


async def booking_desk(request: Request) -> BookingDesk:
    """The public rate limit and the desk in one dependency: each dependency costs the busiest route time."""
    check_public_rate(request)
    app = request.app
    intake, links = _booking_counter(app.state)
    return BookingDesk(intake, SchedulingUnitOfWork(app.state.runtime.pool, intake.outbox), links, await _clock(app))


def _booking_counter(state: State) -> tuple[PostgresBookingIntake, LinkKey]:
    """One per app, made on first use: the intake keeps the sessions it last read."""
    if not hasattr(state, "booking_counter"):
        runtime = state.runtime
        intake = PostgresBookingIntake(lambda: runtime.pool, _outbox(runtime), runtime.settings.reminders)
        state.booking_counter = (intake, runtime.settings.link_key)
    return state.booking_counter


async def _clock(app: FastAPI) -> Clock:
    """``scheduling_clock``, or a test's override of it, called here rather than solved as a sub-dependency."""
    clock = app.dependency_overrides.get(scheduling_clock, scheduling_clock)()
    return await clock if inspect.isawaitable(clock) else clock


def _outbox(runtime: ServiceRuntime) -> Outbox:
    return scheduling_outbox(runtime.settings)



async def link_key(request: Request) -> LinkKey:
    return request.app.state.runtime.settings.link_key


def sees_notes(principal: Principal) -> bool:
    """Confidential notes are for staff who may write them; viewers and other roles never see them."""
    return principal.may(frozenset(WRITE_ROLES), frozenset(WRITE_SCOPES))


UnitOfWorkDep = Annotated[SchedulingUnitOfWork, Depends(unit_of_work)]
BookingDeskDep = Annotated[BookingDesk, Depends(booking_desk)]
Links = Annotated[LinkKey, Depends(link_key)]
Staff = Annotated[Principal, Depends(allow(*WRITE_ROLES, scopes=WRITE_SCOPES))]
Reader = Annotated[Principal, Depends(allow(*Role, scopes=("scheduling:read", *WRITE_SCOPES)))]
Tenant = Annotated[str, Path(pattern=TENANT_PATTERN, description="The Commissioner's office, e.g. cheshire")]
Token = Annotated[str, Query(min_length=20, max_length=100, description="The token from your booking confirmation")]
PublicRateLimit = Depends(public_rate_limit)
