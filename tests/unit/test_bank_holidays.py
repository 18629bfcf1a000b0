"""Bank holidays moved or added by royal proclamation, and the working days counted around them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import holidays
import pytest

from peel.common.working_days import WorkingCalendar, bank_holiday_dates
from peel.consultation.domain.panel import PanelMeeting
from peel.consultation.domain.questions import Text
from peel.scheduling.surgeries.domain.rotation import AreaVenues, RotationRequest, plan_rotation

PROCLAIMED = [
    date(2002, 6, 3), date(2002, 6, 4),    # the Golden Jubilee, and the spring holiday moved from 27 May
    date(2011, 4, 29),                     # a royal wedding
    date(2012, 6, 4), date(2012, 6, 5),    # the spring holiday moved from 28 May, and the Diamond Jubilee
    date(2020, 5, 8),                      # the early May holiday moved from 4 May for VE Day's 75th anniversary
    date(2022, 6, 2), date(2022, 6, 3),    # the spring holiday moved from 30 May, and the Platinum Jubilee
    date(2022, 9, 19),                     # the State Funeral of Queen Elizabeth II
    date(2023, 5, 8),                      # the Coronation of King Charles III
]
MOVED_AWAY = [date(2002, 5, 27), date(2012, 5, 28), date(2020, 5, 4), date(2022, 5, 30)]


@pytest.mark.parametrize("day", PROCLAIMED)
def test_proclaimed_holidays_are_bank_holidays(day):
    assert day in bank_holiday_dates(day.year)
    assert not WorkingCalendar().is_working_day(day)


@pytest.mark.parametrize("day", MOVED_AWAY)
def test_the_mondays_a_holiday_was_moved_from_are_working_days(day):
    assert WorkingCalendar().is_working_day(day)


@pytest.mark.parametrize("year", range(2000, 2031))
def test_england_and_wales_share_their_bank_holidays(year):
    england = holidays.country_holidays("GB", subdiv="ENG", years=year)
    wales = holidays.country_holidays("GB", subdiv="WLS", years=year)
    assert dict(england) == dict(wales)


def meeting_on(day: date, notice_working_days: int) -> PanelMeeting:
    return PanelMeeting.schedule(
        "cheshire", datetime.combine(day, datetime.min.time(), tzinfo=UTC).replace(hour=18), Text("Panel"),
        Text("Wyvern House"), notice_working_days=notice_working_days, word_limit=250, answer_working_days=10,
        calendar=WorkingCalendar(), now=datetime(2022, 1, 4, tzinfo=UTC),
    )


def test_a_panel_deadline_counted_across_the_state_funeral_skips_it():
    meeting = meeting_on(date(2022, 9, 22), 3)      # a Thursday; Monday 19 September was the State Funeral
    assert meeting.submissions_close_on == date(2022, 9, 16)


def test_a_panel_deadline_counted_across_the_coronation_holiday_skips_it():
    meeting = meeting_on(date(2023, 5, 11), 5)      # a Thursday; 1 May (early May) and 8 May (Coronation) are off
    assert meeting.submissions_close_on == date(2023, 5, 3)


def test_answers_due_in_working_days_skip_the_coronation_holiday():
    assert WorkingCalendar().after(date(2023, 5, 5), 1) == date(2023, 5, 9)


@pytest.mark.parametrize(("month", "weekday", "planned"), [
    (date(2022, 9, 1), 0, [date(2022, 9, 5), date(2022, 9, 12), date(2022, 9, 26)]),   # not the State Funeral
    (date(2023, 5, 1), 0, [date(2023, 5, 15), date(2023, 5, 22)]),                      # not the Coronation
    (date(2022, 6, 1), 4, [date(2022, 6, 10), date(2022, 6, 17), date(2022, 6, 24)]),   # not the Platinum Jubilee
])
def test_the_rotation_planner_avoids_proclaimed_holidays(month, weekday, planned):
    """Every Monday (or Friday) that is a working day; counting the holiday in would have put a session on it."""
    plan = plan_rotation(RotationRequest((AreaVenues("Crewe", ()),), month, 1, len(planned), 1,
                                         weekdays=frozenset({weekday})))
    assert [session.day for session in plan.sessions] == planned
