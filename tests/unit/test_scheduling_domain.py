"""Surgery sessions, bookings, triage, signed links and calendar text: the scheduling domain on its own."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

import pytest
from pydantic import EmailStr, TypeAdapter, ValidationError

from peel.common.errors import Conflict, InvalidInput
from peel.common.working_days import LONDON
from peel.scheduling.surgeries.domain.bookings import (
    Booker,
    Booking,
    BookingStatus,
    Enquiry,
    NotesRetention,
    TopicCategory,
    WaitlistEntry,
    email_key,
    phone_key,
)
from peel.scheduling.surgeries.domain.icalendar import CalendarEvent, render
from peel.scheduling.surgeries.domain.links import LinkKey
from peel.scheduling.surgeries.domain.sessions import Place, SessionStatus, SurgerySession, Timetable, slot_id
from peel.scheduling.surgeries.domain.triage import EMERGENCY_ADVICE, Route, Triage
from peel.scheduling.surgeries.entrypoints.http.booking_schemas import Email

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
VENUE = Place(uuid.uuid4(), False, "Crewe")


def session(day: date = date(2026, 3, 10), starts: time = time(10), ends: time = time(11), slot: int = 15,
            buffer: int = 5) -> SurgerySession:
    return SurgerySession.schedule("cheshire", "Police and Crime Commissioner", VENUE,
                                   Timetable(day, starts, ends, slot, buffer), public=True, now=NOW)


def enquiry(email: str | None = "Jo@Example.org", phone: str | None = None) -> Enquiry:
    return Enquiry(Booker("Jo Bloggs", email, phone), "CW1", TopicCategory.ROAD_SAFETY, "Speeding on Nantwich Road")


def test_slots_follow_from_the_times_length_and_buffer():
    slots = session().slots
    assert [slot.number for slot in slots] == [0, 1, 2]
    # 10 March 2026 is in GMT: local and UTC agree.
    assert [(slot.starts_at.time(), slot.ends_at.time()) for slot in slots] == [
        (time(10), time(10, 15)), (time(10, 20), time(10, 35)), (time(10, 40), time(10, 55))]


def test_slots_are_london_wall_clock_times_in_summer():
    [first, *_] = session(day=date(2026, 7, 1)).slots
    assert first.starts_at == datetime(2026, 7, 1, 9, 0, tzinfo=UTC)  # 10:00 BST


def test_a_session_needs_a_slot_an_end_after_its_start_and_a_future_start():
    with pytest.raises(InvalidInput, match="ends: must be after the start time"):
        session(ends=time(9))
    with pytest.raises(InvalidInput, match="slot_minutes: no whole slot fits"):
        session(ends=time(10, 10))
    with pytest.raises(InvalidInput, match="day: the session would start in the past"):
        session(day=date(2026, 3, 1))


def test_bookable_slots_exist_have_not_started_and_belong_to_a_scheduled_session():
    surgery = session()
    with pytest.raises(InvalidInput, match="slot: this session has slots 0 to 2"):
        surgery.bookable_slot(3, NOW)
    with pytest.raises(Conflict, match="slot 0 started"):
        surgery.bookable_slot(0, datetime(2026, 3, 10, 10, 1, tzinfo=UTC))
    assert surgery.free_slots({1}, NOW) == (surgery.slots[0], surgery.slots[2])
    event = surgery.cancel("The Commissioner is unwell", NOW, bookings_cancelled=2)
    assert (surgery.status, event.bookings_cancelled) == (SessionStatus.CANCELLED, 2)
    assert surgery.free_slots(set(), NOW) == ()
    with pytest.raises(Conflict, match="is cancelled"):
        surgery.bookable_slot(1, NOW)


def test_a_session_takes_waitlist_places_until_its_last_slot_starts():
    surgery = session()
    surgery.require_open(datetime(2026, 3, 10, 10, 39, tzinfo=UTC))
    with pytest.raises(Conflict, match="has started its last slot"):
        surgery.require_open(datetime(2026, 3, 10, 10, 40, tzinfo=UTC))


def test_slots_have_stable_unique_ids_that_lead_back_to_them():
    surgery, other = session(), session()
    ids = [surgery.slot_id(slot.number) for slot in surgery.slots]
    assert ids == [slot_id(surgery.id, number) for number in range(3)] and len(set(ids)) == 3
    assert not set(ids) & {other.slot_id(slot.number) for slot in other.slots}
    assert [surgery.bookable_slot(found, NOW) for found in ids] == list(surgery.slots)
    with pytest.raises(InvalidInput, match=r"slot_id: surgery session .* has no slot"):
        surgery.bookable_slot(other.slot_id(0), NOW)


def test_a_timetable_from_two_moments_on_one_london_day():
    summer = Timetable.between(datetime(2026, 7, 1, 10, tzinfo=LONDON), datetime(2026, 7, 1, 9, 30, tzinfo=UTC), 15)
    assert (summer.day, summer.starts, summer.ends) == (date(2026, 7, 1), time(10), time(10, 30))
    assert [slot.starts_at for slot in summer.slots()] == [datetime(2026, 7, 1, 9, tzinfo=UTC),
                                                           datetime(2026, 7, 1, 9, 15, tzinfo=UTC)]
    with pytest.raises(InvalidInput, match="ends_at: must be after starts_at"):
        Timetable.between(datetime(2026, 7, 1, 10, tzinfo=LONDON), datetime(2026, 7, 1, 10, tzinfo=LONDON))
    with pytest.raises(InvalidInput, match="ends_at: must be on the same day"):
        Timetable.between(datetime(2026, 7, 1, 23, tzinfo=LONDON), datetime(2026, 7, 2, 0, 30, tzinfo=LONDON))
    second_one_am = datetime(2026, 10, 25, 1, 0, tzinfo=UTC)  # 01:00 GMT, after the clocks went back from BST
    with pytest.raises(InvalidInput, match="starts_at: falls in the hour the clocks go back"):
        Timetable.between(second_one_am, second_one_am + timedelta(hours=2))


def test_an_enquiry_without_an_area_takes_the_sessions():
    unplaced = Enquiry(Booker("Jo", "jo@example.org", None), None, TopicCategory.OTHER, "Parking")
    assert unplaced.located("Crewe").area == "Crewe" and enquiry().located("Crewe").area == "CW1"
    with pytest.raises(InvalidInput, match="area: this session has no policing area"):
        unplaced.located(None)


def test_scheduled_event_carries_times_and_place_only():
    event = session().scheduled()
    assert (event.slot_count, event.slot_minutes, event.policing_area, event.online) == (3, 15, "Crewe", False)
    assert event.starts_at == datetime(2026, 3, 10, 10, tzinfo=UTC)


def test_an_emergency_is_refused_with_the_advice_to_call_999():
    with pytest.raises(InvalidInput) as refused:
        Triage(emergency=True, complaint_about_officer=False, victim_of_crime=False).routes()
    [error] = refused.value.errors
    assert error.location == ("triage", "emergency") and "call 999" in error.reason
    assert error.reason == EMERGENCY_ADVICE


def test_complaints_and_victims_are_routed_and_may_still_book():
    assert Triage(False, True, True).routes() == (Route.PROFESSIONAL_STANDARDS, Route.VICTIM_SERVICES)
    assert Triage(False, False, False).routes() == ()


def test_a_booker_gives_an_email_or_a_phone_number():
    with pytest.raises(InvalidInput, match="email: give an email address or a phone number"):
        Booker("Jo", None, None)
    assert Booker("Jo", None, "+44 7700 900123").keys == (None, "07700900123")


def test_contacts_compare_normalised():
    assert email_key("  Jo@Example.ORG ") == "jo@example.org"
    assert phone_key("+44 (0)7700 900123") == phone_key("07700 900123")
    assert phone_key("+44 7700 900123") == phone_key("07700-900-123") == "07700900123"


def test_booking_lifecycle_and_its_events_carry_no_personal_data():
    surgery = session()
    booking = Booking.confirm("cheshire", surgery.id, surgery.slots[0], enquiry(), NOW)
    confirmed = booking.confirmed().model_dump_json()
    assert "Jo" not in confirmed and "example" not in confirmed and "Nantwich" not in confirmed
    moved = booking.move(surgery.slots[2], NOW)
    assert (moved.previous_slot, moved.slot, booking.slot.number) == (0, 2, 2)
    with pytest.raises(Conflict, match="already for slot 2"):
        booking.move(surgery.slots[2], NOW)
    with pytest.raises(Conflict, match="record attendance after it starts"):
        booking.record_attendance(True, NOW)
    after = datetime(2026, 3, 10, 11, tzinfo=UTC)
    assert booking.record_attendance(False, after).type_name == "peel.scheduling.booking.no_show.v1"
    assert booking.status is BookingStatus.NO_SHOW
    with pytest.raises(Conflict, match="only a confirmed booking can be cancelled"):
        booking.cancel("booker", after)


def test_a_cancelled_booking_records_no_attendance():
    surgery = session()
    booking = Booking.confirm("cheshire", surgery.id, surgery.slots[1], enquiry(), NOW)
    assert booking.cancel("staff", NOW).cancelled_by == "staff"
    with pytest.raises(Conflict, match="was cancelled"):
        booking.record_attendance(True, datetime(2026, 3, 11, tzinfo=UTC))


def test_a_promoted_waitlist_entry_becomes_a_booking_with_its_id():
    surgery = session()
    entry = WaitlistEntry.join("cheshire", surgery.id, enquiry(phone="07700 900123"), NOW)
    booking, promoted = entry.promote(surgery.slots[1], NOW)
    assert booking.id == entry.id == promoted.booking_id and booking.from_waitlist
    assert booking.confirmed().from_waitlist and promoted.slot == 1


def test_links_open_only_their_own_booking_in_their_own_tenant():
    key, booking_id = LinkKey(b"a" * 32), uuid.uuid4()
    token = key.token("cheshire", booking_id)
    assert key.opens("cheshire", booking_id, token)
    assert not key.opens("merseyside", booking_id, token)
    assert not key.opens("cheshire", uuid.uuid4(), token)
    assert not LinkKey(b"b" * 32).opens("cheshire", booking_id, token)


def test_notes_retention_has_a_default_and_tenants_own_periods():
    default, by_tenant = NotesRetention(365, {"gwent": 30}).cutoffs(NOW)
    assert default == NOW - timedelta(days=365) and by_tenant == {"gwent": NOW - timedelta(days=30)}


def test_a_calendar_has_crlf_lines_and_one_event_per_happening():
    happening = CalendarEvent("x@peel", datetime(2026, 3, 10, 10, tzinfo=UTC), datetime(2026, 3, 10, 10, 15,
                                                                                        tzinfo=UTC),
                              "Surgery, with the PCC", location="Crewe; Cheshire", cancelled=True)
    text = render("Surgeries", [happening], NOW)
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "DTSTART:20260310T100000Z\r\n" in text and "SUMMARY:Surgery\\, with the PCC\r\n" in text
    assert "LOCATION:Crewe\\; Cheshire\r\n" in text and "STATUS:CANCELLED\r\n" in text


@pytest.mark.parametrize("address", [
    "jo@example.org", "Jo.Bloggs+surgery@mail.example.co.uk", "a@b.cc", "x" * 64 + "@example.org",
    "x" * 65 + "@example.org", "jo@EXAMPLE.org", "jo@localhost", "jo@host.test", "jo@ab--cd.org", "jo@-a.org",
    "jo@xn--bcher-kva.example", "jo..bloggs@example.org", ".jo@example.org", "jo@example.org.", " jo@example.org",
    "Jo Bloggs <jo@example.org>", "jo@example.c", "jo@example.123", "jo@", "@example.org", "jo", "jö@example.org",
])
def test_the_quick_email_check_agrees_with_email_validator(address: str):
    """Plain addresses skip the parser; whatever it accepts, normalises or refuses, EmailStr would too."""
    def outcome(kind: object) -> str:
        try:
            return TypeAdapter(kind).validate_python(address)
        except ValidationError as error:
            return f"refused: {error.errors()[0]['msg']}"

    assert outcome(Email) == outcome(EmailStr)
