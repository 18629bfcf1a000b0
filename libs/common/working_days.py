"""Working days in England and Wales: weekdays that are not bank holidays or office closures.

The bank holidays come from the ``holidays`` package (GB, England; Wales has the same ones), which has
the standing rules and the days moved or added by royal proclamation: jubilees, a state funeral, a
coronation, a May holiday moved for VE Day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")
SATURDAY = 5


@dataclass(frozen=True, slots=True)
class Holiday:
    """A bank holiday, named as the ``holidays`` package names it (e.g. "Christmas Day (observed)")."""

    day: date
    name: str


def is_weekend(day: date) -> bool:
    return day.weekday() >= SATURDAY


@cache
def bank_holidays(year: int) -> tuple[Holiday, ...]:
    """The bank holidays of England and Wales in ``year``, in date order: the weekdays offices are shut.

    A holiday that falls at a weekend is not one of them; the weekday given in its place ("observed") is.
    """
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=year)
    return tuple(Holiday(day, name) for day, name in sorted(calendar.items()) if not is_weekend(day))


@cache
def bank_holiday_dates(year: int) -> frozenset[date]:
    return frozenset(holiday.day for holiday in bank_holidays(year))


def local_date(moment: datetime) -> date:
    """The date in England and Wales at ``moment``."""
    return moment.astimezone(LONDON).date()


def end_of_day(day: date) -> datetime:
    """The first moment after ``day`` ends in England and Wales."""
    return datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=LONDON)


@dataclass(frozen=True, slots=True)
class Closure:
    """A day an office is closed beyond the bank holidays (an office move, staff training)."""

    day: date
    label: str


@dataclass(frozen=True, slots=True)
class WorkingCalendar:
    """Weekdays that are neither bank holidays nor one of the office's own closure dates."""

    closures: frozenset[date] = frozenset()

    @classmethod
    def with_closures(cls, closures: Iterable[Closure]) -> WorkingCalendar:
        return cls(frozenset(closure.day for closure in closures))

    def is_working_day(self, day: date) -> bool:
        return not is_weekend(day) and day not in self.closures and day not in bank_holiday_dates(day.year)

    def add(self, day: date, working_days: int) -> date:
        """The working day ``working_days`` working days after ``day`` (before it when negative).

        ``add(day, 0)`` is ``day`` itself, whether or not it is a working day.
        """
        step = timedelta(days=1 if working_days >= 0 else -1)
        remaining = abs(working_days)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def before(self, day: date, working_days: int) -> date:
        return self.add(day, -working_days)

    def after(self, day: date, working_days: int) -> date:
        return self.add(day, working_days)
