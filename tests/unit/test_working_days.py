"""Bank holidays in England and Wales, and counting working days around them."""

from datetime import UTC, date, datetime, timedelta

import pytest

from peel.common.working_days import (
    Closure,
    WorkingCalendar,
    bank_holiday_dates,
    bank_holidays,
    end_of_day,
    local_date,
)


@pytest.mark.parametrize(("year", "easter"), [
    (2000, date(2000, 4, 23)), (2008, date(2008, 3, 23)), (2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)),
    (2026, date(2026, 4, 5)), (2027, date(2027, 3, 28)), (2028, date(2028, 4, 16)), (2038, date(2038, 4, 25)),
])
def test_good_friday_and_easter_monday_are_either_side_of_easter_sunday(year, easter):
    """Easter is reckoned by the holidays package now; its two bank holidays must fall around the right Sunday."""
    assert {easter - timedelta(days=2), easter + timedelta(days=1)} <= bank_holiday_dates(year)


def test_the_bank_holidays_of_2026():
    """The names are the holidays package's: "May Day" is GOV.UK's early May bank holiday, "Late Summer Bank
    Holiday" its summer bank holiday, and "(observed)" its "(substitute day)"."""
    assert [(h.day, h.name) for h in bank_holidays(2026)] == [
        (date(2026, 1, 1), "New Year's Day"),
        (date(2026, 4, 3), "Good Friday"),
        (date(2026, 4, 6), "Easter Monday"),
        (date(2026, 5, 4), "May Day"),
        (date(2026, 5, 25), "Spring Bank Holiday"),
        (date(2026, 8, 31), "Late Summer Bank Holiday"),
        (date(2026, 12, 25), "Christmas Day"),
        (date(2026, 12, 28), "Boxing Day (observed)"),
    ]


def test_the_bank_holidays_of_2027_with_an_early_easter_and_christmas_on_a_saturday():
    assert sorted(bank_holiday_dates(2027)) == [
        date(2027, 1, 1), date(2027, 3, 26), date(2027, 3, 29), date(2027, 5, 3), date(2027, 5, 31),
        date(2027, 8, 30), date(2027, 12, 27), date(2027, 12, 28),
    ]


def test_the_bank_holidays_of_2028_with_new_year_on_a_saturday():
    assert sorted(bank_holiday_dates(2028)) == [
        date(2028, 1, 3), date(2028, 4, 14), date(2028, 4, 17), date(2028, 5, 1), date(2028, 5, 29),
        date(2028, 8, 28), date(2028, 12, 25), date(2028, 12, 26),
    ]


@pytest.mark.parametrize(("year", "new_year", "christmas"), [
    (2023, date(2023, 1, 2), {date(2023, 12, 25), date(2023, 12, 26)}),  # New Year on a Sunday
    (2022, date(2022, 1, 3), {date(2022, 12, 26), date(2022, 12, 27)}),  # Christmas on a Sunday
    (2021, date(2021, 1, 1), {date(2021, 12, 27), date(2021, 12, 28)}),  # Christmas on a Saturday
    (2020, date(2020, 1, 1), {date(2020, 12, 25), date(2020, 12, 28)}),  # Boxing Day on a Saturday
])
def test_weekend_holidays_move_to_the_next_free_weekday(year, new_year, christmas):
    days = bank_holiday_dates(year)
    assert new_year in days
    assert {day for day in days if day.month == 12} == christmas
    assert all(day.weekday() < 5 for day in days)


def test_when_christmas_is_a_sunday_boxing_day_keeps_monday_and_christmas_moves_to_tuesday():
    december = [(h.day, h.name) for h in bank_holidays(2022) if h.day.month == 12]
    assert december == [(date(2022, 12, 26), "Boxing Day"), (date(2022, 12, 27), "Christmas Day (observed)")]


def test_counting_back_skips_weekends_and_easter():
    meeting = date(2027, 4, 1)  # the Thursday after Easter Monday
    assert WorkingCalendar().before(meeting, 5) == date(2027, 3, 23)
    assert WorkingCalendar().before(date(2026, 3, 19), 5) == date(2026, 3, 12)


def test_counting_forward_skips_christmas_and_new_year():
    assert WorkingCalendar().after(date(2026, 12, 23), 10) == date(2027, 1, 11)


def test_counting_from_a_weekend_starts_from_the_next_working_day():
    assert WorkingCalendar().after(date(2026, 3, 14), 1) == date(2026, 3, 16)
    assert WorkingCalendar().before(date(2026, 3, 15), 1) == date(2026, 3, 13)


def test_zero_working_days_is_the_day_itself():
    assert WorkingCalendar().add(date(2026, 12, 25), 0) == date(2026, 12, 25)


def test_an_offices_own_closures_are_not_working_days():
    calendar = WorkingCalendar.with_closures([Closure(date(2026, 3, 18), "Office move")])
    assert not calendar.is_working_day(date(2026, 3, 18))
    assert calendar.before(date(2026, 3, 19), 5) == date(2026, 3, 11)
    assert WorkingCalendar().is_working_day(date(2026, 3, 18))


def test_dates_and_the_end_of_a_day_are_reckoned_in_uk_time():
    assert local_date(datetime(2026, 6, 30, 23, 30, tzinfo=UTC)) == date(2026, 7, 1)  # BST
    assert local_date(datetime(2026, 12, 31, 23, 30, tzinfo=UTC)) == date(2026, 12, 31)  # GMT
    assert end_of_day(date(2026, 6, 30)) == datetime(2026, 6, 30, 23, 0, tzinfo=UTC)
    assert end_of_day(date(2026, 12, 30)) == datetime(2026, 12, 31, 0, 0, tzinfo=UTC)
