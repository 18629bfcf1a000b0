"""An assembly at work over HTTP: meetings and attendance, speakers, confidential access needs, pay tied to
attendance, and recommendations with the Commissioner's responses and progress, published. What is refused
along the way is in the use cases' unit tests (tests/unit/test_scheduling_assembly_work_use_cases.py)."""

from __future__ import annotations

import json
import random
from datetime import timedelta

import pytest

from tests.support.kafka import read_all
from tests.support.platform import Scheduling
from tests.support.scheduling_assemblies import ASSEMBLY, START, Clock, finished, register, volunteer
from tests.support.servers import eventually
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e


async def selected_assembly(scheduling: Scheduling, staff: dict, clock: Clock) -> tuple[str, list[str]]:
    client, rng = scheduling.client, random.Random(9)
    created = await client.post("/v1/scheduling/assemblies", headers=staff,
                                json=ASSEMBLY | {"honorarium_per_meeting_pence": 5000})
    assembly_id = created.json()["id"]
    codes = (await client.post(f"/v1/scheduling/assemblies/{assembly_id}/invitations", json={"count": 20},
                               headers=staff)).json()
    for n in range(20):
        assert (await register(scheduling, clock, assembly_id, volunteer(n, codes[n], rng))).status_code == 201
    run = await client.post(f"/v1/scheduling/assemblies/{assembly_id}/selections", json={"seed": 1}, headers=staff)
    done = await finished(scheduling, staff, assembly_id, run.json()["id"])
    assert done["status"] == "done", done
    return assembly_id, done["selected"]


async def test_meetings_pay_and_outcomes(scheduling: Scheduling, token, infra, topic_prefix):
    client, clock = scheduling.client, Clock(scheduling)
    staff, viewer = bearer(token("cheshire", "engagement_officer")), bearer(token("cheshire", "viewer"))
    assembly_id, panel = await selected_assembly(scheduling, staff, clock)
    base = f"/v1/scheduling/assemblies/{assembly_id}"

    first_at = START + timedelta(days=3)
    workshop = await client.post(f"{base}/meetings", headers=staff, json={
        "title": "Online session 1", "format": "online", "starts_at": first_at.isoformat(),
        "ends_at": (first_at + timedelta(hours=2)).isoformat()})
    assert workshop.status_code == 201, workshop.text
    meeting = workshop.json()["id"]

    clock.now = first_at + timedelta(minutes=30)
    came = panel[:5]
    held = await client.post(f"{base}/meetings/{meeting}/attendance", json={"attended": came}, headers=staff)
    assert held.status_code == 200 and held.json()["held_at"]
    claim = {"meeting_id": meeting, "category": "travel", "amount_pence": 1240}
    assert (await client.post(f"{base}/members/{came[0]}/expenses", json=claim, headers=staff)).status_code == 201
    pay = {row["member_id"]: row for row in (await client.get(f"{base}/payments", headers=staff)).json()}
    assert pay[came[0]]["total_pence"] == 5000 + 1240 and pay[came[1]]["total_pence"] == 5000
    assert pay[panel[6]] == {"member_id": panel[6], "meetings_attended": 0, "honorarium_pence": 0,
                             "expenses_pence": 0, "total_pence": 0}

    needs = {"needs": ["interpreter", "childcare"], "details": "British Sign Language"}
    put = await client.put(f"{base}/members/{panel[0]}/access-needs", json=needs, headers=staff)
    assert put.status_code == 204
    assert (await client.get(f"{base}/members/{panel[0]}/access-needs", headers=staff)).json() == needs
    hidden = await client.get(f"{base}/members/{panel[0]}/access-needs", headers=viewer)
    assert hidden.status_code == 403
    assert (await client.get(f"{base}/payments", headers=viewer)).status_code == 403

    speaker = await client.post(f"{base}/speakers", headers=staff, json={
        "name": "Dr A Expert", "organisation": "University of Chester", "topic": "Night-time economy",
        "meeting_id": meeting, "declaration": "Receives research funding from the Home Office"})
    assert speaker.status_code == 201
    listed = (await client.get(f"/v1/public/assemblies/{assembly_id}/speakers")).json()
    assert listed[0]["declaration"] == "Receives research funding from the Home Office"

    made = await client.post(f"{base}/recommendations", headers=staff, json={
        "text_en": "Fund late-night safe havens in each town centre", "support_share": 0.86})
    assert made.status_code == 201 and made.json()["number"] == 1 and made.json()["state"] == "awaiting_response"
    rec = made.json()["id"]
    answered = await client.post(f"{base}/recommendations/{rec}/response", headers=staff, json={
        "decision": "accepted_in_part", "reasons": "Two towns first, then review.", "due": "2027-12-31"})
    assert answered.status_code == 200 and answered.json()["state"] == "accepted_in_part"
    for note, done in (("Crewe haven open on Fridays", False), ("Chester haven open", True)):
        step = await client.post(f"{base}/recommendations/{rec}/progress", headers=staff,
                                 json={"note": note, "done": done})
        assert step.status_code == 200
    assert step.json()["state"] == "done"
    public = (await client.get(f"/v1/public/assemblies/{assembly_id}/recommendations")).json()
    assert public[0]["decision"] == "accepted_in_part" and len(public[0]["progress"]) == 2

    async def outcome_events() -> list[dict] | None:
        records = await read_all(infra.kafka_bootstrap, f"{topic_prefix}scheduling.events")
        found = [json.loads(r.value) for r in records]
        wanted = [e for e in found if "assembly_meeting" in e["type"] or "recommendation" in e["type"]]
        return wanted if len(wanted) >= 5 else None

    events = await eventually(outcome_events)
    assert [e["type"].split(".")[3] for e in events] == ["held", "made", "responded", "progressed", "progressed"]
    assert events[0]["data"]["attended"] == 5 and events[0]["data"]["members"] == 7
    assert not any("Sign Language" in json.dumps(e) or "Volunteer" in json.dumps(e) for e in events)
