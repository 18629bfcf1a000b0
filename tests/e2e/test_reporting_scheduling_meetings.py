"""Neighbourhood meetings and assembly recommendations in reporting over HTTP: scheduling events
published on the test prefix's scheduling.events reach the running reporting service, whose
endpoints answer the figures worked out by hand in
tests/integration/test_reporting_scheduling_meetings.py, as JSON and CSV, to staff of the tenant only."""

from __future__ import annotations

import csv
import io

import pytest

from tests.support.reporting_meetings_events import meetings_stream, recommendations_stream
from tests.support.reporting_service import Reporting, answered, reporting  # noqa: F401 - the fixture
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
YEAR = {"from": "2027-01-01", "to": "2027-12-31"}


def _rows(found: list[dict]) -> list[tuple]:
    return [(f["area"], f["quarter"]["label"], f["meetings_known"], f["meetings_cancelled"], f["meetings_attended"],
             f["topics"], f["other_topics"]) for f in found]


def _table(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


async def test_meetings_by_area_and_last_and_next_for_the_tenant_only(reporting: Reporting, token):  # noqa: F811
    await reporting.publish(meetings_stream())
    analyst, officer = bearer(token("cheshire", "analyst")), bearer(token("cheshire", "engagement_officer"))
    url = "/v1/scheduling/meetings/by-area?from=2027-01-01&to=2027-12-31"
    totals = [("all", "2027-Q1", 1, 1, 1, {"asb": 1, "roads": 1}, 1),
              ("all", "2027-Q2", 4, 0, 2, {"asb": 1, "burglary": 1, "roads": 1}, 0)]
    found = await answered(reporting.client, url, analyst, lambda body: _rows(body["totals"]) == totals)
    assert _rows(found["areas"])[2] == ("Halton", "2027-Q2", 2, 0, 1, {"asb": 1, "burglary": 1}, 0)
    assert found["topic_keys"] == ["asb", "burglary", "roads"]
    every = await reporting.client.get("/v1/scheduling/meetings/by-area", headers=officer)
    assert [t["quarter"]["label"] for t in every.json()["totals"]] == ["2026-Q4", "2027-Q1", "2027-Q2"]

    exported = await reporting.client.get("/v1/scheduling/meetings/by-area.csv", params=YEAR, headers=analyst)
    assert exported.headers["content-type"].startswith("text/csv")
    table = _table(exported.text)
    assert table[0] == ["area", "quarter", "quarter_starts_on", "quarter_ends_on", "meetings_known",
                        "meetings_cancelled", "meetings_attended", "other_topics", "topic:asb", "topic:burglary",
                        "topic:roads"]
    assert table[1] == ["Halton", "2027-Q1", "2027-01-01", "2027-03-31", "1", "0", "1", "1", "1", "0", "1"]
    assert table[-1] == ["all", "2027-Q2", "2027-04-01", "2027-06-30", "4", "0", "2", "0", "1", "1", "1"]

    around = (await reporting.client.get("/v1/scheduling/meetings/last-and-next", headers=analyst)).json()
    assert around["today"] == "2027-06-01"
    assert [(a["area"], a["last"] and a["last"]["on"], a["days_since_last"], a["next"] and a["next"]["on"],
             a["days_until_next"]) for a in around["areas"]] == [
        ("Halton", "2027-04-01", 61, "2027-06-01", 0), ("Runcorn", None, None, "2027-06-15", 14),
        ("Warrington", "2027-05-12", 20, None, None)]
    table = _table((await reporting.client.get("/v1/scheduling/meetings/last-and-next.csv", headers=analyst)).text)
    assert table[0][:3] == ["area", "last_meeting_id", "last_on"] and len(table) == 4
    assert table[2][0] == "Runcorn" and table[2][1:7] == ["", "", "", "", "", ""] and table[2][-1] == "14"

    theirs = await answered(reporting.client, url, bearer(token("dyfed-powys", "analyst")),
                            lambda body: len(body["areas"]) == 1)
    assert _rows(theirs["areas"]) == [("Halton", "2027-Q1", 1, 0, 1, {"asb": 1}, 0)]
    nobody = bearer(token("gwent", "admin"))
    assert (await reporting.client.get("/v1/scheduling/meetings/last-and-next", headers=nobody)).json()["areas"] == []


async def test_meeting_queries_refuse_bad_ranges_and_other_roles(reporting: Reporting, token):  # noqa: F811
    analyst = bearer(token("cheshire", "analyst"))
    backwards = await reporting.client.get("/v1/scheduling/meetings/by-area.csv?from=2027-12-31&to=2027-01-01",
                                           headers=analyst)
    assert backwards.status_code == 422 and backwards.json()["detail"][0]["loc"] == ["query", "to"]
    not_a_day = await reporting.client.get("/v1/scheduling/meetings/by-area?to=2027-13-01", headers=analyst)
    assert not_a_day.status_code == 422 and not_a_day.json()["detail"][0]["loc"] == ["query", "to"]
    for url in ("/v1/scheduling/meetings/by-area", "/v1/scheduling/meetings/last-and-next"):
        assert (await reporting.client.get(url, headers=bearer(token("cheshire", "viewer")))).status_code == 403
        assert (await reporting.client.get(url)).status_code == 401


async def test_an_assemblys_recommendations_for_the_tenant_only(reporting: Reporting, token):  # noqa: F811
    created, stream = recommendations_stream()
    other, theirs = recommendations_stream("dyfed-powys")
    await reporting.publish(stream + theirs)
    analyst = bearer(token("cheshire", "analyst"))
    url = f"/v1/assemblies/{created.data.assembly_id}/recommendations"
    found = await answered(reporting.client, url, analyst, lambda body: [
        r["progress_updates"] for r in body["recommendations"]] == [2, 1, 0, 0] and len(body["meetings"]) == 2)
    assert (found["title"], found["today"]) == ("Tackling anti-social behaviour", "2027-06-01")
    assert [(r["number"], r["state"], r["due"], r["overdue"], r["done"]) for r in found["recommendations"]] == [
        (1, "accepted", "2027-05-01", True, False), (2, "done", "2027-05-01", False, True),
        (3, "not_accepted", None, False, False), (4, "awaiting_response", None, False, False)]
    assert [m["attendance_rate"] for m in found["meetings"]] == [0.8333, 1.0]

    table = _table((await reporting.client.get(f"{url}.csv", headers=analyst)).text)
    assert table[0] == ["number", "text", "support_share", "made_at", "state", "decision", "due", "responded_at",
                        "overdue", "progress_updates", "done"]
    assert table[1] == ["1", "Recommendation 1", "0.85", "2027-03-01T12:00:00+00:00", "accepted", "accepted",
                        "2027-05-01", "2027-03-20T12:00:00+00:00", "True", "2", "False"]
    assert table[4][4:7] == ["awaiting_response", "", ""]

    for hidden in (f"/v1/assemblies/{other.data.assembly_id}/recommendations",
                   f"/v1/assemblies/{other.data.assembly_id}/recommendations.csv"):
        assert (await reporting.client.get(hidden, headers=analyst)).status_code == 404
    await answered(reporting.client, f"/v1/assemblies/{other.data.assembly_id}/recommendations",
                   bearer(token("dyfed-powys", "analyst")), lambda body: len(body["recommendations"]) == 4)
    assert (await reporting.client.get("/v1/assemblies/not-an-id/recommendations", headers=analyst)).status_code == 422
    viewer = await reporting.client.get(url, headers=bearer(token("cheshire", "viewer")))
    assert viewer.status_code == 403
