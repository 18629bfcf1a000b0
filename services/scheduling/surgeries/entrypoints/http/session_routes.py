"""Surgery sessions: staff schedule, list, inspect and cancel them; anyone lists the public ones."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status
from fastapi.exceptions import RequestValidationError

from peel.scheduling.http.dependencies import Now, PublicRateLimit, Reader, Staff, Tenant, sees_notes
from peel.scheduling.surgeries.entrypoints.http.booking_schemas import SessionDetail
from peel.scheduling.surgeries.entrypoints.http.dependencies import UnitOfWorkDep
from peel.scheduling.surgeries.entrypoints.http.session_schemas import (
    SessionCancel,
    SessionCreate,
    SessionPublic,
    SessionStaffView,
    SessionSummary,
    SurgeryCreate,
    surgery_field_names,
)
from peel.scheduling.surgeries.service_layer import sessions


def held_between(since: Annotated[date | None, Query(alias="from", description="First day, included")] = None,
                 until: Annotated[date | None, Query(alias="to", description="Last day, included")] = None,
                 ) -> tuple[date | None, date | None]:
    """The days asked for, either open; 422 naming ``to`` when it is before ``from``."""
    if since and until and until < since:
        raise RequestValidationError([{"loc": ("query", "to"), "msg": "must not be before from",
                                       "type": "before_from"}])
    return since, until


Days = Annotated[tuple[date | None, date | None], Depends(held_between)]
NOT_FOUND = {404: {"description": "No such surgery session"}}

staff = APIRouter(prefix="/v1/scheduling/sessions", tags=["Surgery sessions (staff)"])
public = APIRouter(tags=["Surgery sessions (public)"], dependencies=[PublicRateLimit])
surgeries = APIRouter(prefix="/v1/surgeries", tags=["Surgery sessions (staff)"])


@surgeries.post("", status_code=status.HTTP_201_CREATED,
                summary="Schedule a surgery from two moments on one day; its slots, each with an id, follow")
async def schedule_surgery(body: SurgeryCreate, principal: Staff, uow: UnitOfWorkDep, clock: Now) -> SessionStaffView:
    with surgery_field_names():
        listing = await sessions.schedule_session(body.to_command(principal.tenant), uow, clock)
    return SessionStaffView.of(listing)


@staff.post("", status_code=status.HTTP_201_CREATED, summary="Schedule a surgery session; its slots follow")
async def schedule_session(body: SessionCreate, principal: Staff, uow: UnitOfWorkDep, clock: Now) -> SessionStaffView:
    return SessionStaffView.of(await sessions.schedule_session(body.to_command(principal.tenant), uow, clock))


@staff.get("", summary="Your tenant's surgery sessions, soonest first, held between two days if given")
async def list_sessions(principal: Reader, uow: UnitOfWorkDep, clock: Now, days: Days) -> list[SessionStaffView]:
    found = await sessions.list_sessions(principal.tenant, uow, clock, *days)
    return [SessionStaffView.of(listing) for listing in found]


@staff.get("/{session_id}", summary="A session with its bookings and waitlist (notes only for staff who write them)",
           responses=NOT_FOUND)
async def get_session(session_id: uuid.UUID, principal: Reader, uow: UnitOfWorkDep, clock: Now) -> SessionDetail:
    found = await sessions.get_session(principal.tenant, session_id, uow, clock)
    return SessionDetail.of_staff(found, sees_notes(principal))


@staff.post("/{session_id}/cancel", summary="Cancel a session and every booking in it",
            responses=NOT_FOUND | {409: {"description": "Already cancelled"}})
async def cancel_session(session_id: uuid.UUID, body: SessionCancel, principal: Staff, uow: UnitOfWorkDep,
                         clock: Now) -> SessionStaffView:
    return SessionStaffView.of(await sessions.cancel_session(principal.tenant, session_id, body.reason, uow, clock))


@public.get("/v1/public/{tenant}/surgeries", summary="Upcoming public surgeries with their free slot counts")
async def public_sessions(tenant: Tenant, uow: UnitOfWorkDep, clock: Now) -> list[SessionSummary]:
    return [SessionSummary.of(listing) for listing in await sessions.public_sessions(tenant, uow, clock)]


@public.get("/v1/public/surgeries/{session_id}", summary="A surgery session and which of its slots are free",
            responses=NOT_FOUND)
async def public_session(session_id: uuid.UUID, uow: UnitOfWorkDep, clock: Now) -> SessionPublic:
    return SessionPublic.of(await sessions.public_session(session_id, uow, clock))
