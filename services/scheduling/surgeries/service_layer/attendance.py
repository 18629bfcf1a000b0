"""Staff record who came, keep confidential notes, and the notes go when their retention period ends."""

from __future__ import annotations

import uuid

from peel.scheduling.clock import Clock, utc_now
from peel.scheduling.surgeries.domain.bookings import NotesRetention
from peel.scheduling.surgeries.service_layer.bookings import LinkedBooking
from peel.scheduling.surgeries.service_layer.changes import locked_booking
from peel.scheduling.surgeries.service_layer.ports import UnitOfWork


async def staff_booking(tenant: str, booking_id: uuid.UUID, uow: UnitOfWork) -> LinkedBooking:
    async with uow:
        session, booking = await locked_booking(uow, booking_id, tenant=tenant)
        return LinkedBooking(booking, session)


async def record_attendance(tenant: str, booking_id: uuid.UUID, attended: bool, uow: UnitOfWork,
                            clock: Clock = utc_now) -> LinkedBooking:
    async with uow:
        session, booking = await locked_booking(uow, booking_id, tenant=tenant)
        uow.emit(booking.record_attendance(attended, clock()), tenant)
        await uow.bookings.save(booking)
        await uow.commit()
    return LinkedBooking(booking, session)


async def write_notes(tenant: str, booking_id: uuid.UUID, notes: str, uow: UnitOfWork,
                      clock: Clock = utc_now) -> LinkedBooking:
    async with uow:
        session, booking = await locked_booking(uow, booking_id, tenant=tenant)
        booking.write_notes(notes, clock())
        await uow.bookings.save(booking)
        await uow.commit()
    return LinkedBooking(booking, session)


async def purge_expired_notes(retention: NotesRetention, uow: UnitOfWork, clock: Clock = utc_now) -> int:
    """Blank the notes written longer ago than their tenant's retention period; how many were blanked."""
    default_cutoff, cutoffs = retention.cutoffs(clock())
    async with uow:
        purged = await uow.bookings.purge_notes(default_cutoff, cutoffs)
        await uow.commit()
    return purged
