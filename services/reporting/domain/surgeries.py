"""Surgery figures per local policing area and quarter, from each session and its bookings.

A session counts in the quarter of its start date in England and Wales (quarters are calendar
quarters: January to March is Q1, so April to June, the first quarter of a financial year,
is Q2). Every session scheduled counts as scheduled; those cancelled are counted apart, and
every other figure is of the sessions not cancelled: held when they have ended, slots
offered, slots booked (bookings confirmed and not cancelled), utilisation (booked / offered),
and the bookings recorded as attended or as no-shows.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from peel.reporting.domain.documented import DOCUMENTED
from peel.reporting.domain.panel_questions import local_date
from peel.reporting.domain.summaries import rounded

NO_AREA = "not_given"  # an online session given no policing area
EVERY_AREA = "all"


@dataclass(frozen=True, slots=True)
class SessionFacts:
    """One session as the read model holds it, with its bookings counted."""

    session_id: uuid.UUID
    area: str | None
    starts_at: datetime
    ends_at: datetime
    slot_count: int
    cancelled: bool
    booked: int = 0
    attended: int = 0
    no_shows: int = 0


@dataclass(frozen=True, slots=True, order=True)
class Quarter:
    __pydantic_config__ = DOCUMENTED
    starts_on: date
    ends_on: date
    label: str
    """a calendar quarter, e.g. 2027-Q2 (April to June)"""


@dataclass(frozen=True, slots=True)
class SurgeryFigures:
    __pydantic_config__ = DOCUMENTED
    area: str
    """the session's local policing area; not_given for an online session without one; all in the totals"""
    quarter: Quarter
    sessions_scheduled: int
    """every session scheduled, including those since cancelled"""
    sessions_cancelled: int
    sessions_held: int
    """not cancelled, and ended"""
    slots_offered: int
    """slots of the sessions not cancelled"""
    slots_booked: int
    """bookings confirmed and not cancelled, in sessions not cancelled"""
    utilisation: float | None
    """slots booked / slots offered; none when none was offered"""
    attended: int
    no_shows: int


@dataclass(frozen=True, slots=True)
class SurgeryReport:
    __pydantic_config__ = DOCUMENTED
    starts_on: date | None
    """sessions starting on or after this day (from)"""
    ends_on: date | None
    """sessions starting on or before this day (to)"""
    areas: tuple[SurgeryFigures, ...]  # sessions without an area last
    """by quarter, then area"""
    totals: tuple[SurgeryFigures, ...]
    """every area together, by quarter"""


def quarter_of(day: date) -> Quarter:
    number = (day.month - 1) // 3 + 1
    last = date(day.year, 12, 31) if number == 4 else date(day.year, 3 * number + 1, 1) - timedelta(days=1)
    return Quarter(date(day.year, 3 * number - 2, 1), last, f"{day.year}-Q{number}")


def figures(area: str, quarter: Quarter, sessions: Sequence[SessionFacts], now: datetime) -> SurgeryFigures:
    """The figures of ``sessions``, all of one area (or every area) and quarter."""
    held = [s for s in sessions if not s.cancelled]
    offered, booked = sum(s.slot_count for s in held), sum(s.booked for s in held)
    return SurgeryFigures(
        area=area, quarter=quarter, sessions_scheduled=len(sessions), sessions_cancelled=len(sessions) - len(held),
        sessions_held=sum(1 for s in held if s.ends_at <= now), slots_offered=offered, slots_booked=booked,
        utilisation=rounded(booked / offered) if offered else None,
        attended=sum(s.attended for s in held), no_shows=sum(s.no_shows for s in held),
    )


def _area_order(area: str) -> tuple[bool, str]:
    return area == NO_AREA, area


def _grouped(sessions: Iterable[SessionFacts], every_area: bool) -> dict[tuple, list[SessionFacts]]:
    groups: dict[tuple, list[SessionFacts]] = defaultdict(list)
    for session in sessions:
        area = EVERY_AREA if every_area else session.area or NO_AREA
        groups[(quarter_of(local_date(session.starts_at)), _area_order(area))].append(session)
    return groups


def surgery_report(sessions: Sequence[SessionFacts], now: datetime, starts_on: date | None = None,
                   ends_on: date | None = None) -> SurgeryReport:
    """Figures per area and quarter, and per quarter for every area, of the sessions given."""
    def table(every_area: bool) -> tuple[SurgeryFigures, ...]:
        groups = _grouped(sessions, every_area)
        return tuple(figures(area[1], quarter, groups[(quarter, area)], now) for quarter, area in sorted(groups))

    return SurgeryReport(starts_on, ends_on, table(every_area=False), table(every_area=True))
