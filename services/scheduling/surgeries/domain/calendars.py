"""What the calendar files say about a session or a booking: never who booked."""

from __future__ import annotations

from peel.scheduling.surgeries.domain.bookings import Booking, BookingStatus
from peel.scheduling.surgeries.domain.icalendar import CalendarEvent
from peel.scheduling.surgeries.domain.sessions import SessionStatus, SurgerySession
from peel.scheduling.venues.domain.venues import Venue

ONLINE = "Online: the joining details come from the Commissioner's office"


def location(venue: Venue | None) -> str:
    return f"{venue.details.name}, {venue.details.address}" if venue else ONLINE


def session_event(session: SurgerySession, venue: Venue | None) -> CalendarEvent:
    timetable = session.timetable
    return CalendarEvent(
        uid=f"surgery-session-{session.id}@peel", starts_at=timetable.starts_at, ends_at=timetable.ends_at,
        summary=f"Surgery with {session.host}", location=location(venue),
        description=f"One-to-one slots of {timetable.slot_minutes} minutes, booked in advance.",
        cancelled=session.status is SessionStatus.CANCELLED,
    )


def booking_event(booking: Booking, session: SurgerySession, venue: Venue | None) -> CalendarEvent:
    return CalendarEvent(
        uid=f"surgery-booking-{booking.id}@peel", starts_at=booking.slot.starts_at, ends_at=booking.slot.ends_at,
        summary=f"Surgery appointment with {session.host}", location=location(venue),
        description="Your one-to-one surgery slot. To cancel or move it, use the link in your confirmation.",
        cancelled=booking.status is BookingStatus.CANCELLED or session.status is SessionStatus.CANCELLED,
    )
