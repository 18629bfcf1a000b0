"""Residents book a slot, or join a full session's waitlist; they find their booking with its signed link."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from peel.common.errors import Conflict, NotFound
from peel.scheduling.domain.bookings import AlreadyBooked, Booking, Enquiry, SlotTaken, WaitlistEntry
from peel.scheduling.domain.links import LinkKey
from peel.scheduling.domain.sessions import SurgerySession
from peel.scheduling.service_layer.ports import Clock, UnitOfWork, utc_now
from peel.scheduling.service_layer.sessions import any_session


@dataclass(frozen=True, slots=True)
class BookSlot:
    session_id: uuid.UUID
    slot: int
    enquiry: Enquiry


@dataclass(frozen=True, slots=True)
class LinkedBooking:
    booking: Booking
    session: SurgerySession


class SessionFull(Conflict):
    def __init__(self, session_id: uuid.UUID) -> None:
        super().__init__(f"surgery session {session_id} is full; join its waitlist with the same details "
                         f"(POST /v1/surgeries/{session_id}/waitlist) to be offered a slot that is freed")


async def book_slot(command: BookSlot, uow: UnitOfWork, clock: Clock = utc_now) -> LinkedBooking:
    now = clock()
    async with uow:
        session = await any_session(uow, command.session_id, lock="share")
        slot = session.bookable_slot(command.slot, now)
        taken = (await uow.bookings.taken([session.id])).get(session.id, set())
        if slot.number in taken:
            raise SessionFull(session.id) if not session.free_slots(taken, now) else SlotTaken(slot.number)
        await _refuse_second_booking(uow, session.id, command.enquiry)
        booking = Booking.confirm(session.tenant, session.id, slot, command.enquiry, now)
        await uow.bookings.add(booking)
        uow.emit(booking.confirmed(), session.tenant)
        await uow.commit()
    return LinkedBooking(booking, session)


async def join_waitlist(session_id: uuid.UUID, enquiry: Enquiry, uow: UnitOfWork,
                        clock: Clock = utc_now) -> WaitlistEntry:
    """Only a full session has a waitlist; locking the session orders this against cancellations."""
    now = clock()
    async with uow:
        session = await any_session(uow, session_id, lock="update")
        session.require_open(now)
        free = session.free_slots((await uow.bookings.taken([session.id])).get(session.id, set()), now)
        if free:
            raise Conflict(f"the session has free slots ({', '.join(str(slot.number) for slot in free)}); "
                           "book one instead of joining the waitlist")
        await _refuse_second_booking(uow, session.id, enquiry)
        entry = WaitlistEntry.join(session.tenant, session.id, enquiry, now)
        await uow.waitlist.add(entry)
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


async def _refuse_second_booking(uow: UnitOfWork, session_id: uuid.UUID, enquiry: Enquiry) -> None:
    keys = enquiry.booker.keys
    if await uow.bookings.has_booked(session_id, keys) or await uow.waitlist.has_joined(session_id, keys):
        raise AlreadyBooked()
