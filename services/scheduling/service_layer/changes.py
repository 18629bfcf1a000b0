"""Cancelling and rescheduling bookings, by the booker's signed link or by staff.

Every change locks the session first and then the booking, so changes to one session queue up;
a freed slot goes to the first on the waitlist in the same transaction.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from peel.common.contracts.scheduling import CancelledBy
from peel.common.errors import NotFound
from peel.scheduling.domain.bookings import Booking, SlotTaken
from peel.scheduling.domain.links import LinkKey
from peel.scheduling.domain.sessions import SessionStatus, Slot, SurgerySession
from peel.scheduling.service_layer.bookings import LinkedBooking
from peel.scheduling.service_layer.ports import Clock, UnitOfWork, utc_now
from peel.scheduling.service_layer.sessions import any_session


async def cancel_by_link(booking_id: uuid.UUID, token: str, links: LinkKey, uow: UnitOfWork,
                         clock: Clock = utc_now) -> LinkedBooking:
    async with uow:
        session, booking = await locked_booking(uow, booking_id, links=(links, token))
        await _cancel(uow, session, booking, "booker", clock())
        await uow.commit()
    return LinkedBooking(booking, session)


async def cancel_by_staff(tenant: str, booking_id: uuid.UUID, uow: UnitOfWork,
                          clock: Clock = utc_now) -> LinkedBooking:
    async with uow:
        session, booking = await locked_booking(uow, booking_id, tenant=tenant)
        await _cancel(uow, session, booking, "staff", clock())
        await uow.commit()
    return LinkedBooking(booking, session)


async def reschedule_by_link(booking_id: uuid.UUID, token: str, slot_number: int, links: LinkKey,
                             uow: UnitOfWork, clock: Clock = utc_now) -> LinkedBooking:
    now = clock()
    async with uow:
        session, booking = await locked_booking(uow, booking_id, links=(links, token))
        slot = session.bookable_slot(slot_number, now)
        if slot.number != booking.slot.number and slot.number in await _taken(uow, session):
            raise SlotTaken(slot.number)
        freed = booking.slot
        uow.emit(booking.move(slot, now), booking.tenant)
        await uow.bookings.save(booking)
        await _offer_to_waitlist(uow, session, freed, now)
        await uow.commit()
    return LinkedBooking(booking, session)


async def locked_booking(uow: UnitOfWork, booking_id: uuid.UUID, *, tenant: str | None = None,
                         links: tuple[LinkKey, str] | None = None) -> tuple[SurgerySession, Booking]:
    """The booking and its session, both locked; only the tenant's, or only what the link opens."""
    session_id = await uow.bookings.session_of(booking_id)
    booking = session = None
    if session_id is not None:
        session = await any_session(uow, session_id, lock="update")
        booking = await uow.bookings.get(booking_id)
    if booking is None or session is None or not _may_open(booking, tenant, links):
        raise NotFound(f"no booking {booking_id}" + (" for this link" if links else ""))
    return session, booking


def _may_open(booking: Booking, tenant: str | None, links: tuple[LinkKey, str] | None) -> bool:
    if links is not None:
        key, token = links
        return key.opens(booking.tenant, booking.id, token)
    return booking.tenant == tenant


async def _cancel(uow: UnitOfWork, session: SurgerySession, booking: Booking, by: CancelledBy,
                  now: datetime) -> None:
    uow.emit(booking.cancel(by, now), booking.tenant)
    await uow.bookings.save(booking)
    await _offer_to_waitlist(uow, session, booking.slot, now)


async def _offer_to_waitlist(uow: UnitOfWork, session: SurgerySession, slot: Slot, now: datetime) -> None:
    """The first still waiting takes the freed slot, if it has not started."""
    if session.status is not SessionStatus.SCHEDULED or slot.starts_at <= now:
        return
    entry = await uow.waitlist.first(session.id)
    if entry is None:
        return
    booking, promoted = entry.promote(slot, now)
    await uow.waitlist.promote(booking)
    uow.emit(booking.confirmed(), session.tenant)
    uow.emit(promoted, session.tenant)


async def _taken(uow: UnitOfWork, session: SurgerySession) -> set[int]:
    return (await uow.bookings.taken([session.id])).get(session.id, set())
