"""Surgery sessions: staff schedule, list, inspect and cancel them; anyone lists the public ones."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, status

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


@staff.get("", summary="Your tenant's surgery sessions, soonest first")
async def list_sessions(principal: Reader, uow: UnitOfWorkDep, clock: Now) -> list[SessionStaffView]:
    return [SessionStaffView.of(listing) for listing in await sessions.list_sessions(principal.tenant, uow, clock)]


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
