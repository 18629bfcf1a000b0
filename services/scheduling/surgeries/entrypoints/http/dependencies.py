"""FastAPI dependencies of the surgery routes: their unit of work, the booking desk and the signed links."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request
from starlette.datastructures import State

from peel.common.http.ratelimit import check_public_rate
from peel.scheduling.clock import Clock
from peel.scheduling.http.dependencies import clock_of
from peel.scheduling.surgeries.domain.links import LinkKey
from peel.scheduling.surgeries.service_layer.bookings import ExplainingIntake
from peel.scheduling.surgeries.service_layer.ports import UnitOfWork


async def unit_of_work(request: Request) -> UnitOfWork:
    return request.app.state.adapters.surgeries()


@dataclass(frozen=True, slots=True)
class BookingDesk:
    """What taking a booking needs: the one-statement intake, a unit of work for the checked path, the link key
    and the clock."""

    intake: ExplainingIntake
    uow: UnitOfWork
    links: LinkKey
    clock: Clock


async def booking_desk(request: Request) -> BookingDesk:
    """The public rate limit and the desk in one dependency: each dependency costs the busiest route time."""
    check_public_rate(request)
    app = request.app
    adapters = app.state.adapters
    return BookingDesk(adapters.booking_intake, adapters.surgeries(), _link_key(app.state), await clock_of(app))


def _link_key(state: State) -> LinkKey:
    """Made once per app, on first use: the busiest route need not derive it again."""
    if not hasattr(state, "link_key"):
        state.link_key = state.runtime.settings.link_key
    return state.link_key


async def link_key(request: Request) -> LinkKey:
    return request.app.state.runtime.settings.link_key


UnitOfWorkDep = Annotated[UnitOfWork, Depends(unit_of_work)]
BookingDeskDep = Annotated[BookingDesk, Depends(booking_desk)]
Links = Annotated[LinkKey, Depends(link_key)]
Token = Annotated[str, Query(min_length=20, max_length=100, description="The token from your booking confirmation")]
