"""Cancelling and rescheduling bookings, by the booker's signed link or by staff; leaving a waitlist.

Every change locks the session first and then the booking (or place), so changes to one session
queue up; a freed slot goes to the first on the waitlist in the same transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TypeVar

from peel.common.contracts.scheduling import CancelledBy
from peel.common.errors import NotFound
from peel.scheduling.clock import Clock, utc_now
from peel.scheduling.surgeries.domain.bookings import Booking, PlaceStatus, SlotTaken, WaitlistEntry
from peel.scheduling.surgeries.domain.links import LinkKey
from peel.scheduling.surgeries.domain.sessions import SessionStatus, Slot, SlotChoice, SurgerySession
from peel.scheduling.surgeries.service_layer.bookings import LinkedBooking
from peel.scheduling.surgeries.service_layer.ports import UnitOfWork
from peel.scheduling.surgeries.service_layer.sessions import any_session

Held = TypeVar("Held", bound=Booking | WaitlistEntry)


async def cancel_by_link(booking_id: uuid.UUID, token: str, links: LinkKey, uow: UnitOfWork,
                         clock: Clock = utc_now) -> LinkedBooking:
    async with uow:
        session, booking = await locked_booking(uow, booking_id, links=(links, token))
        booking.require_not_erased("it cannot be changed through its link")
        await cancel(uow, session, booking, "booker", clock())
        await uow.commit()
    return LinkedBooking(booking, session)


async def cancel_by_staff(tenant: str, booking_id: uuid.UUID, uow: UnitOfWork,
                          clock: Clock = utc_now) -> LinkedBooking:
    async with uow:
        session, booking = await locked_booking(uow, booking_id, tenant=tenant)
        await cancel(uow, session, booking, "staff", clock())
        await uow.commit()
    return LinkedBooking(booking, session)


async def reschedule_by_link(booking_id: uuid.UUID, token: str, choice: SlotChoice, links: LinkKey,
                             uow: UnitOfWork, clock: Clock = utc_now) -> LinkedBooking:
    now = clock()
    async with uow:
        session, booking = await locked_booking(uow, booking_id, links=(links, token))
        slot = session.bookable_slot(choice, now)
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
    return await locked(uow, booking_id, uow.bookings.session_of, uow.bookings.get, "booking", tenant, links)


async def locked_place(uow: UnitOfWork, entry_id: uuid.UUID, *,
                       links: tuple[LinkKey, str] | None = None) -> tuple[SurgerySession, WaitlistEntry]:
    """A waitlist place, whatever became of it, and its session, both locked."""
    return await locked(uow, entry_id, uow.waitlist.session_of, uow.waitlist.place, "waitlist place", None, links)


async def locked(
        uow: UnitOfWork, row_id: uuid.UUID, session_of: Callable[[uuid.UUID], Awaitable[uuid.UUID | None]],
        read: Callable[[uuid.UUID], Awaitable[Held | None]], what: str, tenant: str | None,
        links: tuple[LinkKey, str] | None) -> tuple[SurgerySession, Held]:
    """What ``read`` finds and its session, the session locked first so that changes to it queue up."""
    session_id = await session_of(row_id)
    held = session = None
    if session_id is not None:
        session = await any_session(uow, session_id, lock="update")
        held = await read(row_id)
    if held is None or session is None or not may_open(held, tenant, links):
        raise NotFound(f"no {what} {row_id}" + (" for this link" if links else ""))
    return session, held


def may_open(held: Booking | WaitlistEntry, tenant: str | None, links: tuple[LinkKey, str] | None) -> bool:
    if links is not None:
        key, token = links
        return key.opens(held.tenant, held.id, token)
    return held.tenant == tenant


async def leave_waitlist(entry_id: uuid.UUID, token: str, links: LinkKey, uow: UnitOfWork,
                         clock: Clock = utc_now) -> WaitlistEntry:
    async with uow:
        _, entry = await locked_place(uow, entry_id, links=(links, token))
        left = await leave(uow, entry, "booker", clock())
        await uow.commit()
    return left


async def leave(uow: UnitOfWork, entry: WaitlistEntry, by: str, now: datetime) -> WaitlistEntry:
    left, event = entry.leave(now)
    await uow.waitlist.leave(left, by, now)
    uow.emit(event, entry.tenant)
    return left


async def waitlist_place(entry_id: uuid.UUID, token: str, links: LinkKey,
                         uow: UnitOfWork) -> tuple[WaitlistEntry, int | None]:
    """The place the link opens and, while it waits, its position in the queue (1 is next)."""
    async with uow:
        entry = await uow.waitlist.place(entry_id, lock=False)
        if entry is None or not may_open(entry, None, (links, token)):
            raise NotFound(f"no waitlist place {entry_id} for this link")
        waiting = entry.status is PlaceStatus.WAITING
        return entry, await uow.waitlist.position(entry) if waiting else None


async def cancel(uow: UnitOfWork, session: SurgerySession, booking: Booking, by: CancelledBy,
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
