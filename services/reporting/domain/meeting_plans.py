"""The office's quarterly attendance plans beside the neighbourhood meetings it attended.

A plan is the one staff last confirmed for the quarter (its greatest version). Per area and
quarter: the meetings it planned a visit to (a meeting counts once however many attendees were
planned for it), how many of those the office attended and how many were cancelled, every meeting
attended in the area that quarter (planned or not, counted by its start date as in the meeting
figures), and whether the plan reported the area uncovered, with its reason. A quarter shows when
it has a plan or a meeting, and a period (from, to) selects whole quarters: those with a day in
it. An area shows when the plan names it or it has a meeting not cancelled.
Areas are grouped case and spacing aside, ordered by that key, and named as on the area's latest
meeting (or as the plan gave it when it has none). A plan whose quarter label names no quarter is
left out.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from peel.reporting.domain.documented import DOCUMENTED
from peel.reporting.domain.meetings import MeetingFacts, area_key, area_names
from peel.reporting.domain.panel_questions import local_date
from peel.reporting.domain.surgeries import EVERY_AREA, Quarter, quarter_of

LABEL = re.compile(r"(\d{4})-Q([1-4])")


@dataclass(frozen=True, slots=True)
class PlanFacts:
    """A quarter's plan as the read model holds it."""

    quarter: str  # e.g. 2027-Q2
    version: int
    confirmed_at: datetime
    visits: tuple[tuple[uuid.UUID, str], ...]  # (meeting id, area) per assignment
    uncovered: tuple[tuple[str, str], ...]  # (area, reason)


@dataclass(frozen=True, slots=True)
class CoverageFigures:
    __pydantic_config__ = DOCUMENTED
    area: str
    """as given on the area's latest meeting, or in the plan; all in the totals"""
    quarter: Quarter
    plan_version: int | None
    """the quarter's confirmed plan; none when it has none"""
    meetings_planned: int
    """meetings the plan sends someone to (once however many go)"""
    planned_meetings_attended: int
    """of those, not cancelled with the office's attendance recorded"""
    planned_meetings_cancelled: int
    meetings_attended: int
    """every meeting attended in the area and quarter, planned or not"""
    areas_uncovered: int
    """1 when the plan reported the area uncovered; in the totals, how many"""
    uncovered_reason: str | None  # none in the totals
    """no_meeting, no_attendee_free or not_assigned"""


@dataclass(frozen=True, slots=True)
class CoverageReport:
    __pydantic_config__ = DOCUMENTED
    starts_on: date | None
    """whole quarters ending on or after this day (from)"""
    ends_on: date | None
    """whole quarters starting on or before this day (to)"""
    areas: tuple[CoverageFigures, ...]
    """by quarter, then area"""
    totals: tuple[CoverageFigures, ...]
    """every area together, by quarter"""


def plan_facts(quarter: str, version: int, confirmed_at: datetime, assignments: list[dict],
               uncovered: list[dict]) -> PlanFacts:
    return PlanFacts(quarter, version, confirmed_at,
                     tuple((uuid.UUID(a["meeting_id"]), a["area"]) for a in assignments),
                     tuple((u["area"], u["reason"]) for u in uncovered))


def quarter_named(label: str) -> Quarter | None:
    """The quarter a label such as ``2027-Q2`` names, or none when it names none."""
    found = LABEL.fullmatch(label)
    return quarter_of(date(int(found[1]), 3 * int(found[2]) - 2, 1)) if found else None


def _within(quarter: Quarter, starts_on: date | None, ends_on: date | None) -> bool:
    return (starts_on is None or quarter.ends_on >= starts_on) and (ends_on is None or quarter.starts_on <= ends_on)


def _in_period(meeting: MeetingFacts, starts_on: date | None, ends_on: date | None) -> bool:
    return _within(quarter_of(local_date(meeting.starts_at)), starts_on, ends_on)


def _figures(name: str, quarter: Quarter, plan: PlanFacts | None, area: str | None,
             meetings: Sequence[MeetingFacts], by_id: dict[uuid.UUID, MeetingFacts]) -> CoverageFigures:
    """``area`` is a key, or none for every area; ``meetings`` are those of the quarter and area(s)."""
    planned = {m for m, a in (plan.visits if plan else ()) if area is None or area_key(a) == area}
    uncovered = [r for a, r in (plan.uncovered if plan else ()) if area is None or area_key(a) == area]
    held = [by_id[m] for m in planned if m in by_id]
    return CoverageFigures(
        name, quarter, plan.version if plan else None, len(planned),
        sum(m.attended and not m.cancelled for m in held), sum(m.cancelled for m in held),
        sum(m.attended and not m.cancelled for m in meetings), len(uncovered),
        uncovered[0] if uncovered and area is not None else None)


def _quarters(plans: Sequence[PlanFacts], shown: Sequence[MeetingFacts], starts_on: date | None,
              ends_on: date | None) -> dict[str, tuple[Quarter, PlanFacts | None]]:
    """By label: the quarters of the plans meeting the period and of the meetings shown, with their plan."""
    found = {q.label: (q, p) for p in plans if (q := quarter_named(p.quarter)) and _within(q, starts_on, ends_on)}
    for quarter in {quarter_of(local_date(m.starts_at)) for m in shown}:
        found.setdefault(quarter.label, (quarter, None))
    return found


def _area_names(plan: PlanFacts | None, meetings: Sequence[MeetingFacts]) -> dict[str, str]:
    """By key: the areas the plan names and those with a meeting not cancelled, as given."""
    named = [*(a for _, a in plan.visits), *(a for a, _ in plan.uncovered)] if plan else []
    return {area_key(a): a for a in [*named, *(m.area for m in meetings if not m.cancelled)]}


def coverage_report(plans: Sequence[PlanFacts], meetings: Sequence[MeetingFacts], starts_on: date | None = None,
                    ends_on: date | None = None) -> CoverageReport:
    """Whole quarters with a day in the period (either end open), their plans and meetings; ``meetings``
    are all the tenant's (a planned meeting is found wherever an update moved it)."""
    by_id, latest = {m.meeting_id: m for m in meetings}, area_names(meetings)
    shown = [m for m in meetings if _in_period(m, starts_on, ends_on)]
    areas, totals = [], []
    for _, (quarter, plan) in sorted(_quarters(plans, shown, starts_on, ends_on).items()):
        in_quarter = [m for m in shown if quarter_of(local_date(m.starts_at)) == quarter]
        for key, given in sorted(_area_names(plan, in_quarter).items()):
            areas.append(_figures(latest.get(key, given), quarter, plan, key,
                                  [m for m in in_quarter if area_key(m.area) == key], by_id))
        totals.append(_figures(EVERY_AREA, quarter, plan, None, in_quarter, by_id))
    return CoverageReport(starts_on, ends_on, tuple(areas), tuple(totals))
