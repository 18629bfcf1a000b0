"""Residents book a slot or join a waitlist, and change, leave or erase their booking or place through its
signed link."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status

from peel.common.http.bodies import documented_body, json_body
from peel.scheduling.http.dependencies import Now, PublicRateLimit
from peel.scheduling.http.link_forms import LinkForm, LinkToken, link_form, link_form_body, pages_instead_of_get
from peel.scheduling.surgeries.domain.links import BOOKING_PAGES, WAITLIST_PAGES
from peel.scheduling.surgeries.entrypoints.http.booking_schemas import (
    BookingConfirmation,
    BookingCreate,
    BookingPublic,
    ErasedView,
    Reschedule,
    WaitlistConfirmation,
    WaitlistCreate,
    WaitlistPlace,
)
from peel.scheduling.surgeries.entrypoints.http.dependencies import BookingDeskDep, Links, Token, UnitOfWorkDep
from peel.scheduling.surgeries.service_layer import bookings, changes, erasure

SESSION_NOT_FOUND = {404: {"description": "No such surgery session"}}
LINK_NOT_FOUND = {404: {"description": "No booking for this link"}}
PLACE_NOT_FOUND = {404: {"description": "No waitlist place for this link"}}
TOO_MANY = {429: {"description": "Too many requests from your address"}}

# Each route is rate limited: booking through BookingDeskDep, which limits too, the others by PublicRateLimit.
router = APIRouter(tags=["Bookings (public)"])
LIMITED = [PublicRateLimit]


@router.post(
    "/v1/surgeries/{session_id}/bookings", status_code=status.HTTP_201_CREATED, response_model=BookingConfirmation,
    summary="Book a slot (no sign-in); an emergency is refused with the advice to call 999",
    responses=SESSION_NOT_FOUND | TOO_MANY | {409: {"description": "The slot is taken, the session is full or "
                                                                   "cancelled, or you have already booked"}},
    openapi_extra=documented_body(BookingCreate),  # the busiest route reads its body itself (json_body)
)
async def book_slot(session_id: uuid.UUID, request: Request, desk: BookingDeskDep) -> Response:
    body = await json_body(request, BookingCreate)
    booked = await bookings.book_slot(body.to_command(session_id), desk.uow, desk.clock, intake=desk.intake)
    return BookingConfirmation.of_new(booked, desk.links).sent(status.HTTP_201_CREATED)


@router.post(
    "/v1/surgeries/{session_id}/waitlist", status_code=status.HTTP_201_CREATED,
    summary="Join a full session's waitlist: the first waiting takes the next slot freed",
    responses=SESSION_NOT_FOUND | TOO_MANY | {409: {"description": "Slots are free, or you are already booked"}},
    dependencies=LIMITED,
)
async def join_waitlist(session_id: uuid.UUID, body: WaitlistCreate, uow: UnitOfWorkDep, clock: Now,
                        links: Links) -> WaitlistConfirmation:
    return WaitlistConfirmation.of(await bookings.join_waitlist(session_id, body.to_enquiry(), uow, clock), links)


@router.get("/v1/bookings/{booking_id}", summary="Your booking, through its link", responses=LINK_NOT_FOUND,
            dependencies=LIMITED)
async def get_booking(booking_id: uuid.UUID, token: Token, uow: UnitOfWorkDep, links: Links) -> BookingPublic:
    return BookingPublic.of(await bookings.linked_booking(booking_id, token, links, uow))


CANCEL, RESCHEDULE, ERASE = (f"/v1/bookings/{{booking_id}}/{action}" for action in ("cancel", "reschedule", "erase"))
LEAVE = "/v1/waitlist/{entry_id}/leave"
MovingTo = Annotated[Reschedule, Depends(link_form(Reschedule))]


@router.post(CANCEL, summary="Cancel your booking through its link (the token in the query, or in a JSON or form body)",
             responses=LINK_NOT_FOUND | {409: {"description": "Already cancelled or attended"}}, dependencies=LIMITED,
             openapi_extra=link_form_body(LinkForm))
async def cancel_booking(booking_id: uuid.UUID, form: LinkToken, uow: UnitOfWorkDep, clock: Now,
                         links: Links) -> BookingPublic:
    return BookingPublic.of(await changes.cancel_by_link(booking_id, form.token, links, uow, clock))


@router.post(RESCHEDULE, summary="Move your booking to another free slot",
             responses=LINK_NOT_FOUND | {409: {"description": "The slot is taken, or the booking cannot move"}},
             dependencies=LIMITED, openapi_extra=link_form_body(Reschedule))
async def reschedule_booking(booking_id: uuid.UUID, body: MovingTo, uow: UnitOfWorkDep, clock: Now,
                             links: Links) -> BookingPublic:
    return BookingPublic.of(await changes.reschedule_by_link(booking_id, body.token, body.choice(), links, uow, clock))


@router.post(ERASE, summary="Erase your name, contact details and topic; a booking still to come is cancelled first, "
                            "a waitlist place given up", responses=LINK_NOT_FOUND, dependencies=LIMITED,
             openapi_extra=link_form_body(LinkForm))
async def erase_booking(booking_id: uuid.UUID, form: LinkToken, uow: UnitOfWorkDep, clock: Now,
                        links: Links) -> ErasedView:
    return ErasedView.of(await erasure.erase_by_link(booking_id, form.token, links, uow, clock))


@router.get("/v1/waitlist/{entry_id}", summary="Your waitlist place and where it stands, through its link",
            responses=PLACE_NOT_FOUND, dependencies=LIMITED)
async def get_waitlist_place(entry_id: uuid.UUID, token: Token, uow: UnitOfWorkDep, links: Links) -> WaitlistPlace:
    return WaitlistPlace.of(*await changes.waitlist_place(entry_id, token, links, uow))


@router.post(LEAVE, summary="Give up your waitlist place through its link",
             responses=PLACE_NOT_FOUND | {409: {"description": "Already given up, or promoted: cancel the booking "
                                                              "with the same link instead"}}, dependencies=LIMITED,
             openapi_extra=link_form_body(LinkForm))
async def leave_waitlist(entry_id: uuid.UUID, form: LinkToken, uow: UnitOfWorkDep, clock: Now,
                         links: Links) -> WaitlistPlace:
    return WaitlistPlace.of(await changes.leave_waitlist(entry_id, form.token, links, uow, clock))


pages_instead_of_get(router, {CANCEL: {"cancel": BOOKING_PAGES["cancel"]},
                              RESCHEDULE: {"reschedule": BOOKING_PAGES["reschedule"]},
                              ERASE: {"erase": BOOKING_PAGES["erase"]}, LEAVE: {"leave": WAITLIST_PAGES["leave"]}})
