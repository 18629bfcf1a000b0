"""The surgery rotation planner: which area, where and when, month by month.

Given the areas (each with its venues), a period, how many sessions a month and the host's
unavailable dates, it proposes a plan in which every area has a surgery at least every N months,
no venue is used by two sessions in a row, and no session falls on a weekend, a bank holiday in
England and Wales or a day the host cannot do.

Areas are chosen earliest-deadline-first: each session goes to the area whose N-month window
closes soonest (ties: the area visited least, then the one visited longest ago, then the order given). With
``sessions_per_month * N`` at least the number of areas this never misses a deadline; with fewer
the plan is refused, saying how many sessions a month would do. Days are spread evenly over each
month's available working days.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from itertools import pairwise

from peel.common.errors import FieldError, InvalidInput
from peel.common.working_days import bank_holiday_dates, is_weekend


@dataclass(frozen=True, slots=True)
class AreaVenues:
    area: str
    venues: tuple[uuid.UUID, ...]     # none: the area's surgeries are held online


@dataclass(frozen=True, slots=True)
class RotationRequest:
    areas: tuple[AreaVenues, ...]
    first_month: date                 # any day in the first month
    months: int
    sessions_per_month: int
    every_months: int                 # each area at least once in every window of this many months
    unavailable: frozenset[date] = frozenset()
    weekdays: frozenset[int] = frozenset(range(5))    # Monday 0 .. Friday 4
    starts: time = time(10, 0)
    ends: time = time(12, 0)


@dataclass(frozen=True, slots=True)
class PlannedSession:
    day: date
    area: str
    venue_id: uuid.UUID | None        # None: online
    starts: time
    ends: time


@dataclass(frozen=True, slots=True)
class RotationPlan:
    sessions: tuple[PlannedSession, ...]
    longest_gap_months: dict[str, int] = field(default_factory=dict)


def month_starts(first: date, months: int) -> list[date]:
    start = first.replace(day=1)
    return [date(start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1, 1) for i in range(months)]


def available_days(month: date, request: RotationRequest) -> list[date]:
    """Working days in the month on the wanted weekdays that the host can do."""
    holidays = bank_holiday_dates(month.year)
    days, day = [], month
    while day.month == month.month:
        if (day.weekday() in request.weekdays and not is_weekend(day) and day not in holidays
                and day not in request.unavailable):
            days.append(day)
        day += timedelta(days=1)
    return days


def spread(days: Sequence[date], count: int) -> list[date]:
    """``count`` of ``days``, evenly spaced through the month."""
    return [days[int((i + 0.5) * len(days) / count)] for i in range(count)]


def check_request(request: RotationRequest) -> None:
    errors = []
    if not request.areas:
        errors.append(FieldError(("areas",), "name at least one area"))
    if len({a.area for a in request.areas}) != len(request.areas):
        errors.append(FieldError(("areas",), "each area once"))
    if request.areas and request.sessions_per_month * request.every_months < len(request.areas):
        needed = math.ceil(len(request.areas) / request.every_months)
        errors.append(FieldError(("sessions_per_month",), f"{len(request.areas)} areas each at least every "
                                 f"{request.every_months} months need at least {needed} sessions a month"))
    if request.ends <= request.starts:
        errors.append(FieldError(("ends",), "must be after starts"))
    if errors:
        raise InvalidInput(errors)


class _Rotation:
    """Which area is due, and which venue each area uses next."""

    def __init__(self, request: RotationRequest) -> None:
        self.areas = {a.area: a for a in request.areas}
        self.order = {a.area: i for i, a in enumerate(request.areas)}
        self.every = request.every_months
        self.last_month = {a.area: -1 for a in request.areas}
        self.visits = {a.area: 0 for a in request.areas}
        self.next_venue = {a.area: 0 for a in request.areas}
        self.previous_venue: uuid.UUID | None = None

    def choose(self, month: int) -> str:
        def urgency(area: str) -> tuple:
            return (self.last_month[area] + self.every, self.visits[area], self.last_month[area], self.order[area])
        ordered = sorted(self.areas, key=urgency)
        fresh = [area for area in ordered if self.last_month[area] < month]
        return (fresh or ordered)[0]

    def venue(self, area: str) -> uuid.UUID | None:
        venues = self.areas[area].venues
        if not venues:
            return None
        for step in range(len(venues)):
            candidate = venues[(self.next_venue[area] + step) % len(venues)]
            if candidate != self.previous_venue:
                self.next_venue[area] = (self.next_venue[area] + step + 1) % len(venues)
                return candidate
        return None       # its only venue was used by the session before: this one is held online

    def record(self, area: str, month: int, venue: uuid.UUID | None) -> None:
        self.last_month[area], self.previous_venue = month, venue
        self.visits[area] += 1


def plan_rotation(request: RotationRequest) -> RotationPlan:
    check_request(request)
    rotation, sessions = _Rotation(request), []
    for index, month in enumerate(month_starts(request.first_month, request.months)):
        days = available_days(month, request)
        if len(days) < request.sessions_per_month:
            raise InvalidInput([FieldError(("unavailable",), f"{month:%B %Y} has only {len(days)} days the host "
                                           f"can do, fewer than {request.sessions_per_month} sessions")])
        for day in spread(days, request.sessions_per_month):
            area = rotation.choose(index)
            venue = rotation.venue(area)
            rotation.record(area, index, venue)
            sessions.append(PlannedSession(day, area, venue, request.starts, request.ends))
    return RotationPlan(tuple(sessions), longest_gaps(sessions, request))


def longest_gaps(sessions: Sequence[PlannedSession], request: RotationRequest) -> dict[str, int]:
    """Per area, the most months in a row (from the start, between visits, or to the end) without a surgery."""
    months = month_starts(request.first_month, request.months)
    index = {(m.year, m.month): i for i, m in enumerate(months)}
    gaps = {}
    for area in (a.area for a in request.areas):
        visited = sorted({index[(s.day.year, s.day.month)] for s in sessions if s.area == area})
        edges = [-1, *visited, len(months)]
        gaps[area] = max(b - a - 1 for a, b in pairwise(edges))
    return gaps
