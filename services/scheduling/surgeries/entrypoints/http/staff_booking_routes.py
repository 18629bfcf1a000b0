"""Staff look after bookings: cancel one, record attendance, keep confidential notes, erase on request."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from peel.scheduling.http.dependencies import Now, Reader, Staff, sees_notes
from peel.scheduling.surgeries.entrypoints.http.booking_schemas import (
    Attendance,
    BookingStaffView,
    BookingWithNotes,
    ErasedView,
    Notes,
    staff_view,
)
from peel.scheduling.surgeries.entrypoints.http.dependencies import UnitOfWorkDep
from peel.scheduling.surgeries.service_layer import attendance, changes, erasure

NOT_FOUND = {404: {"description": "No such booking for your tenant"}}
WRONG_STATE = {409: {"description": "The booking's status does not allow this"}}

router = APIRouter(prefix="/v1/scheduling/bookings", tags=["Bookings (staff)"])


@router.get("/{booking_id}", summary="A booking (notes only for staff who write them)", responses=NOT_FOUND)
async def get_booking(booking_id: uuid.UUID, principal: Reader,
                      uow: UnitOfWorkDep) -> BookingWithNotes | BookingStaffView:
    found = await attendance.staff_booking(principal.tenant, booking_id, uow)
    return staff_view(found.booking, sees_notes(principal))


@router.post("/{booking_id}/cancel", summary="Cancel a booking; the first on the waitlist takes the slot",
             responses=NOT_FOUND | WRONG_STATE)
async def cancel_booking(booking_id: uuid.UUID, principal: Staff, uow: UnitOfWorkDep,
                         clock: Now) -> BookingWithNotes:
    return BookingWithNotes.of((await changes.cancel_by_staff(principal.tenant, booking_id, uow, clock)).booking)


@router.post("/{booking_id}/attendance", summary="Record whether the booker attended",
             responses=NOT_FOUND | WRONG_STATE)
async def record_attendance(booking_id: uuid.UUID, body: Attendance, principal: Staff, uow: UnitOfWorkDep,
                            clock: Now) -> BookingWithNotes:
    found = await attendance.record_attendance(principal.tenant, booking_id, body.outcome == "attended", uow, clock)
    return BookingWithNotes.of(found.booking)


@router.put("/{booking_id}/notes", summary="Write the booking's confidential notes", responses=NOT_FOUND)
async def write_notes(booking_id: uuid.UUID, body: Notes, principal: Staff, uow: UnitOfWorkDep,
                      clock: Now) -> BookingWithNotes:
    return BookingWithNotes.of((await attendance.write_notes(principal.tenant, booking_id, body.notes, uow,
                                                            clock)).booking)


@router.post("/{booking_id}/erase", responses=NOT_FOUND,
             summary="Erase the booker's personal data on request (a booking still to come is cancelled first, a "
                     "waitlist place withdrawn); erasing again gives the same answer")
async def erase_booking(booking_id: uuid.UUID, principal: Staff, uow: UnitOfWorkDep, clock: Now) -> ErasedView:
    return ErasedView.of(await erasure.erase_by_staff(principal.tenant, booking_id, uow, clock))
