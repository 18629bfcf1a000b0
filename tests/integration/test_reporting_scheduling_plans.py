"""Meeting outcomes saying nobody went, quarterly attendance plans and members' replies in reporting, on
the real broker and database: scheduling events published on the test prefix's scheduling.events,
consumed by the live reporting consumer, and the figures checked against hand-worked expectations;
redelivery changes nothing. The rebuild is shown in test_reporting_rebuild.py, whose stream has these
events too.

The streams are built in tests/support/reporting_plans_events.py.
"""

from __future__ import annotations

from dataclasses import asdict

import pytest

from peel.reporting.read_models._store import reading
from peel.reporting.read_models.assemblies.routes import assembly_composition
from peel.reporting.read_models.assemblies.store import AssemblyStore
from peel.reporting.read_models.meetings.routes import plan_coverage
from peel.reporting.read_models.meetings.store import MeetingStore
from tests.support.reporting_consumer import consume, reporting  # noqa: F401 - the fixture
from tests.support.reporting_meetings_events import YEAR_2027, attended, meeting_row, meetings_found
from tests.support.reporting_plans_events import coverage_stream, replies_stream
from tests.support.reporting_scheduling_events import again

pytestmark = pytest.mark.integration
COVERAGE = [
    ("Halton", "2027-Q1", 2, 2, 1, 0, 1, 0, None),  # h1 twice in the plan; nobody went after all
    ("Runcorn", "2027-Q1", 2, 0, 0, 0, 0, 1, "no_meeting"),
    ("Warrington", "2027-Q1", 2, 0, 0, 0, 0, 1, "not_assigned"),
    ("Halton", "2027-Q2", 1, 0, 0, 0, 1, 0, None),
    ("Runcorn", "2027-Q2", 1, 1, 1, 0, 1, 0, None),
    ("Warrington", "2027-Q2", 1, 1, 0, 1, 0, 0, None),
    ("Halton", "2027-Q3", 1, 0, 0, 0, 0, 1, "no_attendee_free")]


async def _coverage(pool, tenant: str = "cheshire") -> dict:
    async with reading(pool, MeetingStore) as reader:
        return asdict(await plan_coverage(reader, tenant, *YEAR_2027))


def _figures(found: dict) -> tuple:
    return (found["area"], found["quarter"]["label"], found["plan_version"], found["meetings_planned"],
            found["planned_meetings_attended"], found["planned_meetings_cancelled"], found["meetings_attended"],
            found["areas_uncovered"], found["uncovered_reason"])


async def test_plans_are_shown_beside_the_meetings_and_nobody_going_retracts_an_attendance(reporting):  # noqa: F811
    stream = coverage_stream()
    await consume(reporting, stream + again(stream))  # everything published twice, the later plan first
    found = await _coverage(reporting.pool)
    assert [_figures(row) for row in found["areas"]] == COVERAGE
    assert [_figures(row) for row in found["totals"]] == [
        ("all", "2027-Q1", 2, 2, 1, 0, 1, 2, None), ("all", "2027-Q2", 1, 2, 1, 1, 2, 0, None),
        ("all", "2027-Q3", 1, 0, 0, 0, 0, 1, None)]
    assert [_figures(row) for row in (await _coverage(reporting.pool, "dyfed-powys"))["areas"]] == [
        ("Ceredigion", "2027-Q1", 1, 1, 1, 0, 1, 0, None)]
    meetings = await meetings_found(reporting.pool)
    assert [meeting_row(row) for row in meetings["areas"]][:2] == [
        ("Halton", "2027-Q1", 2, 0, 1, {"roads": 1}, 0),  # h1's asb went with its attendance
        ("Warrington", "2027-Q1", 1, 0, 0, {}, 0)]
    assert meetings["topic_keys"] == ("asb", "roads")  # asb still raised at Runcorn, attended

    h1 = stream[0]
    await consume(reporting, [attended(h1, "burglary", hours=9)], before=2 * len(stream))  # corrected again
    assert meeting_row((await meetings_found(reporting.pool))["areas"][0]) == (
        "Halton", "2027-Q1", 2, 0, 2, {"burglary": 1, "roads": 1}, 0)
    assert _figures((await _coverage(reporting.pool))["areas"][0])[4] == 2
    await consume(reporting, again(stream[:3]), before=2 * len(stream) + 1)  # the earlier outcomes, late
    assert _figures((await _coverage(reporting.pool))["areas"][0])[4] == 2


async def test_replies_are_shown_beside_the_panel_and_replacements_keep_them_right(reporting):  # noqa: F811
    created, stream = replies_stream()
    await consume(reporting, stream + again(stream[-6:]))  # the replies published twice
    async with reading(reporting.pool, AssemblyStore) as reader:
        found = asdict(await assembly_composition(reader, "cheshire", created.data.assembly_id))
    assert found["panel"] == 6 and found["replies"] == {
        "confirmed": 4, "declined": 1, "awaiting_reply": 1, "replaced_after_confirming": 0,
        "replaced_after_declining": 1}
    age, area = found["features"]
    assert [(v["value"], v["panel"], v["confirmed"], v["declined"], v["awaiting_reply"]) for v in age["values"]] == [
        ("16-29", 2, 2, 0, 0), ("30-59", 2, 2, 0, 0), ("60+", 2, 0, 1, 1)]
    assert [(v["value"], v["confirmed"], v["declined"], v["awaiting_reply"]) for v in area["values"]] == [
        ("halton", 2, 1, 0), ("warrington", 2, 0, 1)]
