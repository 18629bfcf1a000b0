"""Reading what staff type: only ASCII digits make a number, nothing typed raises, and bounds hold."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import pytest

from peel.web.domain.staff import (
    assemblies,
    assembly_work,
    consultation_builder,
    meetings,
    reading,
    surgeries,
)
from peel.web.domain.staff import consultation_question_form as question_form


@pytest.mark.parametrize("typed", ["²", "٣", "--1", "-1", "+1", "1.5", "1e3", "", " ", "12a", "1_000", "0x10"])
def test_what_is_no_whole_number(typed: str) -> None:
    assert reading.whole(typed) is None


def test_a_whole_number_within_its_bounds() -> None:
    assert reading.whole(" 12 ") == 12
    assert reading.whole("007") == 7
    assert reading.whole("0", 1, 10) is None and reading.whole("11", 1, 10) is None
    assert reading.whole("10", 1, 10) == 10


def test_a_huge_number_is_none_and_never_raises() -> None:
    assert reading.whole("9" * 5000) is None
    assert reading.whole("9" * 25, 0, 100) is None
    assert reading.signed_whole("-" + "9" * 5000, -5, 5) is None


def test_a_signed_whole_number_takes_one_minus_at_most() -> None:
    assert reading.signed_whole("-3", -10, 10) == -3
    assert reading.signed_whole(" 4 ", -10, 10) == 4
    assert reading.signed_whole("--1", -10, 10) is None
    assert reading.signed_whole("-²", -10, 10) is None
    assert reading.signed_whole("-11", -10, 10) is None


def test_an_amount() -> None:
    assert reading.decimal("£1,200.50") == Decimal("1200.50")
    assert reading.decimal("-12") == Decimal("-12")
    for typed in ("NaN", "Infinity", "1e999999", "²", "1..2", "", "--1"):
        assert reading.decimal(typed) is None


def test_pounds_as_pence() -> None:
    assert reading.pence("37.50") == 3750 and reading.pence("£50") == 5000 and reading.pence(" 12.5 ") == 1250
    assert reading.pence("1000", 100_000) == 100_000 and reading.pence("1000.01", 100_000) is None
    for typed in ("5.999", "²", "-1", "", "1,000", "٣"):
        assert reading.pence(typed) is None


def test_ids() -> None:
    assert reading.id_of("6F1C1A4E-0000-4000-8000-000000000001") == "6f1c1a4e-0000-4000-8000-000000000001"
    for typed in ("../holds", "6f1c1a4e-0000-4000-8000-00000000000", "{6f1c1a4e-0000-4000-8000-000000000001}",
                  "6f1c1a4e000040008000000000000001", "urn:uuid:6f1c1a4e-0000-4000-8000-000000000001", ""):
        assert not reading.is_id(typed) and reading.id_of(typed) is None


def test_days() -> None:
    assert reading.day(" 2027-03-01 ") == date(2027, 3, 1)
    for typed in ("2027-02-30", "20270301", "2027-W01-1", "1/3/2027", "\uff12\uff10\uff12\uff17-03-01", "", "2027-3-1"):
        assert reading.day(typed) is None


def test_clock_times() -> None:
    assert reading.clock("9:30") == time(9, 30) and reading.clock("14.00") == time(14) and reading.clock("09:05")
    for typed in ("24:00", "12:60", "9", "\uff19:30", "", "12:3", "-1:30"):
        assert reading.clock(typed) is None


def test_a_moment_in_the_uk_has_that_days_offset() -> None:
    summer, winter = reading.uk_moment("2027-07-01", "10:00"), reading.uk_moment("2027-01-01", "10:00")
    assert summer is not None and summer.utcoffset() == timedelta(hours=1)
    assert winter is not None and winter.utcoffset() == timedelta(0)
    assert reading.uk_moment("2027-02-30", "10:00") is None and reading.uk_moment("2027-01-01", "25:00") is None


def test_listed_values_once_each_in_order() -> None:
    assert reading.listed("crewe, chester\ncrewe  nantwich,") == ["crewe", "chester", "nantwich"]
    assert reading.listed("  ") == []


def test_the_forms_name_a_superscript_digit_instead_of_failing() -> None:
    assert consultation_builder.opening_time("1", "3", "2027", "²") is None
    assert consultation_builder.calendar_day("²", "3", "2027") is None
    assert "support" in assembly_work.read_recommendation({"text_en": "More patrols", "support": "²"}).errors
    assert "amount" in assembly_work.read_expense({"amount": "²"}, [], []).errors
    assert "slot_minutes" in surgeries.NewSession.read({"slot_minutes": "²"}).errors
    assert "starts" in meetings.NewMeeting.read({"starts": "\u0661\u0660:\u0660\u0660"}).errors
    assert set(assemblies.read_set_up({"panel_size": "²", "quotas": "Sex, Female, ², 4"}).errors) >= {
        "panel_size", "quotas"}


def test_a_rating_scale_takes_one_minus_sign_at_most() -> None:
    form = {"text-en": "How safe?", "scale-min": "--1", "scale-max": "5"}
    assert "scale-min" in question_form.read_question(form, "rating", None, set())[1]
    body, problems = question_form.read_question(form | {"scale-min": "-1"}, "rating", None, set())
    assert problems == {} and body["scale"]["minimum"] == -1


def test_a_longest_answer_in_superscript_is_named() -> None:
    form = {"text-en": "Tell us", "max-length": "²"}
    assert "max-length" in question_form.read_question(form, "free_text", None, set())[1]
