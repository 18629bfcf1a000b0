"""Calendar files: one per booking, through its signed link, and a feed of a tenant's public sessions."""

from __future__ import annotations

import uuid

from peel.scheduling.clock import Clock, utc_now
from peel.scheduling.surgeries.domain.calendars import booking_event, session_event
from peel.scheduling.surgeries.domain.icalendar import render
from peel.scheduling.surgeries.domain.links import LinkKey
from peel.scheduling.surgeries.service_layer.bookings import booking_for_link
from peel.scheduling.surgeries.service_layer.ports import UnitOfWork
from peel.scheduling.surgeries.service_layer.sessions import any_session, public_sessions


async def booking_calendar(booking_id: uuid.UUID, token: str, links: LinkKey, uow: UnitOfWork,
                           clock: Clock = utc_now) -> str:
    async with uow:
        booking = await booking_for_link(uow, booking_id, token, links)
        session = await any_session(uow, booking.session_id)
        venue = await uow.venues.get(session.tenant, session.place.venue_id) if session.place.venue_id else None
    return render("Surgery appointment", [booking_event(booking, session, venue)], clock())


async def public_feed(tenant: str, uow: UnitOfWork, clock: Clock = utc_now) -> str:
    listings = await public_sessions(tenant, uow, clock)
    events = [session_event(listing.session, listing.venue) for listing in listings]
    return render(f"Commissioner's surgeries ({tenant})", events, clock())
