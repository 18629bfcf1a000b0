"""Working days in England and Wales: weekdays that are not bank holidays or office closures."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
SATURDAY = 5


@dataclass(frozen=True, slots=True)
class Holiday:
    day: date
    name: str


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the Anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def is_weekend(day: date) -> bool:
    return day.weekday() >= SATURDAY


def _first_monday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=last.weekday())


def _next_free_weekday(day: date, taken: set[date]) -> date:
    while is_weekend(day) or day in taken:
        day += timedelta(days=1)
    return day


def _with_substitutes(fixed: list[Holiday]) -> list[Holiday]:
    """Fixed-date holidays on a weekend move to the next weekday that is not already a holiday."""
    kept = [holiday for holiday in fixed if not is_weekend(holiday.day)]
    taken = {holiday.day for holiday in kept}
    for holiday in fixed:
        if is_weekend(holiday.day):
            substitute = _next_free_weekday(holiday.day, taken)
            taken.add(substitute)
            kept.append(Holiday(substitute, f"{holiday.name} (substitute day)"))
    return kept


@cache
def bank_holidays(year: int) -> tuple[Holiday, ...]:
    """The bank holidays of England and Wales in ``year``, by the standing rules, in date order.

    One-off changes made by royal proclamation (a moved May holiday, a jubilee or a state
    occasion) are not rules; offices add them as closures.
    """
    easter = easter_sunday(year)
    moving = [
        Holiday(easter - timedelta(days=2), "Good Friday"),
        Holiday(easter + timedelta(days=1), "Easter Monday"),
        Holiday(_first_monday(year, 5), "Early May bank holiday"),
        Holiday(_last_monday(year, 5), "Spring bank holiday"),
        Holiday(_last_monday(year, 8), "Summer bank holiday"),
    ]
    new_year = _with_substitutes([Holiday(date(year, 1, 1), "New Year's Day")])
    christmas = _with_substitutes([Holiday(date(year, 12, 25), "Christmas Day"),
                                   Holiday(date(year, 12, 26), "Boxing Day")])
    return tuple(sorted([*new_year, *moving, *christmas], key=lambda holiday: holiday.day))


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
    """A day an office is closed beyond the bank holidays (a proclaimed holiday, an office move)."""

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
