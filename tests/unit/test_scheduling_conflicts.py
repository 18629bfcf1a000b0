"""Every 409 says what state the thing is in and what would be allowed: a representative set, one per kind of
thing a resident or staff member can find in the wrong state."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest

from peel.common.errors import Conflict
from peel.scheduling.assemblies.domain.assembly_outcomes import Decision, Progress, Recommendation, Response
from peel.scheduling.assemblies.domain.registration import Contact, Registrant
from peel.scheduling.surgeries.domain.bookings import Booker, Booking, Enquiry, TopicCategory, WaitlistEntry
from peel.scheduling.surgeries.domain.sessions import Place, SurgerySession, Timetable

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
AFTER = datetime(2026, 3, 10, 11, tzinfo=UTC)


def surgery() -> SurgerySession:
    return SurgerySession.schedule("cheshire", "Police and Crime Commissioner", Place(uuid.uuid4(), False, "Crewe"),
                                   Timetable(date(2026, 3, 10), time(10), time(11), 15, 5), public=True, now=NOW)


def booking() -> Booking:
    session = surgery()
    enquiry = Enquiry(Booker("Jo Bloggs", "jo@example.org", None), "CW1", TopicCategory.ROAD_SAFETY, "Speeding")
    return Booking.confirm("cheshire", session.id, session.slots[0], enquiry, NOW)


def cancelled_booking() -> Booking:
    cancelled = booking()
    cancelled.cancel("booker", NOW)
    return cancelled


def attended_booking() -> Booking:
    attended = booking()
    attended.record_attendance(True, AFTER)
    return attended


def cancelled_session() -> SurgerySession:
    session = surgery()
    session.cancel("the host is unwell", NOW, 0)
    return session


def waiting_place() -> WaitlistEntry:
    return WaitlistEntry.join("cheshire", uuid.uuid4(), booking().enquiry, NOW)


def recommendation(**changes: object) -> Recommendation:
    made = Recommendation(uuid.uuid4(), uuid.uuid4(), 1, "Light the underpass", None, 0.8, NOW)
    return replace(made, **changes)


REFUSALS = {
    "a cancelled booking moved": (lambda: cancelled_booking().move(surgery().slots[1], NOW),
                                  "is cancelled", "book another slot"),
    "an attended booking cancelled": (lambda: attended_booking().cancel("booker", AFTER),
                                      "is attended", "book another surgery"),
    "a booking moved to its own slot": (lambda: booking().move(booking().slot, NOW),
                                        "already for slot 0", "choose another free slot"),
    "a cancelled session booked": (lambda: cancelled_session().require_open(NOW), "is cancelled",
                                   "book (or schedule) another session"),
    "a waitlist place left twice": (lambda: waiting_place().leave(NOW)[0].leave(NOW), "already given up",
                                    "join the waitlist again"),
    "a waiting place erased": (lambda: waiting_place().erase(NOW), "is still waiting", "leave the waitlist"),
    "a registrant not drawn replying": (
        lambda: Registrant(uuid.uuid4(), uuid.uuid4(), "CODE", {}, Contact("Sam", None, "07700900111", ("1", "CW1")),
                           NOW).replying(True), "this registration is registered", "only members selected"),
    "progress before the response": (lambda: recommendation().update(Progress(NOW, "begun", False)),
                                     "is awaiting response", "once the response is given"),
    "a second response": (lambda: recommendation(response=Response(Decision.NOT_ACCEPTED, "cost", None, NOW)).respond(
        Response(Decision.NOT_ACCEPTED, "cost", None, NOW)), "(not_accepted)", "report progress on it instead"),
}


@pytest.mark.parametrize("refusal", REFUSALS, ids=list(REFUSALS))
def test_a_conflict_says_the_state_and_what_is_allowed(refusal):
    attempt, state, allowed = REFUSALS[refusal]
    with pytest.raises(Conflict) as refused:
        attempt()
    assert state in str(refused.value) and allowed in str(refused.value), str(refused.value)
