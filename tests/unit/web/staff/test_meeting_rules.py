"""Neighbourhood meetings' rules as staff see them: quarters, the outcome form and the attendance plan's form."""

from __future__ import annotations

from datetime import date

import pytest

from peel.web.domain.staff.meetings import (
    OutcomeForm,
    assignments,
    by_area,
    chosen,
    is_quarter,
    next_quarter,
    previous_quarter,
    quarter_days,
    quarter_of,
)


@pytest.mark.parametrize(("day", "quarter"), [(date(2027, 1, 1), "2027-Q1"), (date(2027, 6, 30), "2027-Q2"),
                                              (date(2027, 12, 31), "2027-Q4")])
def test_a_day_is_in_its_calendar_quarter(day: date, quarter: str) -> None:
    assert quarter_of(day) == quarter


def test_quarters_follow_one_another_across_years() -> None:
    assert next_quarter("2027-Q4") == "2028-Q1" and previous_quarter("2028-Q1") == "2027-Q4"
    assert quarter_days("2027-Q4") == ("2027-10-01", "2027-12-31")
    assert quarter_days("2028-Q1") == ("2028-01-01", "2028-03-31")
    assert is_quarter("2027-Q2") and not is_quarter("2027-Q5") and not is_quarter("spring")


def test_an_outcome_needs_whether_and_who() -> None:
    unanswered = OutcomeForm.read("", [], [], "")
    assert set(unanswered.errors) == {"attended"} and unanswered.body["attended"] is None
    assert set(OutcomeForm.read("yes", [], [], "").errors) == {"attendees"}
    nobody = OutcomeForm.read("no", ["deputy"], ["asb"], " Parking \n")
    assert not nobody.errors
    assert nobody.body == {"attended": False, "attendees": [], "topics": ["asb"], "other_topics": ["Parking"]}


def test_the_plan_form_sends_only_the_meetings_someone_goes_to() -> None:
    assert assignments({"assign-a": "deputy", "assign-b": "", "csrf": "x"}) == [
        {"meeting_id": "a", "attendee": "deputy"}]
    assert chosen({"assignments": [{"meeting_id": "a", "attendee": "deputy"}]}) == {"a": "deputy"}
    assert chosen(None) == {}


def test_the_plan_groups_meetings_still_on_by_area() -> None:
    found = by_area([{"area": "halton", "status": "scheduled"}, {"area": "Crewe", "status": "scheduled"},
                     {"area": "Crewe", "status": "cancelled"}])
    assert list(found) == ["Crewe", "halton"] and len(found["Crewe"]) == 1
