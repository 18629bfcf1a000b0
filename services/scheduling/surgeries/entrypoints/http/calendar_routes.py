"""iCalendar files: a booking's own, and a subscribable feed of a tenant's public surgeries."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from peel.scheduling.http.dependencies import Now, PublicRateLimit, Tenant
from peel.scheduling.surgeries.entrypoints.http.dependencies import Links, Token, UnitOfWorkDep
from peel.scheduling.surgeries.service_layer import calendars

CALENDAR = "text/calendar; charset=utf-8"
ICS = {200: {"content": {"text/calendar": {}}, "description": "An iCalendar (RFC 5545) file"}}

router = APIRouter(tags=["Calendars (public)"], dependencies=[PublicRateLimit])


@router.get("/v1/bookings/{booking_id}/calendar.ics", summary="Your booking as a calendar file",
            response_class=Response, responses=ICS | {404: {"description": "No booking for this link"}})
async def booking_calendar(booking_id: uuid.UUID, token: Token, uow: UnitOfWorkDep, clock: Now,
                           links: Links) -> Response:
    text = await calendars.booking_calendar(booking_id, token, links, uow, clock)
    return Response(text, media_type=CALENDAR, headers={"Content-Disposition": 'attachment; filename="surgery.ics"'})


@router.get("/v1/public/{tenant}/surgeries.ics", summary="A calendar feed of upcoming public surgeries",
            response_class=Response, responses=ICS)
async def public_feed(tenant: Tenant, uow: UnitOfWorkDep, clock: Now) -> Response:
    return Response(await calendars.public_feed(tenant, uow, clock), media_type=CALENDAR)
