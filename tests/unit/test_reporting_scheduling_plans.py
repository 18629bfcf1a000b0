"""Meeting outcomes saying nobody went, quarterly attendance plans and members' replies in reporting,
without a database: what each projection writes (through a fake writer), the plans beside the
meetings attended per area and quarter, and the replies beside an assembly's panel, on small
hand-worked examples."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime

from peel.common.contracts.assemblies import MemberReplied
from peel.common.contracts.meetings import AttendancePlanned
from peel.reporting.domain.assembly_composition import AssemblyFacts, Quota, Replies, composition
from peel.reporting.domain.meeting_plans import PlanFacts, coverage_report, quarter_named
from peel.reporting.domain.meetings import MeetingFacts, meeting_report
from peel.reporting.domain.meetings_export import COVERAGE_COLUMNS, coverage_table
from peel.reporting.domain.scheduling_export import composition_table
from tests.support.reporting_meetings_events import attended, meeting
from tests.support.reporting_plans_events import (
    coverage_stream,
    not_attended,
    replies_stream,
)
from tests.support.reporting_scheduling_events import again
from tests.unit.test_reporting_scheduling import project_batch as project_scheduling
from tests.unit.test_reporting_scheduling_meetings import project_batch


async def test_an_outcome_saying_nobody_went_is_written_as_the_latest_outcome_without_topics():
    m = meeting(datetime(2027, 2, 10, 18, tzinfo=UTC))
    late, early = not_attended(m, hours=6), not_attended(m, hours=2)
    [(table, rows)] = await project_batch([late, early, *again([late])])
    assert (table, rows) == ("neighbourhood_meetings", [
        (m.data.meeting_id, "cheshire", late.data.recorded_at, False, "[]", 0)])
    [(_, rows)] = await project_batch([attended(m, "asb", hours=3)])  # the same columns, attended
    assert rows[0][2:] == (attended(m, hours=3).data.recorded_at, True, '["asb"]', 0)


async def test_of_a_batchs_plans_for_a_quarter_the_greatest_version_is_written_once():
    plans = [e for e in coverage_stream() if e.type == AttendancePlanned.type_name]
    [(table, rows)] = await project_batch([*plans, *again(plans)])
    assert table == "meeting_plans"
    assert [row[:3] for row in rows] == [("cheshire", "2027-Q1", 2), ("cheshire", "2027-Q2", 1),
                                         ("cheshire", "2027-Q3", 1), ("dyfed-powys", "2027-Q1", 1)]
    first = plans[0].data.assignments[0]
    assert json.loads(rows[0][4])[0] == {"area": "Halton", "attendee": "commissioner",
                                         "meeting_id": str(first.meeting_id)}
    assert json.loads(rows[0][5]) == [{"area": "Warrington", "reason": "not_assigned"},
                                      {"area": "runcorn ", "reason": "no_meeting"}]


async def test_the_latest_reply_of_each_member_is_written_once():
    _, stream = replies_stream()
    replies = [e for e in stream if e.type == MemberReplied.type_name]
    [(table, rows)] = await project_scheduling([*replies, *again(replies)])
    assert table == "assembly_panel" and len(rows) == 6
    assert [row[4] for row in rows] == ["confirmed", "confirmed", "declined", "declined", "confirmed", "confirmed"]
    assert rows[4][3] == replies[5].data.replied_at  # confirmed on day 35, after declining on day 33


def facts(area: str, starts_at: datetime, *, attended: bool = True, cancelled: bool = False) -> MeetingFacts:
    return MeetingFacts(uuid.uuid4(), "pact", area, starts_at, True, cancelled, attended)


H1, H2, W1 = (facts("Halton", datetime(2027, 1, 20, 18, tzinfo=UTC), attended=False),  # retracted
              facts("halton ", datetime(2027, 2, 15, 18, tzinfo=UTC)),
              facts("Warrington", datetime(2027, 3, 10, 18, tzinfo=UTC), attended=False))
R1, W2, H3 = (facts("Runcorn", datetime(2027, 4, 14, 18, tzinfo=UTC)),
              facts("Warrington", datetime(2027, 5, 5, 18, tzinfo=UTC), attended=False, cancelled=True),
              facts("Halton", datetime(2027, 6, 10, 18, tzinfo=UTC)))
H0 = facts("Halton", datetime(2026, 11, 3, 18, tzinfo=UTC))  # a quarter without a plan
MEETINGS = [H0, H1, H2, W1, R1, W2, H3]


def plan(quarter: str, version: int, visits: list[MeetingFacts], uncovered: tuple = ()) -> PlanFacts:
    return PlanFacts(quarter, version, datetime(2027, 1, 2, tzinfo=UTC), tuple((m.meeting_id, m.area) for m in visits),
                     uncovered)


PLANS = [plan("2027-Q1", 2, [H1, H1, H2], (("Warrington", "not_assigned"), ("runcorn ", "no_meeting"))),
         plan("2027-Q2", 1, [R1, W2]), plan("2027-Q3", 1, [], (("Halton", "no_attendee_free"),)),
         plan("2027-Q9", 1, [H3])]  # names no quarter: left out


def _rows(found) -> list[tuple]:
    return [(f.area, f.quarter.label, f.plan_version, f.meetings_planned, f.planned_meetings_attended,
             f.planned_meetings_cancelled, f.meetings_attended, f.areas_uncovered, f.uncovered_reason) for f in found]


def test_plans_are_shown_beside_the_meetings_attended_per_area_and_quarter():
    report = coverage_report(PLANS, MEETINGS)
    assert _rows(report.areas) == [
        ("Halton", "2026-Q4", None, 0, 0, 0, 1, 0, None),
        ("Halton", "2027-Q1", 2, 2, 1, 0, 1, 0, None),  # H1 planned twice counts once; its attendance retracted
        ("Runcorn", "2027-Q1", 2, 0, 0, 0, 0, 1, "no_meeting"),  # named as on its meeting
        ("Warrington", "2027-Q1", 2, 0, 0, 0, 0, 1, "not_assigned"),
        ("Halton", "2027-Q2", 1, 0, 0, 0, 1, 0, None),  # attended, not planned
        ("Runcorn", "2027-Q2", 1, 1, 1, 0, 1, 0, None),
        ("Warrington", "2027-Q2", 1, 1, 0, 1, 0, 0, None),  # its only meeting cancelled
        ("Halton", "2027-Q3", 1, 0, 0, 0, 0, 1, "no_attendee_free")]
    assert _rows(report.totals) == [
        ("all", "2026-Q4", None, 0, 0, 0, 1, 0, None), ("all", "2027-Q1", 2, 2, 1, 0, 1, 2, None),
        ("all", "2027-Q2", 1, 2, 1, 1, 2, 0, None), ("all", "2027-Q3", 1, 0, 0, 0, 0, 1, None)]
    table = list(coverage_table(report))
    assert len(table[0]) == len(COVERAGE_COLUMNS) and COVERAGE_COLUMNS[4:6] == ("plan_version", "meetings_planned")
    assert table[0] == ("Halton", "2026-Q4", "2026-10-01", "2026-12-31", "", 0, 0, 0, 1, 0, "")
    assert table[3] == ("Warrington", "2027-Q1", "2027-01-01", "2027-03-31", 2, 0, 0, 0, 0, 1, "not_assigned")


def test_a_period_selects_whole_quarters():
    report = coverage_report(PLANS, MEETINGS, date(2027, 5, 15), date(2027, 7, 1))
    assert [(f.area, f.quarter.label, f.meetings_attended) for f in report.areas] == [
        ("Halton", "2027-Q2", 1), ("Runcorn", "2027-Q2", 1), ("Warrington", "2027-Q2", 0), ("Halton", "2027-Q3", 0)]
    assert coverage_report(PLANS, MEETINGS, date(2028, 1, 1)).areas == ()
    assert quarter_named("2027-Q4").starts_on == date(2027, 10, 1) and quarter_named("2027-Q5") is None


def test_a_retracted_attendance_leaves_the_meeting_figures_and_its_topics():
    found = meeting_report([H1, H2])
    assert [(f.meetings_known, f.meetings_attended) for f in found.areas] == [(2, 1)]


ASSEMBLY = AssemblyFacts(uuid.uuid4(), "Safer roads", ("halton",), 4,
                         (Quota("Sex", "female", 1, 3), Quota("Sex", "male", 1, 3)), datetime(2027, 3, 1, tzinfo=UTC))


def test_replies_are_shown_beside_the_panel_overall_and_per_quota_value():
    replies = Replies.of(4, {("confirmed", True): 2, ("declined", True): 1, ("declined", False): 1})
    per_value = {("confirmed", "Sex", "female"): 2, ("declined", "Sex", "male"): 1}
    found = composition(ASSEMBLY, {("Sex", "female"): 10, ("Sex", "male"): 12}, {("Sex", "female"): 2,
                        ("Sex", "male"): 2}, (22, 4), {}, [], (replies, per_value))
    assert found.replies == Replies(confirmed=2, declined=1, awaiting_reply=1, replaced_after_confirming=0,
                                    replaced_after_declining=1)
    assert [(v.value, v.panel, v.confirmed, v.declined, v.awaiting_reply) for v in found.features[0].values] == [
        ("female", 2, 2, 0, 0), ("male", 2, 0, 1, 1)]
    rows = list(composition_table(found))
    assert rows[3:8] == [("replies", "", "", "confirmed", 2), ("replies", "", "", "declined", 1),
                         ("replies", "", "", "awaiting_reply", 1), ("replies", "", "", "replaced_after_confirming", 0),
                         ("replies", "", "", "replaced_after_declining", 1)]
    assert ("composition", "Sex", "male", "awaiting_reply", 1) in rows
    nobody = composition(ASSEMBLY, {}, {("Sex", "male"): 3}, (0, 3), {}, [])  # before any reply
    assert nobody.replies.awaiting_reply == 3 and nobody.features[0].values[1].awaiting_reply == 3
