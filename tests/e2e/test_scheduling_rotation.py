"""The surgery rotation planner over HTTP: a plan across the areas, edited and accepted into sessions."""

from __future__ import annotations

from datetime import date

import pytest

from tests.e2e.conftest import Scheduling, bearer
from tests.e2e.test_scheduling_sessions import add_venue

pytestmark = pytest.mark.e2e
NEXT_YEAR = date.today().year + 1


async def test_a_plan_covers_every_area_and_accepting_it_schedules_the_sessions(scheduling: Scheduling, token):
    client, staff = scheduling.client, bearer(token("cheshire", "engagement_officer"))
    crewe = [(await add_venue(client, staff, name=f"Crewe {n}", policing_area="Crewe"))["id"] for n in range(2)]
    chester = (await add_venue(client, staff, name="Chester Library", policing_area="Chester"))["id"]
    ask = {"areas": ["Crewe", "Chester", "Macclesfield"], "first_month": f"{NEXT_YEAR}-01-15", "months": 6,
           "sessions_per_month": 1, "every_months": 3, "unavailable": [f"{NEXT_YEAR}-02-{d:02d}" for d in range(1, 20)]}
    proposed = await client.post("/v1/scheduling/rotation-plans", json=ask, headers=staff)
    assert proposed.status_code == 200, proposed.text
    plan = proposed.json()
    assert [s["area"] for s in plan["sessions"]] == ["Crewe", "Chester", "Macclesfield"] * 2
    assert plan["longest_gap_months"] == {"Crewe": 2, "Chester": 2, "Macclesfield": 2}
    assert {s["venue_id"] for s in plan["sessions"] if s["area"] == "Crewe"} == set(crewe)
    assert {s["venue_id"] for s in plan["sessions"] if s["area"] == "Chester"} == {chester}
    assert all(s["venue_id"] is None for s in plan["sessions"] if s["area"] == "Macclesfield")
    assert not any(s["day"].startswith(f"{NEXT_YEAR}-02-0") or s["day"].startswith(f"{NEXT_YEAR}-02-1")
                   for s in plan["sessions"])

    accepted = await client.post("/v1/scheduling/rotation-plans/accept", headers=staff,
                                 json={"host": "Deputy Commissioner", "sessions": plan["sessions"]})
    assert accepted.status_code == 201, accepted.text
    listed = (await client.get("/v1/scheduling/sessions", headers=staff)).json()
    assert {s["id"] for s in listed} >= set(accepted.json()) and len(accepted.json()) == 6


async def test_plans_that_cannot_keep_their_promises_are_refused_by_field(scheduling: Scheduling, token):
    client, staff = scheduling.client, bearer(token("cheshire", "admin"))
    tight = await client.post("/v1/scheduling/rotation-plans", headers=staff, json={
        "areas": ["A", "B", "C", "D", "E"], "first_month": f"{NEXT_YEAR}-03-01", "sessions_per_month": 1,
        "every_months": 2})
    assert tight.status_code == 422 and tight.json()["detail"][0]["loc"] == ["body", "sessions_per_month"]
    holiday = {"day": f"{NEXT_YEAR}-12-25", "area": "Crewe", "venue_id": None, "starts": "10:00", "ends": "12:00"}
    refused = await client.post("/v1/scheduling/rotation-plans/accept", headers=staff,
                                json={"host": "Commissioner", "sessions": [holiday]})
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == ["body", "sessions", 0, "day"]
    weekday = next(date(NEXT_YEAR, 12, d) for d in range(1, 8) if date(NEXT_YEAR, 12, d).weekday() < 5)
    stray = holiday | {"day": weekday.isoformat(), "venue_id": "5f0c4a52-2d4c-4b8e-9d53-0d6f5b3c1a11"}
    unknown = await client.post("/v1/scheduling/rotation-plans/accept", headers=staff,
                                json={"host": "Commissioner", "sessions": [stray]})
    assert unknown.status_code == 422 and unknown.json()["detail"][0]["loc"] == ["body", "sessions", 0, "venue_id"]
    viewer = await client.post("/v1/scheduling/rotation-plans", headers=bearer(token("cheshire", "viewer")),
                               json={"first_month": f"{NEXT_YEAR}-03-01", "sessions_per_month": 1, "every_months": 2})
    assert viewer.status_code == 403
