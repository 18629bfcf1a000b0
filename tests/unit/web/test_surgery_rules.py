"""The booking journey's rules: the order of the questions, where each answer leads, reading each page's form,
the body sent to the scheduling service, and what its refusals mean."""

from __future__ import annotations

import pytest

from peel.web.domain import surgeries as rules

FREE = {"slot-a": {}, "slot-b": {}}
ALL = {"emergency": False, "complaint": True, "victim": False, "slot": "slot-a", "name": "Jo Bloggs",
       "email": "jo@example.org", "phone": "", "area": "", "topic_category": "other", "topic": "Parking"}


def test_a_full_session_asks_no_time() -> None:
    assert "slot" in rules.questions(full=False)
    assert "slot" not in rules.questions(full=True)
    assert rules.questions(full=True)[:3] == ("emergency", "complaint", "victim")


def test_the_first_unanswered_question_and_the_999_page_after_an_emergency() -> None:
    assert rules.first_unanswered({}, full=False) == "emergency"
    assert rules.first_unanswered({"emergency": False, "complaint": False}, full=False) == "victim"
    assert rules.first_unanswered({"emergency": True}, full=False) == "call-999"
    assert rules.first_unanswered(ALL, full=False) == "check"
    assert rules.first_unanswered({k: v for k, v in ALL.items() if k != "phone"}, full=False) == "contact"
    assert rules.first_unanswered({k: v for k, v in ALL.items() if k != "slot"}, full=True) == "check"


def test_a_question_opens_only_after_those_before_it() -> None:
    assert rules.may_open("emergency", {}, full=False)
    assert not rules.may_open("name", {"emergency": False}, full=False)
    assert rules.may_open("name", {"emergency": False, "complaint": False, "victim": False}, full=True)
    assert not rules.may_open("complaint", {"emergency": True}, full=False)
    assert not rules.may_open("slot", ALL, full=True)


@pytest.mark.parametrize(("step", "answers", "changing", "expected"), [
    ("emergency", {"emergency": True}, False, "call-999"),
    ("emergency", {"emergency": False}, False, "complaint"),
    ("complaint", {"emergency": False, "complaint": True}, False, "guidance/complaint"),
    ("victim", {"emergency": False, "victim": True}, True, "guidance/victim"),
    ("victim", {"emergency": False, "victim": False}, False, "slot"),
    ("name", {"emergency": False}, True, "check"),
    ("topic", {"emergency": False}, False, "check"),
])
def test_where_an_answer_leads(step: str, answers: dict, changing: bool, expected: str) -> None:
    assert rules.next_page(step, answers, full=False, changing=changing) == expected


def test_the_question_before() -> None:
    assert rules.before("emergency", full=False) is None
    assert rules.before("name", full=False) == "slot"
    assert rules.before("name", full=True) == "victim"


def test_a_time_taken_since_it_was_chosen_is_asked_again() -> None:
    assert "slot" not in rules.still_free(ALL | {"slot": "gone"}, FREE)
    assert rules.still_free(ALL, FREE) == ALL
    assert rules.still_free(ALL, {}) == ALL  # a full session asks no time: the answer is not used


def test_after_the_triage_a_full_session_goes_straight_to_the_name() -> None:
    assert rules.after("victim", full=True) == "name"
    assert rules.after("victim", full=False) == "slot"


@pytest.mark.parametrize(("step", "form", "answers", "errors"), [
    ("emergency", {"answer": "yes"}, {"emergency": True}, {}),
    ("complaint", {"answer": "maybe"}, {}, {"answer"}),
    ("slot", {"slot_id": "slot-b"}, {"slot": "slot-b"}, {}),
    ("slot", {"slot_id": "taken"}, {}, {"slot_id"}),
    ("name", {"name": "  Jo   Bloggs "}, {"name": "Jo Bloggs"}, {}),
    ("name", {"name": " "}, {}, {"name"}),
    ("name", {"name": "x" * 201}, {}, {"name"}),
    ("contact", {"email": "", "phone": "07700 900982"}, {"email": "", "phone": "07700 900982"}, {}),
    ("contact", {"email": "", "phone": ""}, {}, {"email"}),
    ("contact", {"email": "jo@", "phone": "12"}, {}, {"email", "phone"}),
    ("area", {"area": ""}, {"area": ""}, {}),
    ("area", {"area": "cw1"}, {"area": "cw1"}, {}),
    ("area", {"area": "CW1 2DH"}, {}, {"area"}),
    ("topic", {"topic_category": "road_safety", "topic": "Speeding"},
     {"topic_category": "road_safety", "topic": "Speeding"}, {}),
    ("topic", {"topic_category": "weather", "topic": "x" * 1001}, {}, {"topic_category", "topic"}),
])
def test_reading_a_pages_form(step: str, form: dict, answers: dict, errors: set) -> None:
    read = rules.read_answer(step, form, FREE)
    assert (read.answers, set(read.errors)) == (answers, set(errors))


def test_a_page_shows_what_was_answered() -> None:
    assert rules.shown_values("complaint", ALL) == {"answer": "yes"}
    assert rules.shown_values("emergency", {}) == {}
    assert rules.shown_values("slot", ALL) == {"slot_id": "slot-a"}
    assert rules.shown_values("contact", ALL) == {"email": "jo@example.org", "phone": ""}
    assert rules.shown_values("name", ALL) == {"name": "Jo Bloggs"}


def test_the_booking_body_and_the_waiting_lists() -> None:
    body = rules.booking_body(ALL, full=False)
    assert body == {"name": "Jo Bloggs", "email": "jo@example.org", "phone": None, "area": None,
                    "topic_category": "other", "topic": "Parking", "slot_id": "slot-a",
                    "triage": {"emergency": False, "complaint_about_officer": True, "victim_of_crime": False}}
    assert rules.booking_body(ALL, full=True) == {k: v for k, v in body.items() if k != "slot_id"}


def test_an_emergency_makes_no_booking_body() -> None:
    with pytest.raises(ValueError, match="emergency"):
        rules.booking_body(ALL | {"emergency": True}, full=False)


@pytest.mark.parametrize(("detail", "reason"), [
    ("slot 2 has just been taken; choose another slot", "taken"),
    ("surgery session 1 is full; join its waitlist with the same details", "full"),
    ("you already have a booking (or a waitlist place) for this session", "already_booked"),
    ("the session has free slots (1, 2); book one instead of joining the waitlist", "free_again"),
    ("surgery session 1 is cancelled; it takes no bookings", "closed"),
])
def test_what_a_refusal_means(detail: str, reason: str) -> None:
    assert rules.refusal(detail) == reason


def test_the_services_objections_name_the_question_to_ask_again() -> None:
    assert rules.answer_problems({"phone": "bad", "area": "full postcode"}) == (
        "contact", {"phone": rules.API_MESSAGES["phone"]})
    assert rules.answer_problems({"emergency": "call 999"}) == ("call-999", {})
    assert rules.answer_problems({"something": "else"}) == ("check", {})
