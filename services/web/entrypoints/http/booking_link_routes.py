"""The pages a booking's or waitlist place's emailed link opens (docs/scheduling-emails.md): see, cancel, move,
erase, the calendar file; a waitlist place and leaving it. Their addresses name no office: the booking does.

The token travels in the query of a GET and as the form field ``token`` of a POST; a link that opens nothing (a
wrong or expired token) is the 404 page."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from peel.web.domain.surgeries import N_
from peel.web.entrypoints.http.context import current_page, pages, ports, resident
from peel.web.entrypoints.http.journeys import Form, form_page, see_other
from peel.web.entrypoints.http.pages import Page
from peel.web.service_layer import surgeries
from peel.web.service_layer.ports import NotFoundThere, Refused

router = APIRouter(include_in_schema=False)
BOOKING, PLACE = "/{lang}/bookings/{booking_id}", "/{lang}/waitlist/{place_id}"
DONE = {"cancelled", "moved", "erased", "left"}
TOKEN_LENGTHS = range(20, 101)


@router.get(BOOKING)
async def booking_page(request: Request, lang: str, booking_id: str, token: str = "", done: str = "") -> Response:
    page, linked = await _booking(request, lang, booking_id, token)
    return pages(request).render(page, "bookings/booking.html", booking=linked.booking, session=linked.session,
                                 token=token, done=done if done in DONE else None)


@router.get(BOOKING + "/calendar.ics")
async def calendar(request: Request, lang: str, booking_id: str, token: str = "") -> Response:
    text = await surgeries.booking_calendar(ports(request), surgeries.an_id(booking_id), _token(token),
                                            resident(request))
    return Response(text, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="surgery.ics"'})


@router.get(BOOKING + "/cancel")
async def cancel_page(request: Request, lang: str, booking_id: str, token: str = "") -> Response:
    return await _confirm_page(request, lang, booking_id, token, "bookings/cancel.html")


@router.post(BOOKING + "/cancel")
async def cancel(request: Request, lang: str, booking_id: str, form: Form) -> Response:
    return await _change(request, lang, booking_id, form, "cancel", "cancelled")


@router.get(BOOKING + "/erase")
async def erase_page(request: Request, lang: str, booking_id: str, token: str = "") -> Response:
    return await _confirm_page(request, lang, booking_id, token, "bookings/erase.html")


@router.post(BOOKING + "/erase")
async def erase(request: Request, lang: str, booking_id: str, form: Form) -> Response:
    return await _change(request, lang, booking_id, form, "erase", "erased")


@router.get(BOOKING + "/move")
async def move_page(request: Request, lang: str, booking_id: str, token: str = "") -> Response:
    return await _move_page(request, lang, booking_id, token, {})


@router.post(BOOKING + "/move")
async def move(request: Request, lang: str, booking_id: str, form: Form) -> Response:
    token, slot_id = str(form.get("token", "")), str(form.get("slot_id", ""))
    linked = await _linked(request, booking_id, token)
    if slot_id not in _other_free(linked):
        return await _move_page(request, lang, booking_id, token, {"slot_id": N_("Select a new time")})
    try:
        await surgeries.change_booking(ports(request), linked.booking["id"], "reschedule", token, resident(request),
                                       slot_id=slot_id)
    except Refused:
        return await _move_page(request, lang, booking_id, token,
                                {"slot_id": N_("That time has just been taken. Choose another time")}, 409)
    return _done(lang, "bookings", booking_id, token, "moved")


@router.get(PLACE)
async def waitlist_page(request: Request, lang: str, place_id: str, token: str = "", done: str = "") -> Response:
    page, place = await _place(request, lang, place_id, token)
    return pages(request).render(page, "bookings/waitlist.html", **place, done=done if done in DONE else None)


@router.get(PLACE + "/leave")
async def leave_page(request: Request, lang: str, place_id: str, token: str = "") -> Response:
    page, place = await _place(request, lang, place_id, token)
    return pages(request).render(page, "bookings/leave.html", **place, back=_link(lang, "waitlist", place_id, token))


@router.post(PLACE + "/leave")
async def leave(request: Request, lang: str, place_id: str, form: Form) -> Response:
    token = _token(str(form.get("token", "")))
    await surgeries.leave_waitlist(ports(request), surgeries.an_id(place_id), token, resident(request))
    return _done(lang, "waitlist", place_id, token, "left")


async def _linked(request: Request, booking_id: str, token: str) -> surgeries.LinkedBooking:
    return await surgeries.linked_booking(ports(request), surgeries.an_id(booking_id), _token(token),
                                          resident(request))


async def _place(request: Request, lang: str, place_id: str, token: str) -> tuple[Page, dict[str, Any]]:
    """A waitlist place's page and what its templates show: the place, its session and the link's token."""
    place = await surgeries.waitlist_place(ports(request), surgeries.an_id(place_id), _token(token), resident(request))
    session = await surgeries.office_session(ports(request), place["tenant"], place["session_id"], resident(request))
    page = await _page(request, lang, place["tenant"], token)
    return page, {"place": place, "session": session, "token": token}


async def _booking(request: Request, lang: str, booking_id: str, token: str) -> tuple[Page, surgeries.LinkedBooking]:
    linked = await _linked(request, booking_id, token)
    return await _page(request, lang, linked.tenant, token), linked


def _token(token: str) -> str:
    """The link's token, if it could be one; a link without one opens nothing."""
    if len(token) not in TOKEN_LENGTHS:
        raise NotFoundThere("the link has no token")
    return token


async def _page(request: Request, lang: str, tenant: str, token: str) -> Page:
    """The page in the booking office's look; its other language keeps the link's token."""
    page = await current_page(request, lang, tenant)
    if request.url.query:  # a GET: its query, token included, is kept already
        return page
    return replace(page, path=f"{page.path}?{urlencode({'token': token})}")


def _link(lang: str, kind: str, item_id: str, token: str, **query: str) -> str:
    return f"/{lang}/{kind}/{item_id}?{urlencode({'token': token, **query})}"


def _done(lang: str, kind: str, item_id: str, token: str, done: str) -> Response:
    return see_other(_link(lang, kind, item_id, token, done=done))


async def _confirm_page(request: Request, lang: str, booking_id: str, token: str, template: str) -> HTMLResponse:
    page, linked = await _booking(request, lang, booking_id, token)
    return pages(request).render(page, template, booking=linked.booking, session=linked.session, token=token,
                                 back=_link(lang, "bookings", booking_id, token))


async def _change(request: Request, lang: str, booking_id: str, form: FormData, action: str, done: str) -> Response:
    token = _token(str(form.get("token", "")))
    await surgeries.change_booking(ports(request), surgeries.an_id(booking_id), action, token, resident(request))
    return _done(lang, "bookings", booking_id, token, done)


def _other_free(linked: surgeries.LinkedBooking) -> dict:
    return {key: slot for key, slot in surgeries.free_slots(linked.session).items()
            if key != linked.booking["slot_id"]}


async def _move_page(request: Request, lang: str, booking_id: str, token: str, errors: dict[str, str],
                     status_code: int | None = None) -> HTMLResponse:
    page, linked = await _booking(request, lang, booking_id, token)
    return form_page(request, page, "bookings/move.html", errors, status_code=status_code, booking=linked.booking,
                     session=linked.session, token=token, free=_other_free(linked),
                     back=_link(lang, "bookings", booking_id, token))
