"""The surgery rotation planner over HTTP: a plan across the areas, edited and accepted into sessions. Plans
refused by field are in tests/unit/test_scheduling_session_use_cases.py."""

from __future__ import annotations

from datetime import date

import pytest

from tests.support.platform import Scheduling
from tests.support.scheduling_surgeries import add_venue
from tests.support.tokens import bearer

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


async def test_only_staff_who_may_schedule_plan_a_rotation(scheduling: Scheduling, token):
    viewer = await scheduling.client.post("/v1/scheduling/rotation-plans", headers=bearer(token("cheshire", "viewer")),
                                          json={"first_month": f"{NEXT_YEAR}-03-01", "sessions_per_month": 1,
                                                "every_months": 2})
    assert viewer.status_code == 403
