"""From scheduling to reporting over HTTP and Kafka: staff record that the office attended a neighbourhood
meeting and then that nobody went, confirm a quarter's attendance plan, and selected assembly members
reply (one declines and is replaced); the running reporting service, reading what the running
scheduling service published, retracts the attendance and shows the plan beside it and the replies
beside the panel, as JSON and CSV."""

from __future__ import annotations

import csv
import io
import random

import pytest

from tests.support.platform import Scheduling
from tests.support.reporting_service import Reporting, answered, reporting  # noqa: F401 - the fixture
from tests.support.scheduling_assemblies import finished, register, set_up, volunteer
from tests.support.scheduling_meetings import URL, add, at_start
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
YEAR = {"from": "2027-01-01", "to": "2027-12-31"}


def _table(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


async def _set_up_meetings(scheduling: Scheduling, staff: dict) -> None:
    client = scheduling.client
    topics = [{"key": "asb", "label": "Anti-social behaviour"}, {"key": "roads", "label": "Road safety"}]
    assert (await client.put("/v1/scheduling/meeting-settings/topics", json=topics, headers=staff)).status_code == 200
    people = [{"key": "commissioner", "title": "Commissioner"}, {"key": "deputy", "title": "Deputy"}]
    assert (await client.put("/v1/scheduling/meeting-settings/attendees", json=people,
                             headers=staff)).status_code == 200


async def test_nobody_going_retracts_an_attendance_and_the_plan_is_shown_beside_it(
        scheduling: Scheduling, reporting: Reporting, token):  # noqa: F811
    clock, staff = at_start(scheduling), bearer(token("cheshire", "engagement_officer"))
    analyst = bearer(token("cheshire", "analyst"))
    await _set_up_meetings(scheduling, staff)
    crewe = await add(scheduling, staff, area="Crewe", day="2027-02-10")
    chester = await add(scheduling, staff, area="Chester", day="2027-02-17")
    went = {"attended": True, "attendees": ["commissioner"], "topics": ["asb", "roads"], "other_topics": ["Parking"]}
    for meeting in (crewe, chester):
        recorded = await scheduling.client.put(f"{URL}/{meeting['id']}/outcome", json=went, headers=staff)
        assert recorded.status_code == 200, recorded.text
    plan = {"assignments": [{"meeting_id": crewe["id"], "attendee": "commissioner"},
                            {"meeting_id": crewe["id"], "attendee": "deputy"}]}
    assert (await scheduling.client.put("/v1/scheduling/meeting-plans/2027-Q1", json=plan,
                                        headers=staff)).status_code == 200
    url = "/v1/scheduling/meetings/by-area?from=2027-01-01&to=2027-12-31"
    found = await answered(reporting.client, url, analyst, lambda body: [
        t["meetings_attended"] for t in body["totals"]] == [2])
    assert found["totals"][0]["topics"] == {"asb": 2, "roads": 2} and found["totals"][0]["other_topics"] == 2

    clock.wait(3600)  # corrected an hour later: nobody from the office went to Crewe
    nobody = {"attended": False, "attendees": [], "topics": [], "other_topics": []}
    corrected = await scheduling.client.put(f"{URL}/{crewe['id']}/outcome", json=nobody, headers=staff)
    assert corrected.status_code == 200 and corrected.json()["outcome"]["attended"] is False
    found = await answered(reporting.client, url, analyst, lambda body: [
        t["meetings_attended"] for t in body["totals"]] == [1])
    assert [(a["area"], a["meetings_known"], a["meetings_attended"], a["topics"]) for a in found["areas"]] == [
        ("Chester", 1, 1, {"asb": 1, "roads": 1}), ("Crewe", 1, 0, {})]
    table = _table((await reporting.client.get("/v1/scheduling/meetings/by-area.csv", params=YEAR,
                                               headers=analyst)).text)
    assert table[2] == ["Crewe", "2027-Q1", "2027-01-01", "2027-03-31", "1", "0", "0", "0", "0", "0"]

    coverage = await answered(reporting.client, "/v1/scheduling/meetings/plan-coverage", analyst,
                              lambda body: body["totals"] and body["totals"][0]["plan_version"] == 1)
    assert [(a["area"], a["meetings_planned"], a["planned_meetings_attended"], a["meetings_attended"],
             a["uncovered_reason"]) for a in coverage["areas"]] == [
        ("Chester", 0, 0, 1, "not_assigned"), ("Crewe", 1, 0, 0, None)]
    table = _table((await reporting.client.get("/v1/scheduling/meetings/plan-coverage.csv", params=YEAR,
                                               headers=analyst)).text)
    assert table[0][4:] == ["plan_version", "meetings_planned", "planned_meetings_attended",
                            "planned_meetings_cancelled", "meetings_attended", "areas_uncovered", "uncovered_reason"]
    assert table[-1] == ["all", "2027-Q1", "2027-01-01", "2027-03-31", "1", "1", "0", "0", "1", "1", ""]
    viewer = bearer(token("cheshire", "viewer"))
    assert (await reporting.client.get("/v1/scheduling/meetings/plan-coverage", headers=viewer)).status_code == 403
    backwards = await reporting.client.get("/v1/scheduling/meetings/plan-coverage?from=2027-12-31&to=2027-01-01",
                                           headers=analyst)
    assert backwards.status_code == 422 and backwards.json()["detail"][0]["loc"] == ["query", "to"]


async def test_members_replies_are_shown_beside_the_panel_through_a_replacement(
        scheduling: Scheduling, reporting: Reporting, token):  # noqa: F811
    clock, staff = at_start(scheduling), bearer(token("cheshire", "engagement_officer"))
    clock.now = clock.now.replace(month=2, day=1)
    client, rng = scheduling.client, random.Random(4)
    assembly, codes = await set_up(scheduling, staff)
    registered = [await register(scheduling, clock, assembly["id"], volunteer(n, codes[n % 20], rng))
                  for n in range(36)]
    tokens = {r.json()["registrant_id"]: r.json()["withdrawal_token"] for r in registered if r.status_code == 201}
    run = await client.post(f"/v1/scheduling/assemblies/{assembly['id']}/selections", json={"seed": 7}, headers=staff)
    done = await finished(scheduling, staff, assembly["id"], run.json()["id"])
    assert done["status"] == "done", done
    reply = f"/v1/public/assemblies/{assembly['id']}/registrations/{{}}/reply"
    keeps, leaves = done["selected"][:2], done["selected"][2]
    for member in keeps:
        assert (await client.post(reply.format(member), params={"token": tokens[member], "confirmed": "true"})
                ).status_code == 200
    assert (await client.post(reply.format(leaves), params={"token": tokens[leaves], "confirmed": "false"})
            ).json() == {"reply": "declined"}

    url = f"/v1/assemblies/{assembly['id']}/composition"
    analyst = bearer(token("cheshire", "analyst"))
    found = await answered(reporting.client, url, analyst, lambda body: body["replies"]["declined"] == 1
                           and body["replies"]["confirmed"] == 2)
    assert (found["panel"], found["replies"]["awaiting_reply"]) == (7, 4)
    sex = next(f for f in found["features"] if f["feature"] == "Sex")
    assert sum(v["confirmed"] for v in sex["values"]) == 2 and sum(v["declined"] for v in sex["values"]) == 1

    replacing = await client.post(f"/v1/scheduling/assemblies/{assembly['id']}/replacements",
                                  json={"dropouts": [leaves], "seed": 3}, headers=staff)
    assert replacing.status_code == 202, replacing.text
    assert (await finished(scheduling, staff, assembly["id"], replacing.json()["id"]))["status"] == "done"
    found = await answered(reporting.client, url, analyst, lambda body: body["replies"]["declined"] == 0)
    assert found["replies"] == {"confirmed": 2, "declined": 0, "awaiting_reply": 5, "replaced_after_confirming": 0,
                                "replaced_after_declining": 1}
    sex = next(f for f in found["features"] if f["feature"] == "Sex")
    assert found["panel"] == 7 and sum(v["declined"] for v in sex["values"]) == 0
    assert sum(v["awaiting_reply"] for v in sex["values"]) == 5
    table = _table((await reporting.client.get(f"{url}.csv", headers=analyst)).text)
    assert ["replies", "", "", "replaced_after_declining", "1"] in table
    assert ["replies", "", "", "awaiting_reply", "5"] in table
