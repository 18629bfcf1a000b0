"""Surgery sessions scheduled and booked through their use cases over a fake unit of work, for the unit tests
of the surgeries' rules."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time

from peel.scheduling.surgeries.domain.bookings import Booker, Booking, Enquiry, TopicCategory, WaitlistEntry
from peel.scheduling.surgeries.domain.links import LinkKey
from peel.scheduling.surgeries.domain.sessions import SlotChoice, SurgerySession, Timetable
from peel.scheduling.surgeries.service_layer import bookings, sessions
from peel.scheduling.surgeries.service_layer.bookings import BookSlot
from peel.scheduling.surgeries.service_layer.sessions import ScheduleSession
from peel.scheduling.venues.domain.venues import Accessibility, Venue, VenueDetails
from tests.support.scheduling_recruitment import Clock
from tests.unit.scheduling_fakes import FakeTransaction

NOW = datetime(2027, 3, 1, 9, tzinfo=UTC)
SURGERY_DAY = date(2027, 3, 10)
LINKS = LinkKey(b"a link secret for the unit tests")
LIBRARY = VenueDetails("Crewe Library", "Prince Albert Street, Crewe CW1 2DH", "Crewe", Accessibility(True, True),
                       20)


def clock() -> Clock:
    return Clock(NOW)


def enquiry(number: int = 0, email: str | None = "jo.bloggs@example.org", phone: str | None = None) -> Enquiry:
    name = "Jo Bloggs" if number == 0 else f"Resident {number}"
    email = email if number == 0 else f"resident{number}@example.org"
    return Enquiry(Booker(name, email, phone), "CW1", TopicCategory.ROAD_SAFETY,
                   "Speeding on Nantwich Road, near the school")


async def add_venue(uow: FakeTransaction, tenant: str = "cheshire") -> Venue:
    venue = Venue.create(tenant, LIBRARY, NOW)
    await uow.venues.add(venue)
    return venue


async def schedule(uow: FakeTransaction, now: Clock, ends: time = time(11), venue_id: uuid.UUID | None = None,
                   tenant: str = "cheshire") -> SurgerySession:
    """A public session from 10:00, slots of 15 minutes with 5 between: three slots until 11:00, one until 10:15."""
    command = ScheduleSession(tenant, "Police and Crime Commissioner", Timetable(SURGERY_DAY, time(10), ends, 15, 5),
                              venue_id, venue_id is None, "Crewe")
    return (await sessions.schedule_session(command, uow, now)).session


async def book(uow: FakeTransaction, now: Clock, session: SurgerySession, slot: SlotChoice,
               who: Enquiry | None = None) -> Booking:
    booked = await bookings.book_slot(BookSlot(session.id, slot, who or enquiry()), uow, now)
    return booked.booking


async def join(uow: FakeTransaction, now: Clock, session: SurgerySession, number: int) -> WaitlistEntry:
    """Joins the waitlist a second after whoever joined before, so that the queue's order is the joining order."""
    now.wait(1)
    return await bookings.join_waitlist(session.id, enquiry(number), uow, now)


def token(held: Booking | WaitlistEntry) -> str:
    return LINKS.token(held.tenant, held.id)
