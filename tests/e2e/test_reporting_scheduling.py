"""Reporting's surgery and assembly read models over HTTP: scheduling events published on the test
prefix's scheduling.events reach the running reporting service, whose endpoints answer the figures
worked out by hand in tests/integration/test_reporting_scheduling.py, as JSON and CSV, to staff of
the tenant only."""

from __future__ import annotations

import csv
import io

import pytest

from tests.support import reporting_service
from tests.support.reporting_scheduling_events import POPULATION, assembly_stream, surgery_stream
from tests.support.reporting_service import Reporting, answered
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
reporting = reporting_service.reporting  # the fixture
YEAR = {"from": "2027-01-01", "to": "2027-12-31"}
POPULATION_CSV = "area,dimension,category,count\n" + "".join(f"{a},{d},{c},{n}\n" for a, d, c, n in POPULATION)


def _rows(found: list[dict]) -> list[tuple]:
    return [(f["area"], f["quarter"]["label"], f["sessions_scheduled"], f["sessions_cancelled"], f["sessions_held"],
             f["slots_offered"], f["slots_booked"], f["utilisation"], f["attended"], f["no_shows"]) for f in found]


async def test_surgeries_by_area_and_quarter_for_the_tenant_only(reporting: Reporting, token):
    await reporting.publish(surgery_stream())
    analyst, officer = bearer(token("cheshire", "analyst")), bearer(token("cheshire", "engagement_officer"))
    url = "/v1/scheduling/surgeries/by-area?from=2027-01-01&to=2027-12-31"
    expected = [
        ("halton", "2027-Q1", 1, 0, 1, 8, 4, 0.5, 2, 2), ("warrington", "2027-Q1", 1, 1, 0, 0, 0, None, 0, 0),
        ("halton", "2027-Q2", 1, 0, 1, 6, 3, 0.5, 0, 0), ("runcorn", "2027-Q2", 1, 0, 1, 4, 1, 0.25, 0, 0),
        ("warrington", "2027-Q2", 1, 0, 0, 5, 0, 0.0, 0, 0)]
    found = await answered(reporting.client, url, analyst, lambda body: _rows(body["areas"]) == expected)
    assert (found["starts_on"], found["ends_on"]) == ("2027-01-01", "2027-12-31")
    assert _rows(found["totals"]) == [("all", "2027-Q1", 2, 1, 1, 8, 4, 0.5, 2, 2),
                                      ("all", "2027-Q2", 3, 0, 2, 15, 4, 0.2667, 0, 0)]
    every_quarter = [("2026-Q4", 1), ("2027-Q1", 4), ("2027-Q2", 4)]  # 2026 too, without from and to
    await answered(reporting.client, "/v1/scheduling/surgeries/by-area", officer, lambda body: [
        (t["quarter"]["label"], t["slots_booked"]) for t in body["totals"]] == every_quarter)

    exported = await reporting.client.get("/v1/scheduling/surgeries/by-area.csv", params=YEAR, headers=analyst)
    assert exported.headers["content-type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(exported.text)))
    assert table[0] == ["area", "quarter", "quarter_starts_on", "quarter_ends_on", "sessions_scheduled",
                        "sessions_cancelled", "sessions_held", "slots_offered", "slots_booked", "utilisation",
                        "attended", "no_shows"]
    assert table[1] == ["halton", "2027-Q1", "2027-01-01", "2027-03-31", "1", "0", "1", "8", "4", "0.5", "2", "2"]
    assert table[-1][:2] == ["all", "2027-Q2"] and len(table) == 8

    their_rows = [("halton", "2027-Q1", 1, 0, 1, 8, 2, 0.25, 0, 0)]
    await answered(reporting.client, url, bearer(token("dyfed-powys", "analyst")),
                   lambda body: _rows(body["areas"]) == their_rows)
    nobody = (await reporting.client.get(url, headers=bearer(token("gwent", "admin")))).json()
    assert (nobody["areas"], nobody["totals"]) == ([], [])


async def test_surgery_queries_refuse_bad_ranges_and_other_roles(reporting: Reporting, token):
    analyst = bearer(token("cheshire", "analyst"))
    backwards = await reporting.client.get("/v1/scheduling/surgeries/by-area?from=2027-12-31&to=2027-01-01",
                                           headers=analyst)
    assert backwards.status_code == 422
    assert backwards.json()["detail"] == [{"loc": ["query", "to"], "msg": "must not be before from",
                                           "type": "before_from"}]
    not_a_day = await reporting.client.get("/v1/scheduling/surgeries/by-area.csv?from=2027-02-30", headers=analyst)
    assert not_a_day.status_code == 422 and not_a_day.json()["detail"][0]["loc"] == ["query", "from"]
    viewer = await reporting.client.get("/v1/scheduling/surgeries/by-area", headers=bearer(token("cheshire", "viewer")))
    assert viewer.status_code == 403
    assert (await reporting.client.get("/v1/scheduling/surgeries/by-area")).status_code == 401


async def test_an_assemblys_composition_for_the_tenant_only(reporting: Reporting, token):
    admin, analyst = bearer(token("cheshire", "admin")), bearer(token("cheshire", "analyst"))
    uploaded = await reporting.client.put("/v1/populations", content=POPULATION_CSV,
                                          headers=admin | {"content-type": "text/csv"})
    assert uploaded.status_code == 200, uploaded.text
    created, stream = assembly_stream()
    other, theirs = assembly_stream("dyfed-powys")
    await reporting.publish(stream + theirs)
    url = f"/v1/assemblies/{created.data.assembly_id}/composition"
    found = await answered(reporting.client, url, analyst, lambda body: len(body["runs"]) == 2)
    assert (found["pool"], found["panel"], found["panel_size"]) == (29, 6, 6)
    age = found["features"][0]
    assert [(v["value"], v["pool"], v["pool_suppressed"], v["panel"], v["within_quota"], v["population_share"])
            for v in age["values"]] == [("16-29", None, True, 2, True, 0.15), ("30-59", 14, False, 2, False, 0.45),
                                        ("60+", None, True, 2, True, 0.4)]
    assert [(r["kind"], r["algorithm"], r["seed"], r["pool_size"], r["min_probability"], r["max_probability"],
             r["gini"]) for r in found["runs"]] == [("selection", "leximin", 42, 29, 0.1, 0.35, 0.12),
                                                   ("replacement", "leximin", 7, 23, 0.1, 0.35, 0.12)]

    exported = await reporting.client.get(f"{url}.csv", headers=analyst)
    table = list(csv.reader(io.StringIO(exported.text)))
    assert table[0] == ["part", "feature", "value", "measure", "figure"]
    assert ["composition", "Area", "halton", "population", "6000"] in table
    assert ["selection", "", str(found["runs"][0]["run_id"]), "seed", "42"] in table

    for hidden in (f"/v1/assemblies/{other.data.assembly_id}/composition",
                   f"/v1/assemblies/{other.data.assembly_id}/composition.csv"):
        assert (await reporting.client.get(hidden, headers=analyst)).status_code == 404
    theirs_found = await answered(reporting.client, f"/v1/assemblies/{other.data.assembly_id}/composition",
                                  bearer(token("dyfed-powys", "analyst")), lambda body: len(body["runs"]) == 2)
    assert [v["population"] for v in theirs_found["features"][0]["values"]] == [None, None, None]
    assert (await reporting.client.get("/v1/assemblies/not-an-id/composition", headers=analyst)).status_code == 422
