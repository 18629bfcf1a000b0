"""Staff keep venues and schedule surgery sessions; anyone lists the public ones without personal data. Tenancy,
venues in use, where a session is held and cancelling twice are in tests/unit/test_scheduling_session_use_cases.py."""

from __future__ import annotations

import json

import pytest

from tests.support.kafka import read_all
from tests.support.platform import Scheduling
from tests.support.scheduling_surgeries import VENUE, add_venue, schedule, surgery_day
from tests.support.servers import eventually
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e


async def test_staff_keep_venues_and_viewers_read_them(scheduling: Scheduling, token):
    client, officer = scheduling.client, bearer(token("cheshire", "engagement_officer"))
    viewer = bearer(token("cheshire", "viewer"))
    venue = await add_venue(client, officer)
    assert venue["accessibility"] == {"step_free": True, "hearing_loop": True, "parking": False}
    assert (await client.post("/v1/scheduling/venues", json=VENUE, headers=viewer)).status_code == 403
    assert (await client.get("/v1/scheduling/venues", headers=viewer)).json() == [venue]

    changed = await client.put(f"/v1/scheduling/venues/{venue['id']}", headers=officer,
                               json=VENUE | {"capacity": 35, "accessibility": {"parking": True}})
    assert (changed.json()["capacity"], changed.json()["version"]) == (35, 2)
    assert changed.json()["accessibility"] == {"step_free": False, "hearing_loop": False, "parking": True}

    bad = await client.post("/v1/scheduling/venues", json=VENUE | {"capacity": 0}, headers=officer)
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "capacity"]
    spare = await add_venue(client, officer, name="Macclesfield Town Hall")
    assert (await client.delete(f"/v1/scheduling/venues/{spare['id']}", headers=officer)).status_code == 204


async def test_slots_follow_from_the_session_and_bad_sessions_name_the_field(scheduling: Scheduling, token):
    client, admin = scheduling.client, bearer(token("cheshire", "admin"))
    venue = await add_venue(client, admin)
    session = await schedule(client, admin, online=False, policing_area=None, venue_id=venue["id"])
    assert (session["slot_count"], session["free_slot_count"], session["policing_area"]) == (3, 3, "Crewe")
    assert [slot["starts_at"][11:16] for slot in session["slots"]] == ["10:00", "10:20", "10:40"]
    assert session["venue"]["name"] == "Crewe Library"

    async def refused(**changes: object) -> tuple[list, str]:
        body = {"host": "Deputy Commissioner", "online": True, "day": surgery_day(), "starts": "10:00",
                "ends": "11:00"} | changes
        answer = await client.post("/v1/scheduling/sessions", json=body, headers=admin)
        assert answer.status_code == 422, answer.text
        [error] = answer.json()["detail"]
        return error["loc"], error["msg"]

    assert await refused(ends="09:00") == (["body", "ends"], "must be after the start time")
    assert (await refused(slot_minutes=90))[0] == ["body", "slot_minutes"]
    assert (await refused(day="2020-01-06"))[0] == ["body", "day"]
    assert (await refused(starts="25:00"))[0] == ["body", "starts"]
    assert (await refused(starts="10:00+01:00"))[1].endswith("without an offset")


async def test_the_public_list_shows_upcoming_public_sessions_and_free_slots_only(scheduling: Scheduling, token,
                                                                                  infra, topic_prefix):
    client, admin = scheduling.client, bearer(token("cheshire", "admin"))
    listed = await schedule(client, admin)
    unlisted = await schedule(client, admin, public=False)
    await schedule(client, bearer(token("gwent", "admin")))
    booked = await client.post(f"/v1/surgeries/{listed['id']}/bookings", json={
        "slot": 1, "name": "Jo Bloggs", "email": "jo@example.org", "area": "CW1", "topic_category": "road_safety",
        "topic": "Speeding", "triage": {"emergency": False, "complaint_about_officer": False,
                                        "victim_of_crime": False}})
    assert booked.status_code == 201, booked.text

    shown = await client.get("/v1/public/cheshire/surgeries")
    assert shown.status_code == 200
    [summary] = shown.json()
    assert (summary["id"], summary["slot_count"], summary["free_slot_count"]) == (listed["id"], 3, 2)
    assert "Bloggs" not in shown.text and "example.org" not in shown.text and "slots" not in summary
    one = (await client.get(f"/v1/public/surgeries/{unlisted['id']}")).json()
    assert [slot["free"] for slot in one["slots"]] == [True, True, True]
    assert "cancel_reason" not in one and "public" not in one
    assert (await client.get("/v1/public/Not A Tenant/surgeries")).status_code == 422

    async def scheduled_on_kafka() -> list[dict] | None:
        records = await read_all(infra.kafka_bootstrap, f"{topic_prefix}scheduling.events")
        found = [json.loads(record.value) for record in records]
        return found if len([e for e in found if e["type"].endswith("scheduled.v1")]) == 3 else None

    events = await eventually(scheduled_on_kafka)
    assert {event["tenant"] for event in events} == {"cheshire", "gwent"}
    first = next(event for event in events if event["subject"] == listed["id"])
    assert first["type"] == "peel.scheduling.surgery_session.scheduled.v1" and first["data"]["slot_count"] == 3


async def test_cancelling_a_session_cancels_its_bookings_and_waitlist(scheduling: Scheduling, token, infra,
                                                                      topic_prefix):
    client, admin, viewer = scheduling.client, bearer(token("cheshire", "admin")), bearer(token("cheshire", "viewer"))
    session = await schedule(client, admin, ends="10:15")
    person = {"name": "Jo Bloggs", "area": "CW1", "topic_category": "other", "topic": "Parking",
              "triage": {"emergency": False, "complaint_about_officer": False, "victim_of_crime": False}}
    booked = await client.post(f"/v1/surgeries/{session['id']}/bookings",
                               json=person | {"slot": 0, "email": "jo@example.org"})
    waiting = await client.post(f"/v1/surgeries/{session['id']}/waitlist", json=person | {"phone": "07700 900123"})
    assert (booked.status_code, waiting.status_code) == (201, 201), waiting.text

    reason = {"reason": "The Commissioner is called to a Home Office meeting"}
    assert (await client.post(f"/v1/scheduling/sessions/{session['id']}/cancel", json=reason,
                              headers=viewer)).status_code == 403
    cancelled = await client.post(f"/v1/scheduling/sessions/{session['id']}/cancel", json=reason, headers=admin)
    assert cancelled.status_code == 200, cancelled.text
    assert (cancelled.json()["status"], cancelled.json()["free_slot_count"]) == ("cancelled", 0)
    detail = (await client.get(f"/v1/scheduling/sessions/{session['id']}", headers=admin)).json()
    assert [(b["status"], b["cancelled_by"]) for b in detail["bookings"]] == [("cancelled", "session_cancelled")]
    assert detail["waitlist"] == []
    [shown] = (await client.get("/v1/public/cheshire/surgeries")).json()
    assert shown["status"] == "cancelled" and "Home Office" not in str(shown)

    async def cancellations() -> list[str] | None:
        records = await read_all(infra.kafka_bootstrap, f"{topic_prefix}scheduling.events")
        types = [json.loads(record.value)["type"] for record in records]
        return types if "peel.scheduling.surgery_session.cancelled.v1" in types else None

    types = await eventually(cancellations)
    assert "peel.scheduling.booking.cancelled.v1" in types
