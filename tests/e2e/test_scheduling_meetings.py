"""Neighbourhood meetings over HTTP: staff keep them, record what happened, plan a quarter's attendance in
rotation and confirm it; the public sees an area's last and next meetings; the events carry no names. What is
refused, and tenancy, are in the use cases' unit tests (tests/unit/test_scheduling_meeting_use_cases.py)."""

from __future__ import annotations

import json

import pytest

from tests.support.platform import Scheduling
from tests.support.scheduling_meetings import ORGANISER, URL, add, at_start, meeting, meeting_events
from tests.support.scheduling_surgeries import add_venue
from tests.support.servers import eventually
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e


async def test_staff_keep_meetings_record_them_and_the_public_sees_an_areas_last_and_next(
        scheduling: Scheduling, token, infra, topic_prefix):
    at_start(scheduling)
    client = scheduling.client
    staff, viewer = bearer(token("cheshire", "engagement_officer")), bearer(token("cheshire", "viewer"))
    venue = await add_venue(client, staff)
    held = await add(scheduling, staff, area="Crewe", day="2027-02-10", venue=None, venue_id=venue["id"])
    coming = await add(scheduling, staff, area="crewe ", day="2027-03-20", type="community_forum")
    later = await add(scheduling, staff, area="Crewe", day="2027-04-20")
    private = await add(scheduling, staff, area="Crewe", day="2027-03-05", public=False)
    await add(scheduling, staff, area="Chester", day="2027-03-12")
    moved = await client.put(f"{URL}/{coming['id']}", headers=staff, json=meeting("Crewe", "2027-03-22",
                                                                                   type="community_forum"))
    assert moved.status_code == 200 and moved.json()["day"] == "2027-03-22" and moved.json()["version"] == 2
    assert (await client.post(f"{URL}/{later['id']}/cancel", json={"reason": "Hall flooded"},
                              headers=staff)).json()["status"] == "cancelled"

    listed = await client.get(URL, params={"area": "CREWE", "from": "2027-03-01", "to": "2027-03-31"}, headers=viewer)
    assert [m["id"] for m in listed.json()] == [private["id"], coming["id"]]
    assert all(m["organiser"] is None for m in listed.json())
    assert (await client.get(f"{URL}/{held['id']}", headers=staff)).json()["organiser"] == ORGANISER
    assert (await client.post(URL, json=meeting("Crewe", "2027-05-01"), headers=viewer)).status_code == 403

    area = await client.get("/v1/public/cheshire/meeting-areas/crewe")
    assert area.status_code == 200
    assert area.json()["last"]["id"] == held["id"] and area.json()["next"]["id"] == coming["id"]
    assert area.json()["last"]["venue"] == "Crewe Library, Prince Albert Street, Crewe CW1 2DH"
    assert area.json()["next"]["starts_at"] == "2027-03-22T19:00:00Z"
    assert "Pryce" not in area.text and "example.org" not in area.text
    empty = await client.get("/v1/public/cheshire/meeting-areas/Nantwich")
    assert empty.status_code == 200 and empty.json() == {"area": "Nantwich", "last": None, "next": None}

    await record_what_happened(scheduling, staff, held, coming)
    events = await eventually(lambda: meeting_events(infra, topic_prefix, 8))
    kinds = [e["type"] for e in events]
    assert kinds.count("peel.scheduling.meeting.scheduled.v1") == 5 and "peel.scheduling.meeting.updated.v1" in kinds
    assert "peel.scheduling.meeting.cancelled.v1" in kinds
    [attended] = [e for e in events if e["type"] == "peel.scheduling.meeting.attended.v1"]
    assert attended["data"]["topics"] == ["asb", "roads"] and attended["data"]["other_topic_count"] == 1
    text = json.dumps(events)
    assert not any(word in text for word in ("Pryce", "example.org", "Community Centre", "Mr Jones"))


async def record_what_happened(scheduling: Scheduling, staff: dict, held: dict, coming: dict) -> None:
    client = scheduling.client
    topics = [{"key": "asb", "label": "Anti-social behaviour"}, {"key": "roads", "label": "Road safety"}]
    assert (await client.put("/v1/scheduling/meeting-settings/topics", json=topics, headers=staff)).status_code == 200
    await client.put("/v1/scheduling/meeting-settings/attendees", headers=staff,
                     json=[{"key": "commissioner", "title": "Commissioner"}])
    outcome = {"attended": True, "attendees": ["commissioner"], "topics": ["asb", "roads"],
               "other_topics": ["Speeding outside Mr Jones's house"]}
    recorded = await client.put(f"{URL}/{held['id']}/outcome", json=outcome, headers=staff)
    assert recorded.status_code == 200 and recorded.json()["outcome"]["topics"] == ["asb", "roads"]


async def test_a_quarter_is_planned_in_rotation_and_confirmed(scheduling: Scheduling, token, infra, topic_prefix):
    at_start(scheduling)
    client, staff = scheduling.client, bearer(token("cheshire", "admin"))
    await add_venue(client, staff, policing_area="Macclesfield")
    people = [{"key": "commissioner", "title": "Commissioner"},
              {"key": "deputy", "title": "Deputy Commissioner", "unavailable": ["2027-05-11"]}]
    settings = await client.put("/v1/scheduling/meeting-settings/attendees", json=people, headers=staff)
    assert settings.status_code == 200 and settings.json()["attendees"][1]["unavailable"] == ["2027-05-11"]
    crewe_q1, chester_q1 = (await add(scheduling, staff, area="Crewe", day="2027-01-12"),
                            await add(scheduling, staff, area="Chester", day="2027-02-09"))
    first = await client.put("/v1/scheduling/meeting-plans/2027-Q1", headers=staff, json={"assignments": [
        {"meeting_id": crewe_q1["id"], "attendee": "commissioner"}, {"meeting_id": chester_q1["id"],
                                                                      "attendee": "deputy"}]})
    assert first.status_code == 200 and first.json()["version"] == 1, first.text

    crewe = await add(scheduling, staff, area="Crewe", day="2027-04-13")
    chester = await add(scheduling, staff, area="Chester", day="2027-04-20")
    warrington = await add(scheduling, staff, area="Warrington", day="2027-05-11")
    await add(scheduling, staff, area="Chester", day="2027-05-11", starts="19:30", ends="21:00")  # clashes
    proposed = await client.get("/v1/scheduling/meeting-plans/2027-Q2/proposal", headers=staff)
    assert proposed.status_code == 200, proposed.text
    assert {(a["area"], a["attendee"]) for a in proposed.json()["assignments"]} == {
        ("Crewe", "deputy"), ("Chester", "commissioner"), ("Warrington", "commissioner")}
    assert warrington["id"] in {a["meeting_id"] for a in proposed.json()["assignments"]}
    assert proposed.json()["uncovered"] == [{"area": "Macclesfield", "reason": "no_meeting"}]

    edited = [a for a in proposed.json()["assignments"] if a["area"] != "Chester"]
    body = {"assignments": [{"meeting_id": a["meeting_id"], "attendee": a["attendee"]} for a in edited]}
    confirmed = await client.put("/v1/scheduling/meeting-plans/2027-Q2", json=body, headers=staff)
    assert confirmed.status_code == 200 and confirmed.json()["uncovered"] == [
        {"area": "Macclesfield", "reason": "no_meeting"}, {"area": "Chester", "reason": "not_assigned"}]
    stored = await client.get("/v1/scheduling/meeting-plans/2027-Q2", headers=bearer(token("cheshire", "viewer")))
    assert {a["meeting_id"] for a in stored.json()["assignments"]} == {crewe["id"], warrington["id"]}
    assert (await client.get("/v1/scheduling/meeting-plans/2027-Q9/proposal", headers=staff)).status_code == 422

    events = await eventually(lambda: meeting_events(infra, topic_prefix, 8))
    planned = [e["data"] for e in events if e["type"] == "peel.scheduling.meeting_attendance.planned.v1"]
    assert [(p["quarter"], len(p["assignments"])) for p in planned] == [("2027-Q1", 2), ("2027-Q2", 2)]
    assert chester["id"] not in json.dumps(planned[1])


async def test_a_meeting_of_an_unknown_type_is_named(scheduling: Scheduling, token):
    at_start(scheduling)
    refused = await scheduling.client.post(URL, json=meeting("Crewe", "2027-04-13", type="rave"),
                                           headers=bearer(token("cheshire", "admin")))
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == ["body", "type"], refused.text
