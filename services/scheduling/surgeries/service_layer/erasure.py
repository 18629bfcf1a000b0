"""Erasing a booker's personal data on request, by staff or through the booking's own link.

The name, contact details, topic and notes go; the slot, area, category, status and times stay
for the read models. A confirmed booking whose slot has not started is cancelled first (its slot
goes to the waitlist), and a waiting place is given up first. Erasing again answers as the first
time did, and changes nothing. Locks follow ``changes``: the session first, then the row.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from peel.common.contracts.scheduling import CancelledBy
from peel.scheduling.clock import Clock, utc_now
from peel.scheduling.surgeries.domain.bookings import Booking, BookingStatus, PlaceStatus, WaitlistEntry
from peel.scheduling.surgeries.domain.links import LinkKey
from peel.scheduling.surgeries.domain.sessions import SurgerySession
from peel.scheduling.surgeries.service_layer.changes import cancel, leave, locked
from peel.scheduling.surgeries.service_layer.ports import UnitOfWork


@dataclass(frozen=True, slots=True)
class Erased:
    id: uuid.UUID
    session_id: uuid.UUID
    status: str  # the booking's status, or ``withdrawn`` for a waitlist place
    erased_at: datetime


async def erase_by_staff(tenant: str, booking_id: uuid.UUID, uow: UnitOfWork, clock: Clock = utc_now) -> Erased:
    return await _erase(uow, booking_id, "staff", clock(), tenant=tenant)


async def erase_by_link(booking_id: uuid.UUID, token: str, links: LinkKey, uow: UnitOfWork,
                        clock: Clock = utc_now) -> Erased:
    return await _erase(uow, booking_id, "booker", clock(), links=(links, token))


async def _erase(uow: UnitOfWork, booking_id: uuid.UUID, by: CancelledBy, now: datetime, *,
                 tenant: str | None = None, links: tuple[LinkKey, str] | None = None) -> Erased:
    async with uow:
        session, held = await _locked(uow, booking_id, tenant, links)
        if held.erased_at is None:
            erase = _erase_booking if isinstance(held, Booking) else _erase_place
            held = await erase(uow, session, held, by, now)
            await uow.commit()
    return _answer(held)


async def _locked(uow: UnitOfWork, booking_id: uuid.UUID, tenant: str | None,
                  links: tuple[LinkKey, str] | None) -> tuple[SurgerySession, Booking | WaitlistEntry]:
    """The booking, or the waitlist place never promoted, with its session: both locked."""
    async def read(row_id: uuid.UUID) -> Booking | WaitlistEntry | None:
        return await uow.bookings.get(row_id) or await uow.waitlist.place(row_id)

    return await locked(uow, booking_id, uow.waitlist.session_of, read, "booking or waitlist place", tenant, links)


async def _erase_booking(uow: UnitOfWork, session: SurgerySession, booking: Booking, by: CancelledBy,
                         now: datetime) -> Booking:
    if booking.status is BookingStatus.CONFIRMED and booking.slot.starts_at > now:
        await cancel(uow, session, booking, by, now)
    uow.emit(booking.erase(now), booking.tenant)
    await uow.bookings.erase(booking.id, now)
    return booking


async def _erase_place(uow: UnitOfWork, session: SurgerySession, entry: WaitlistEntry, by: CancelledBy,
                       now: datetime) -> WaitlistEntry:
    if entry.status is PlaceStatus.WAITING:
        entry = await leave(uow, entry, by, now)
    erased, event = entry.erase(now)
    uow.emit(event, entry.tenant)
    await uow.bookings.erase(entry.id, now)
    return erased


def _answer(held: Booking | WaitlistEntry) -> Erased:
    assert held.erased_at is not None
    return Erased(held.id, held.session_id, held.status.value, held.erased_at)
