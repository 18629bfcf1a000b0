"""Meeting figures, attendance plans beside them, areas' last and next meetings, and assemblies'
recommendations as tables."""

from __future__ import annotations

from collections.abc import Iterator

from peel.reporting.domain.meeting_plans import CoverageReport
from peel.reporting.domain.meetings import LastAndNext, MeetingReport, Occasion
from peel.reporting.domain.recommendations import Recommendations

MEETING_MEASURES = ("meetings_known", "meetings_cancelled", "meetings_attended", "other_topics")
COVERAGE_MEASURES = ("plan_version", "meetings_planned", "planned_meetings_attended", "planned_meetings_cancelled",
                     "meetings_attended", "areas_uncovered", "uncovered_reason")
QUARTER_COLUMNS = ("area", "quarter", "quarter_starts_on", "quarter_ends_on")
COVERAGE_COLUMNS = (*QUARTER_COLUMNS, *COVERAGE_MEASURES)
LAST_AND_NEXT_COLUMNS = ("area", "last_meeting_id", "last_on", "last_meeting_type", "last_public", "last_attended",
                         "days_since_last", "next_meeting_id", "next_on", "next_meeting_type", "next_public",
                         "days_until_next")
RECOMMENDATION_COLUMNS = ("number", "text", "support_share", "made_at", "state", "decision", "due", "responded_at",
                          "overdue", "progress_updates", "done")


def meeting_columns(report: MeetingReport) -> tuple[str, ...]:
    """The fixed columns, then a ``topic:<key>`` column for every topic raised."""
    return (*QUARTER_COLUMNS, *MEETING_MEASURES,
            *(f"topic:{key}" for key in report.topic_keys))


def meeting_table(report: MeetingReport) -> Iterator[tuple]:
    """A row per area and quarter, then a row per quarter for every area."""
    for found in (*report.areas, *report.totals):
        yield (*_quarter(found), *(getattr(found, measure) for measure in MEETING_MEASURES),
               *(found.topics.get(key, 0) for key in report.topic_keys))


def coverage_table(report: CoverageReport) -> Iterator[tuple]:
    """A row per area and quarter, then a row per quarter for every area; empty cells for none."""
    for found in (*report.areas, *report.totals):
        yield (*_quarter(found), *(_blank(getattr(found, measure)) for measure in COVERAGE_MEASURES))


def _quarter(found: object) -> tuple:
    quarter = found.quarter
    return found.area, quarter.label, quarter.starts_on.isoformat(), quarter.ends_on.isoformat()


def _occasion(found: Occasion | None, *extra: str) -> tuple:
    if found is None:
        return ("",) * (4 + len(extra))
    return (str(found.meeting_id), found.on.isoformat(), found.meeting_type, found.public,
            *(getattr(found, name) for name in extra))


def last_and_next_table(areas: tuple[LastAndNext, ...]) -> Iterator[tuple]:
    """A row per area; the cells of a meeting there is none of are empty."""
    for found in areas:
        yield (found.area, *_occasion(found.last, "attended"), _blank(found.days_since_last),
               *_occasion(found.next), _blank(found.days_until_next))


def recommendation_table(found: Recommendations) -> Iterator[tuple]:
    """A row per recommendation, by number."""
    for r in found.recommendations:
        yield (r.number, r.text or "", _blank(r.support_share), _iso(r.made_at), r.state, r.decision or "",
               _iso(r.due), _iso(r.responded_at), r.overdue, r.progress_updates, r.done)


def _blank(value: object) -> object:
    return "" if value is None else value


def _iso(value: object) -> str:
    return "" if value is None else value.isoformat()
