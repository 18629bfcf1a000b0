"""Neighbourhood meetings: staff add, change, cancel, list and record them; anyone sees an area's last and next."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, status

from peel.common.auth import Principal
from peel.scheduling.http.dependencies import Now, PublicRateLimit, Reader, Staff, Tenant, sees_notes
from peel.scheduling.meetings.domain.meetings import Meeting
from peel.scheduling.meetings.entrypoints.http.meeting_schemas import (
    AreaMeetings,
    MeetingCancel,
    MeetingCreate,
    MeetingUpdate,
    MeetingView,
    OutcomeCreate,
)
from peel.scheduling.meetings.service_layer import meetings
from peel.scheduling.meetings.service_layer.ports import MeetingUnitOfWork


async def meeting_unit_of_work(request: Request) -> MeetingUnitOfWork:
    return request.app.state.adapters.meetings()


MeetingWork = Annotated[MeetingUnitOfWork, Depends(meeting_unit_of_work)]
NOT_FOUND = {404: {"description": "No such meeting"}}
CANCELLED = {409: {"description": "The meeting is cancelled"}}
NO_NUL = r"^[^\x00]+$"

staff = APIRouter(prefix="/v1/scheduling/meetings", tags=["Neighbourhood meetings (staff)"])
public = APIRouter(tags=["Neighbourhood meetings (public)"], dependencies=[PublicRateLimit])


async def _views(uow: MeetingUnitOfWork, principal: Principal, found: list[Meeting]) -> list[MeetingView]:
    async with uow:
        venues = {v.id: v for v in await uow.venues.of_tenant(principal.tenant)}
    return [MeetingView.of_staff(m, venues, organiser=sees_notes(principal)) for m in found]


async def _view(uow: MeetingUnitOfWork, principal: Principal, meeting: Meeting) -> MeetingView:
    [view] = await _views(uow, principal, [meeting])
    return view


@staff.post("", status_code=status.HTTP_201_CREATED, summary="Add a meeting the office knows of")
async def add_meeting(body: MeetingCreate, principal: Staff, uow: MeetingWork, clock: Now) -> MeetingView:
    return await _view(uow, principal, await meetings.add_meeting(uow, principal.tenant, body.to_domain(), clock))


@staff.get("", summary="Your tenant's meetings, soonest first, by area and dates")
async def list_meetings(principal: Reader, uow: MeetingWork,
                        area: Annotated[str | None, Query(min_length=1, max_length=80, pattern=NO_NUL)] = None,
                        since: Annotated[date | None, Query(alias="from", description="First day")] = None,
                        until: Annotated[date | None, Query(alias="to", description="Last day")] = None,
                        ) -> list[MeetingView]:
    return await _views(uow, principal, await meetings.list_meetings(uow, principal.tenant, area, since, until))


@staff.get("/{meeting_id}", summary="A meeting (organiser details only for staff who may change it)",
           responses=NOT_FOUND)
async def get_meeting(meeting_id: uuid.UUID, principal: Reader, uow: MeetingWork) -> MeetingView:
    async with uow:
        found = await meetings.find_meeting(uow, principal.tenant, meeting_id)
    return await _view(uow, principal, found)


@staff.put("/{meeting_id}", summary="Change a meeting: the whole meeting again", responses=NOT_FOUND | CANCELLED)
async def update_meeting(meeting_id: uuid.UUID, body: MeetingUpdate, principal: Staff, uow: MeetingWork,
                         clock: Now) -> MeetingView:
    changed = await meetings.update_meeting(uow, principal.tenant, meeting_id, body.to_domain(), clock)
    return await _view(uow, principal, changed)


@staff.post("/{meeting_id}/cancel", summary="Cancel a meeting", responses=NOT_FOUND | CANCELLED)
async def cancel_meeting(meeting_id: uuid.UUID, body: MeetingCancel, principal: Staff, uow: MeetingWork,
                         clock: Now) -> MeetingView:
    return await _view(uow, principal, await meetings.cancel_meeting(uow, principal.tenant, meeting_id, body.reason,
                                                                     clock))


@staff.put("/{meeting_id}/outcome", summary="Record whether the office attended, who, and the topics raised",
           responses=NOT_FOUND | {409: {"description": "Cancelled, or not started yet"}})
async def record_outcome(meeting_id: uuid.UUID, body: OutcomeCreate, principal: Staff, uow: MeetingWork,
                         clock: Now) -> MeetingView:
    recorded = await meetings.record_outcome(uow, principal.tenant, meeting_id, body.to_domain(clock()))
    return await _view(uow, principal, recorded)


@public.get("/v1/public/{tenant}/meeting-areas/{area}", summary="An area's last and next public meetings")
async def area_meetings(tenant: Tenant, area: Annotated[str, Path(min_length=1, max_length=80, pattern=NO_NUL)],
                        uow: MeetingWork, clock: Now) -> AreaMeetings:
    return AreaMeetings.of(await meetings.around(uow, tenant, area, clock))


@public.get("/v1/public/{tenant}/meeting-areas",
            summary="Every area with a public meeting: its last and next, ordered by area name")
async def every_area_meetings(tenant: Tenant, uow: MeetingWork, clock: Now) -> list[AreaMeetings]:
    return [AreaMeetings.of(found) for found in await meetings.every_area(uow, tenant, clock)]
