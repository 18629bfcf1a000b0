"""Neighbourhood meetings and assembly recommendations in reporting, without a database: what each
projection writes (through a fake store), the figures per area and quarter, each area's last and
next meeting, and each recommendation's state, on small hand-worked examples."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from peel.common.contracts import registry
from peel.reporting.adapters.schema import NEXT
from peel.reporting.domain.meetings import MeetingFacts, every_area_last_and_next, meeting_report
from peel.reporting.domain.meetings_export import (
    LAST_AND_NEXT_COLUMNS,
    RECOMMENDATION_COLUMNS,
    last_and_next_table,
    meeting_columns,
    meeting_table,
    recommendation_table,
)
from peel.reporting.domain.recommendations import AssemblyMeetingFacts, RecommendationFacts, recommendations
from peel.reporting.read_models.assemblies.projection import RECOMMENDATIONS
from peel.reporting.read_models.meetings.projection import PROJECTION as MEETINGS_PROJECTION
from peel.reporting.read_models.meetings.store import MeetingStore
from peel.reporting.read_models.registry import handlers
from tests.support.reporting_meetings_events import (
    attended,
    made,
    meeting,
    meeting_cancelled,
    progressed,
    recommendations_stream,
    responded,
    updated,
)
from tests.support.reporting_scheduling_events import again
from tests.unit.test_reporting_scheduling import FakeWriter

TODAY = date(2027, 6, 1)
MEETING_PROJECTIONS = {**MEETINGS_PROJECTION, **RECOMMENDATIONS}


class FakeMeetingsWriter(FakeWriter, MeetingStore):
    """The fake store, with the meetings store's changes."""


async def project_batch(envelopes) -> list[tuple[str, list[tuple]]]:
    writer = FakeMeetingsWriter()
    await MEETING_PROJECTIONS[envelopes[0].type](writer, envelopes)
    return writer.written


def test_meeting_and_recommendation_events_are_consumed_and_replayed():
    meetings = {m.type_name for m in registry if m.__module__ == "peel.common.contracts.meetings"}
    assert {"peel.scheduling.meeting.not_attended.v1", "peel.scheduling.meeting_attendance.planned.v1"} <= meetings
    assemblies = {f"peel.scheduling.{name}.v1" for name in (
        "assembly_recommendation.made", "assembly_recommendation.responded", "assembly_recommendation.progressed",
        "assembly_meeting.held")}
    assert set(MEETING_PROJECTIONS) == meetings | assemblies
    assert set(MEETING_PROJECTIONS) <= set(handlers(schema=NEXT, shared_lock=False))


async def test_of_a_batchs_facts_for_one_meeting_the_greatest_version_is_written_once():
    m = meeting(datetime(2027, 3, 20, 18, tzinfo=UTC), "Warrington")
    v3, v2 = updated(m, datetime(2027, 5, 12, 17, tzinfo=UTC), 3), updated(m, datetime(2027, 4, 1, tzinfo=UTC))
    [(table, rows)] = await project_batch([v3, v2, *again([v3])])
    assert (table, rows) == ("neighbourhood_meetings", [
        (m.data.meeting_id, "cheshire", "pact", "Warrington", v3.data.starts_at, v3.data.ends_at, False, 3)])
    [(_, rows)] = await project_batch([m])
    assert rows[0][-1] == 1  # scheduled is version 1


async def test_the_latest_attendance_and_each_progress_update_are_written():
    m = meeting(datetime(2027, 2, 10, 18, tzinfo=UTC))
    late, early = attended(m, "asb", "roads", hours=5), attended(m, "asb", hours=1)
    [(table, rows)] = await project_batch([late, early, *again([late])])
    assert (table, rows) == ("neighbourhood_meetings", [
        (m.data.meeting_id, "cheshire", late.data.recorded_at, True, '["asb", "roads"]', 0)])
    [(_, rows)] = await project_batch([meeting_cancelled(m)])
    assert rows == [(m.data.meeting_id, "cheshire", m.data.starts_at)]
    created, _ = recommendations_stream()
    r = made(created, 1, 0.85)
    first, second = progressed(r, date(2027, 4, 1)), progressed(r, date(2027, 4, 20), done=True)
    [(table, rows)] = await project_batch([first, second, *again([first])])
    assert table == "assembly_recommendation_progress" and [row[1:] for row in rows] == [
        (first.data.at, "cheshire", False), (second.data.at, "cheshire", True)]
    [(_, rows)] = await project_batch([responded(r, "accepted", date(2027, 5, 1))])
    assert rows[0][3:5] == (1, "accepted") and rows[0][5] == date(2027, 5, 1)


def facts(area: str, starts_at: datetime, *topics: str, cancelled: bool = False, attended: bool = True,
          other: int = 0) -> MeetingFacts:
    return MeetingFacts(uuid.uuid4(), "pact", area, starts_at, True, cancelled, attended, topics, other)


MEETINGS = [
    facts("Halton", datetime(2027, 1, 10, 18, tzinfo=UTC), "asb", "roads", other=2),
    facts("halton ", datetime(2027, 2, 10, 18, tzinfo=UTC), "asb", "asb"),  # a key raised twice counts once
    facts("Halton", datetime(2027, 3, 10, 18, tzinfo=UTC), "roads", cancelled=True),
    facts("Warrington", datetime(2027, 3, 31, 23, 30, tzinfo=UTC), attended=False),  # 1 April in England
    facts("Halton", datetime(2027, 6, 1, 17, tzinfo=UTC), attended=False),  # today
    facts("Runcorn", datetime(2027, 5, 1, 18, tzinfo=UTC), "burglary"),
]


def test_meetings_are_counted_per_area_and_quarter_with_totals():
    report = meeting_report(MEETINGS)
    rows = [(f.area, f.quarter.label, f.meetings_known, f.meetings_cancelled, f.meetings_attended, f.topics,
             f.other_topics) for f in (*report.areas, *report.totals)]
    assert rows == [
        ("Halton", "2027-Q1", 2, 1, 2, {"asb": 2, "roads": 1}, 2),
        ("Halton", "2027-Q2", 1, 0, 0, {}, 0),
        ("Runcorn", "2027-Q2", 1, 0, 1, {"burglary": 1}, 0),
        ("Warrington", "2027-Q2", 1, 0, 0, {}, 0),
        ("all", "2027-Q1", 2, 1, 2, {"asb": 2, "roads": 1}, 2),
        ("all", "2027-Q2", 3, 0, 1, {"burglary": 1}, 0),
    ]
    assert report.topic_keys == ("asb", "burglary", "roads")  # roads of the cancelled meeting aside, too
    assert meeting_columns(report)[-4:] == ("other_topics", "topic:asb", "topic:burglary", "topic:roads")
    assert next(iter(meeting_table(report))) == ("Halton", "2027-Q1", "2027-01-01", "2027-03-31", 2, 1, 2, 2, 2, 0, 1)


def test_every_area_has_its_last_meeting_before_today_and_its_next_from_today():
    found = every_area_last_and_next(MEETINGS, TODAY)
    assert [(a.area, a.last and a.last.on, a.days_since_last, a.next and a.next.on, a.days_until_next)
            for a in found] == [
        ("Halton", date(2027, 2, 10), 111, date(2027, 6, 1), 0),  # the cancelled one in March is not the last
        ("Runcorn", date(2027, 5, 1), 31, None, None),
        ("Warrington", date(2027, 4, 1), 61, None, None)]
    table = list(last_and_next_table(found))
    assert len(table[0]) == len(LAST_AND_NEXT_COLUMNS)
    assert table[1][0] == "Runcorn" and table[1][-5:] == ("", "", "", "", "")
    assert table[0][4:8] == (True, True, 111, str(found[0].next.meeting_id))


def recommendation(number: int, decision: str | None = None, due: date | None = None, updates: int = 0,
                   done: bool = False) -> RecommendationFacts:
    return RecommendationFacts(uuid.uuid4(), number, f"Recommendation {number}", 0.75, datetime(2027, 3, 1, tzinfo=UTC),
                               decision, due, None if decision is None else datetime(2027, 3, 20, tzinfo=UTC),
                               updates, done)


def test_each_recommendation_has_its_state_and_whether_it_is_overdue():
    found = [recommendation(4), recommendation(1, "accepted", date(2027, 5, 31), 2),
             recommendation(2, "accepted_in_part", date(2027, 5, 1), 1, done=True),
             recommendation(3, "not_accepted", date(2027, 1, 1)), recommendation(5, "accepted", TODAY)]
    held = [AssemblyMeetingFacts(uuid.uuid4(), "online", 6, 6, datetime(2027, 2, 15, tzinfo=UTC)),
            AssemblyMeetingFacts(uuid.uuid4(), "in_person", 6, 5, datetime(2027, 2, 1, tzinfo=UTC)),
            AssemblyMeetingFacts(uuid.uuid4(), "online", 0, 0, datetime(2027, 3, 1, tzinfo=UTC))]
    report = recommendations(uuid.uuid4(), "Roads", found, held, TODAY)
    assert [(r.number, r.state, r.overdue, r.progress_updates, r.done) for r in report.recommendations] == [
        (1, "accepted", True, 2, False), (2, "done", False, 1, True), (3, "not_accepted", False, 0, False),
        (4, "awaiting_response", False, 0, False), (5, "accepted", False, 0, False)]  # due today: not yet overdue
    assert [(m.format, m.attendance_rate) for m in report.meetings] == [
        ("in_person", 0.8333), ("online", 1.0), ("online", None)]
    rows = list(recommendation_table(report))
    assert len(rows[0]) == len(RECOMMENDATION_COLUMNS)
    assert rows[3] == (4, "Recommendation 4", 0.75, "2027-03-01T00:00:00+00:00", "awaiting_response", "", "", "",
                       False, 0, False)
