"""Neighbourhood meetings per local policing area and quarter, and each area's last and next meeting.

A meeting counts in the calendar quarter of its start date in England and Wales, as surgeries
do. Meetings known are those scheduled and not cancelled; of them, those the office attended
(an attendance was recorded), and the topic keys raised at those, each counted once per meeting.
Areas are staff's words, so they are grouped case and spacing aside (as scheduling does) and
shown as given on the area's latest meeting.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from peel.reporting.domain.documented import DOCUMENTED
from peel.reporting.domain.panel_questions import local_date
from peel.reporting.domain.surgeries import EVERY_AREA, Quarter, quarter_of


@dataclass(frozen=True, slots=True)
class MeetingFacts:
    """One meeting as the read model holds it."""

    meeting_id: uuid.UUID
    meeting_type: str
    area: str
    starts_at: datetime
    public: bool
    cancelled: bool
    attended: bool
    topics: tuple[str, ...] = ()
    other_topics: int = 0


@dataclass(frozen=True, slots=True)
class MeetingFigures:
    __pydantic_config__ = DOCUMENTED
    area: str
    ("the meeting's local policing area as given on its latest meeting (grouped case and spacing aside); "
     "all in the totals")
    quarter: Quarter
    meetings_known: int
    """scheduled and not cancelled"""
    meetings_cancelled: int
    meetings_attended: int
    """not cancelled, with the office's attendance recorded"""
    topics: dict[str, int]
    """per topic key, the meetings attended where it was raised"""
    other_topics: int
    """topics raised that are not on the tenant's list"""


@dataclass(frozen=True, slots=True)
class MeetingReport:
    __pydantic_config__ = DOCUMENTED
    starts_on: date | None
    """meetings starting on or after this day (from)"""
    ends_on: date | None
    """meetings starting on or before this day (to)"""
    topic_keys: tuple[str, ...]
    """every topic key raised, the CSV's topic columns"""
    areas: tuple[MeetingFigures, ...]
    """by quarter, then area"""
    totals: tuple[MeetingFigures, ...]
    """every area together, by quarter"""


@dataclass(frozen=True, slots=True)
class Occasion:
    __pydantic_config__ = DOCUMENTED
    meeting_id: uuid.UUID
    on: date
    """the day it starts in England and Wales"""
    starts_at: datetime
    meeting_type: str
    public: bool
    attended: bool
    """the office's attendance is recorded"""


@dataclass(frozen=True, slots=True)
class LastAndNext:
    __pydantic_config__ = DOCUMENTED
    area: str
    last: Occasion | None
    """the latest meeting not cancelled on a day before today"""
    next: Occasion | None
    """the soonest meeting not cancelled today or later"""
    days_since_last: int | None
    days_until_next: int | None


@dataclass(frozen=True, slots=True)
class LastAndNextReport:
    __pydantic_config__ = DOCUMENTED
    today: date
    areas: tuple[LastAndNext, ...]
    """every area with a meeting, by name"""


def area_key(area: str) -> str:
    """The area as compared: case and spacing aside, so "Crewe " and "crewe" are one area."""
    return " ".join(area.split()).casefold()


def area_names(meetings: Iterable[MeetingFacts]) -> dict[str, str]:
    """Each area key's name as given on its latest meeting (cancelled ones too)."""
    return {area_key(m.area): m.area for m in sorted(meetings, key=lambda m: (m.starts_at, m.meeting_id))}


def meeting_figures(area: str, quarter: Quarter, meetings: Sequence[MeetingFacts]) -> MeetingFigures:
    known = [m for m in meetings if not m.cancelled]
    attended = [m for m in known if m.attended]
    topics = Counter(topic for m in attended for topic in set(m.topics))
    return MeetingFigures(area, quarter, len(known), len(meetings) - len(known), len(attended),
                          dict(sorted(topics.items())), sum(m.other_topics for m in attended))


def meeting_report(meetings: Sequence[MeetingFacts], starts_on: date | None = None,
                   ends_on: date | None = None) -> MeetingReport:
    """Figures per area and quarter, and per quarter for every area, of the meetings given."""
    names = area_names(meetings)

    def table(every_area: bool) -> tuple[MeetingFigures, ...]:
        groups: dict[tuple, list[MeetingFacts]] = defaultdict(list)
        for m in meetings:
            groups[(quarter_of(local_date(m.starts_at)), EVERY_AREA if every_area else area_key(m.area))].append(m)
        return tuple(meeting_figures(names.get(key, key), quarter, groups[(quarter, key)])
                     for quarter, key in sorted(groups))

    keys = sorted({topic for m in meetings if m.attended and not m.cancelled for topic in m.topics})
    return MeetingReport(starts_on, ends_on, tuple(keys), table(every_area=False), table(every_area=True))


def _occasion(meeting: MeetingFacts) -> Occasion:
    return Occasion(meeting.meeting_id, local_date(meeting.starts_at), meeting.starts_at, meeting.meeting_type,
                    meeting.public, meeting.attended)


def last_and_next(area: str, meetings: Sequence[MeetingFacts], today: date) -> LastAndNext:
    """Of the area's meetings not cancelled: the latest before today and the soonest from today on."""
    known = sorted((m for m in meetings if not m.cancelled), key=lambda m: (m.starts_at, m.meeting_id))
    past = [m for m in known if local_date(m.starts_at) < today]
    future = [m for m in known if local_date(m.starts_at) >= today]
    last, upcoming = (_occasion(past[-1]) if past else None), (_occasion(future[0]) if future else None)
    return LastAndNext(area, last, upcoming, (today - last.on).days if last else None,
                       (upcoming.on - today).days if upcoming else None)


def every_area_last_and_next(meetings: Sequence[MeetingFacts], today: date) -> tuple[LastAndNext, ...]:
    """For every area with a meeting (cancelled ones too), by name, case aside."""
    names, grouped = area_names(meetings), defaultdict(list)
    for m in meetings:
        grouped[area_key(m.area)].append(m)
    return tuple(last_and_next(names[key], grouped[key], today) for key in sorted(grouped))
