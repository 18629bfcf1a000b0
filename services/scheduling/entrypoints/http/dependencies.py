"""FastAPI dependencies of the scheduling API, as ``Annotated`` aliases."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Path, Query, Request

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import allow
from peel.common.events.envelope import TENANT_PATTERN
from peel.common.http.ratelimit import public_rate_limit
from peel.common.outbox import Outbox
from peel.common.runtime import ServiceRuntime
from peel.scheduling.adapters.bookings import PostgresBookingIntake
from peel.scheduling.adapters.unit_of_work import SchedulingUnitOfWork
from peel.scheduling.domain.links import LinkKey
from peel.scheduling.service_layer.ports import Clock, utc_now

WRITE_ROLES = (Role.ADMIN, Role.ENGAGEMENT_OFFICER)
WRITE_SCOPES = ("scheduling:write",)


async def unit_of_work(request: Request) -> SchedulingUnitOfWork:
    runtime = request.app.state.runtime
    return SchedulingUnitOfWork(runtime.pool, _outbox(runtime))


@dataclass(frozen=True, slots=True)
class BookingDesk:
    """What taking a booking needs: the one-statement intake, a unit of work for the checked path, the link key."""

    intake: PostgresBookingIntake
    uow: SchedulingUnitOfWork
    links: LinkKey


async def booking_desk(request: Request) -> BookingDesk:
    """The intake is one per app, made on first use: it keeps the sessions it last read."""
    state = request.app.state
    runtime = state.runtime
    if not hasattr(state, "booking_intake"):
        state.booking_intake = PostgresBookingIntake(lambda: runtime.pool, _outbox(runtime))
    return BookingDesk(state.booking_intake, SchedulingUnitOfWork(runtime.pool, _outbox(runtime)),
                       runtime.settings.link_key)


def _outbox(runtime: ServiceRuntime) -> Outbox:
    return Outbox(runtime.settings.source, runtime.settings.kafka_topic_prefix)


async def scheduling_clock() -> Clock:
    return utc_now


async def link_key(request: Request) -> LinkKey:
    return request.app.state.runtime.settings.link_key


def sees_notes(principal: Principal) -> bool:
    """Confidential notes are for staff who may write them; viewers and other roles never see them."""
    return principal.may(frozenset(WRITE_ROLES), frozenset(WRITE_SCOPES))


UnitOfWorkDep = Annotated[SchedulingUnitOfWork, Depends(unit_of_work)]
BookingDeskDep = Annotated[BookingDesk, Depends(booking_desk)]
Now = Annotated[Clock, Depends(scheduling_clock)]
Links = Annotated[LinkKey, Depends(link_key)]
Staff = Annotated[Principal, Depends(allow(*WRITE_ROLES, scopes=WRITE_SCOPES))]
Reader = Annotated[Principal, Depends(allow(*Role, scopes=("scheduling:read", *WRITE_SCOPES)))]
Tenant = Annotated[str, Path(pattern=TENANT_PATTERN, description="The Commissioner's office, e.g. cheshire")]
Token = Annotated[str, Query(min_length=20, max_length=100, description="The token from your booking confirmation")]
PublicRateLimit = Depends(public_rate_limit)
