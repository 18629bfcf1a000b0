"""The surgeries' rules as staff see them: notes, attendance, the diary's order and the rotation planner's forms."""

from __future__ import annotations

from datetime import UTC, date, datetime

from peel.web.domain.staff.surgeries import (
    ProposedSessions,
    RotationRequest,
    attendance_open,
    notes_shown,
    proposal_rows,
    upcoming_and_past,
)

SLOT = {"starts_at": "2027-04-06T10:00:00+01:00"}


def test_notes_are_shown_only_to_those_who_may_write_them() -> None:
    assert notes_shown({"notes": "x"}, may_write=True)
    assert not notes_shown({"notes": "x"}, may_write=False)
    assert not notes_shown({}, may_write=True)


def test_attendance_is_open_once_a_standing_booking_has_started() -> None:
    after, before = datetime(2027, 4, 6, 9, 1, tzinfo=UTC), datetime(2027, 4, 6, 8, 59, tzinfo=UTC)
    assert attendance_open({"status": "confirmed", "slot": SLOT}, after)
    assert not attendance_open({"status": "confirmed", "slot": SLOT}, before)
    assert not attendance_open({"status": "cancelled", "slot": SLOT}, after)
    assert not attendance_open({"status": "confirmed", "slot": SLOT, "erased_at": "2027-04-06"}, after)


def test_the_diary_puts_what_is_ahead_first_and_the_latest_past_first() -> None:
    sessions = [{"day": "2027-01-01"}, {"day": "2027-02-01"}, {"day": "2027-03-01"}, {"day": "2027-04-01"}]
    ahead, gone = upcoming_and_past(sessions, date(2027, 3, 1))
    assert ahead == sessions[2:] and gone == [sessions[1], sessions[0]]


def test_a_rotation_request_is_read_from_the_form() -> None:
    asked = RotationRequest.read({"first_month": "2027-04", "months": "6", "sessions_per_month": "2",
                                  "every_months": "3", "starts": "9:30", "ends": "12:00", "areas": "Crewe, Halton",
                                  "unavailable": ""}, ["4", "0", "9"])
    assert not asked.errors
    assert asked.values == {"areas": ["Crewe", "Halton"], "weekdays": [0, 4], "first_month": "2027-04-01",
                            "months": 6, "sessions_per_month": 2, "every_months": 3, "unavailable": [],
                            "starts": "09:30", "ends": "12:00"}


def test_a_rotation_request_names_each_wrong_field() -> None:
    asked = RotationRequest.read({"first_month": "", "months": "0", "sessions_per_month": "21", "every_months": "x",
                                  "starts": "25:00", "ends": "", "unavailable": "tomorrow"}, [])
    assert set(asked.errors) == {"first_month", "months", "sessions_per_month", "every_months", "starts", "ends",
                                 "unavailable", "weekdays"}


def test_the_adjusted_proposal_keeps_only_the_ticked_sessions() -> None:
    rows = proposal_rows([{"day": "2027-04-06", "area": "Crewe", "venue_id": None, "starts": "10:00:00",
                           "ends": "12:00:00"}])
    assert rows == [{"day": "2027-04-06", "area": "Crewe", "venue_id": None, "starts": "10:00", "ends": "12:00",
                     "keep": True}]
    proposed = ProposedSessions.read({"host": "PCC", "slot_minutes": "15", "session-1-day": "2027-04-06",
                                      "session-1-area": "Crewe", "session-1-keep": "yes",
                                      "session-2-day": "2027-04-07", "session-2-area": "Halton"})
    assert proposed.body()["sessions"] == [{"day": "2027-04-06", "area": "Crewe", "venue_id": None, "starts": "",
                                            "ends": ""}]
