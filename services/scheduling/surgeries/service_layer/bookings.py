"""Residents book a slot, or join a full session's waitlist; they find their booking with its signed link."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from peel.common.errors import Conflict, NotFound
from peel.common.events import Event
from peel.scheduling.clock import Clock, utc_now
from peel.scheduling.surgeries.domain.bookings import AlreadyBooked, Booking, Enquiry, SlotTaken, WaitlistEntry
from peel.scheduling.surgeries.domain.links import LinkKey
from peel.scheduling.surgeries.domain.sessions import SlotChoice, SurgerySession
from peel.scheduling.surgeries.service_layer.ports import BookingIntake, Intake, UnitOfWork
from peel.scheduling.surgeries.service_layer.sessions import any_session


class ExplainingIntake(BookingIntake, Protocol):
    async def add_or_held(self, booking: Booking, event: Event, version: int) -> tuple[Intake, set[int]]:
        """As ``add_if_scheduled``, with the session's slots held as the statement saw them when it was refused
        (empty otherwise): the booking that took the slot may have committed too late to be among them."""


@dataclass(frozen=True, slots=True)
class BookSlot:
    session_id: uuid.UUID
    slot: SlotChoice  # the slot's number or its id
    enquiry: Enquiry


@dataclass(frozen=True, slots=True)
class LinkedBooking:
    booking: Booking
    session: SurgerySession


class SessionFull(Conflict):
    def __init__(self, session_id: uuid.UUID) -> None:
        super().__init__(f"surgery session {session_id} is full; join its waitlist with the same details "
                         f"(POST /v1/surgeries/{session_id}/waitlist) to be offered a slot that is freed")


async def book_slot(command: BookSlot, uow: UnitOfWork, clock: Clock = utc_now, *,
                    intake: ExplainingIntake | None = None) -> LinkedBooking:
    """In one statement when the session is as it was read; otherwise checked in a transaction of its own."""
    booked = await _book_at_once(command, intake, clock) if intake else None
    return booked or await _book_checked(command, uow, clock)


async def _book_at_once(command: BookSlot, intake: ExplainingIntake, clock: Clock) -> LinkedBooking | None:
    """``None`` when the checked path must answer: the session is unknown or has changed. A second booking
    by the same person is refused by the database (``AlreadyBooked``)."""
    now = clock()
    session = await intake.known_session(command.session_id)
    if session is None:
        return None
    booking = _booking(session, command, now)
    outcome, held = await intake.add_or_held(booking, booking.confirmed(), session.version)
    if outcome == "booked":
        return LinkedBooking(booking, session)
    if outcome == "refused":  # the slot is taken: whether the session is full too, the slots held tell
        _refuse_slot(session, booking.slot.number, held | {booking.slot.number}, now)
    intake.forget(session.id)
    return None


async def _book_checked(command: BookSlot, uow: UnitOfWork, clock: Clock) -> LinkedBooking:
    now = clock()
    async with uow:
        session = await any_session(uow, command.session_id, lock="share")
        booking = _booking(session, command, now)
        await _refuse(uow, session, booking, now)
        await uow.bookings.add(booking)
        uow.emit(booking.confirmed(), session.tenant)
        await uow.commit()
    return LinkedBooking(booking, session)


def _booking(session: SurgerySession, command: BookSlot, now: datetime) -> Booking:
    slot = session.bookable_slot(command.slot, now)
    return Booking.confirm(session.tenant, session.id, slot, command.enquiry.located(session.place.policing_area),
                           now)


async def _refuse(reader: UnitOfWork, session: SurgerySession, booking: Booking, now: datetime) -> None:
    """409 if the slot is taken (saying so if the session is full) or the booker already holds a place."""
    _refuse_slot(session, booking.slot.number, (await reader.bookings.taken([session.id])).get(session.id, set()),
                 now)
    await _refuse_second_booking(reader, session.id, booking.enquiry)


def _refuse_slot(session: SurgerySession, slot: int, taken: set[int], now: datetime) -> None:
    if slot in taken:
        raise SessionFull(session.id) if not session.free_slots(taken, now) else SlotTaken(slot)


async def join_waitlist(session_id: uuid.UUID, enquiry: Enquiry, uow: UnitOfWork,
                        clock: Clock = utc_now) -> WaitlistEntry:
    """Only a full session has a waitlist; locking the session orders this against cancellations."""
    now = clock()
    async with uow:
        session = await any_session(uow, session_id, lock="update")
        session.require_open(now)
        enquiry = enquiry.located(session.place.policing_area)
        free = session.free_slots((await uow.bookings.taken([session.id])).get(session.id, set()), now)
        if free:
            raise Conflict(f"the session has free slots ({', '.join(str(slot.number) for slot in free)}); "
                           "book one instead of joining the waitlist")
        await _refuse_second_booking(uow, session.id, enquiry)
        entry = WaitlistEntry.join(session.tenant, session.id, enquiry, now)
        await uow.waitlist.add(entry)
        uow.emit(entry.joined(), session.tenant)
        await uow.commit()
    return entry


async def linked_booking(booking_id: uuid.UUID, token: str, links: LinkKey, uow: UnitOfWork) -> LinkedBooking:
    async with uow:
        booking = await booking_for_link(uow, booking_id, token, links)
        return LinkedBooking(booking, await any_session(uow, booking.session_id))


async def booking_for_link(uow: UnitOfWork, booking_id: uuid.UUID, token: str, links: LinkKey) -> Booking:
    """The booking the link opens; a wrong token is as good as no booking."""
    booking = await uow.bookings.get(booking_id)
    if booking is None or not links.opens(booking.tenant, booking.id, token):
        raise NotFound(f"no booking {booking_id} for this link (a waitlist place has none until it is promoted)")
    return booking


async def _refuse_second_booking(reader: UnitOfWork, session_id: uuid.UUID, enquiry: Enquiry) -> None:
    keys = enquiry.booker.keys
    if await reader.bookings.has_booked(session_id, keys) or await reader.waitlist.has_joined(session_id, keys):
        raise AlreadyBooked()
