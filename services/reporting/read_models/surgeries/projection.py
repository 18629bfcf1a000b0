"""Projects surgery sessions and their bookings into the surgeries read model: the last for facts a
session or booking states once, the latest by its time for attendance."""

from __future__ import annotations

from peel.common.contracts.scheduling import (
    BookingAttended,
    BookingCancelled,
    BookingConfirmed,
    BookingNoShow,
    SurgerySessionCancelled,
    SurgerySessionScheduled,
    WaitlistPromoted,
)
from peel.common.events import Envelope
from peel.reporting.read_models._projection import Projection, rows_of
from peel.reporting.read_models.surgeries.store import SurgeryStore


def _booking(envelope: Envelope, *values: object) -> tuple:
    return (envelope.data.booking_id, envelope.tenant, envelope.data.session_id, *values)


PROJECTION: dict[str, Projection] = {
    SurgerySessionScheduled.type_name: rows_of(SurgeryStore.sessions_scheduled, lambda e: (
        e.data.session_id, e.tenant, e.data.policing_area, e.data.online, e.data.starts_at, e.data.ends_at,
        e.data.slot_count)),
    SurgerySessionCancelled.type_name: rows_of(
        SurgeryStore.sessions_cancelled, lambda e: (e.data.session_id, e.tenant, e.data.cancelled_at)),
    BookingConfirmed.type_name: rows_of(
        SurgeryStore.bookings_confirmed, lambda e: _booking(e, e.data.confirmed_at, e.data.from_waitlist)),
    WaitlistPromoted.type_name: rows_of(
        SurgeryStore.bookings_confirmed, lambda e: _booking(e, e.data.promoted_at, True)),
    BookingCancelled.type_name: rows_of(
        SurgeryStore.bookings_cancelled, lambda e: _booking(e, e.data.cancelled_at, e.data.cancelled_by)),
    BookingAttended.type_name: rows_of(
        SurgeryStore.outcomes, lambda e: _booking(e, "attended", e.data.recorded_at), at=4),
    BookingNoShow.type_name: rows_of(
        SurgeryStore.outcomes, lambda e: _booking(e, "no_show", e.data.recorded_at), at=4),
}
