"""Organising staff erase a registrant's personal data on request: one still in the pool is withdrawn and never
drawn, an erased member stays a member, and the selection and replacement runs go on around them. Erasing
again, and what a selection under way refuses, are in tests/unit/test_scheduling_assembly_use_cases.py."""

from __future__ import annotations

import json
import uuid

import asyncpg
import pytest

from tests.support.platform import Scheduling
from tests.support.scheduling_assemblies import ASSEMBLY, Clock, assembly_events, finished, register
from tests.support.servers import eventually
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
# Any panel meets these: who is drawn is left to the draw and the one-per-household rule.
LOOSE = ASSEMBLY | {"quotas": [{"feature": "Sex", "value": "Female", "min": 0, "max": 7},
                               {"feature": "Sex", "value": "Male", "min": 0, "max": 7}]}


async def recruited(scheduling: Scheduling, staff: dict, count: int) -> tuple[str, list[str]]:
    """An assembly and ``count`` registrants, each of their own household."""
    client, clock = scheduling.client, Clock(scheduling)
    assembly = (await client.post("/v1/scheduling/assemblies", json=LOOSE, headers=staff)).json()
    codes = (await client.post(f"/v1/scheduling/assemblies/{assembly['id']}/invitations", json={"count": count},
                               headers=staff)).json()
    ids = []
    for number, code in enumerate(codes):
        person = {"invitation_code": code, "name": f"Volunteer {number}", "email": f"v{number}@example.org",
                  "phone": f"07700 900{number:03d}", "address_line": f"{number} Market Street", "postcode": "CW1 2AB",
                  "features": {"sex": ["female", "male"][number % 2]}}
        answer = await register(scheduling, clock, assembly["id"], person)
        assert answer.status_code == 201, answer.text
        ids.append(answer.json()["registrant_id"])
    return assembly["id"], ids


def erase_url(assembly_id: str, registrant_id: str) -> str:
    return f"/v1/scheduling/assemblies/{assembly_id}/registrants/{registrant_id}/erase"


async def registrants(scheduling: Scheduling, staff: dict, assembly_id: str) -> dict[str, dict]:
    found = await scheduling.client.get(f"/v1/scheduling/assemblies/{assembly_id}/registrants", headers=staff)
    return {registrant["id"]: registrant for registrant in found.json()}


async def stored(scheduling: Scheduling, registrant_id: str) -> asyncpg.Record:
    connection = await asyncpg.connect(scheduling.dsn)
    try:
        return await connection.fetchrow("SELECT * FROM assembly_registrants WHERE id = $1",
                                         uuid.UUID(registrant_id))
    finally:
        await connection.close()


def assert_erased(view: dict, status: str) -> None:
    assert view["erased_at"] is not None and view["status"] == status
    assert [view[field] for field in ("name", "email", "phone", "address_line", "postcode")] == [None] * 5
    assert view["features"]["Sex"] in ("Female", "Male")


async def run(scheduling: Scheduling, staff: dict, assembly_id: str, kind: str, body: dict) -> dict:
    asked = await scheduling.client.post(f"/v1/scheduling/assemblies/{assembly_id}/{kind}", json=body, headers=staff)
    assert asked.status_code == 202, asked.text
    return await finished(scheduling, staff, assembly_id, asked.json()["id"])


async def test_an_erased_registrant_is_withdrawn_from_the_pool_and_never_drawn(scheduling: Scheduling, token, infra,
                                                                               topic_prefix):
    client, staff = scheduling.client, bearer(token("cheshire", "engagement_officer"))
    assembly_id, ids = await recruited(scheduling, staff, 10)
    before = erase_url(assembly_id, ids[0])
    assert (await client.post(before, headers=bearer(token("cheshire", "viewer")))).status_code == 403
    erased = await client.post(before, headers=staff)
    assert erased.status_code == 200, erased.text
    assert_erased(erased.json(), "withdrawn")
    row = await stored(scheduling, ids[0])
    assert [row[c] for c in ("name", "email", "phone", "address_line", "postcode")] == [None] * 5

    selection = await run(scheduling, staff, assembly_id, "selections", {"seed": 11})
    assert selection["status"] == "done" and ids[0] not in selection["selected"], selection
    left_over = [r for r in ids[1:] if r not in selection["selected"]]
    never_chosen, member, dropout = left_over[0], selection["selected"][0], selection["selected"][1]
    base = f"/v1/scheduling/assemblies/{assembly_id}"
    needs = {"needs": ["interpreter"], "details": "British Sign Language"}
    assert (await client.put(f"{base}/members/{member}/access-needs", json=needs, headers=staff)).status_code == 204

    assert_erased((await client.post(erase_url(assembly_id, never_chosen), headers=staff)).json(), "withdrawn")
    assert_erased((await client.post(erase_url(assembly_id, member), headers=staff)).json(), "selected")
    assert (await client.get(f"{base}/members/{member}/access-needs", headers=staff)).json() == {
        "needs": [], "details": ""}
    assert member in (await client.get(base, headers=staff)).json()["selected"]  # an erased member stays one

    replaced = await run(scheduling, staff, assembly_id, "replacements", {"dropouts": [dropout], "seed": 5})
    assert replaced["status"] == "done", replaced
    assert replaced["selected"] == [r for r in left_over if r != never_chosen]  # the only one left to draw
    seen = await registrants(scheduling, staff, assembly_id)
    assert (seen[member]["status"], seen[never_chosen]["status"], seen[dropout]["status"]) == (
        "selected", "withdrawn", "dropped_out")

    events = await eventually(lambda: assembly_events(infra, topic_prefix, 1 + 10 + 2 + 3 + 2))
    by_kind = {kind: [e["data"]["registrant_id"] for e in events if e["type"] == f"peel.scheduling.{kind}.v1"]
               for kind in ("assembly_registrant.erased", "assembly_registrant.withdrew")}
    assert sorted(by_kind["assembly_registrant.erased"]) == sorted([ids[0], never_chosen, member])
    assert sorted(by_kind["assembly_registrant.withdrew"]) == sorted([ids[0], never_chosen])
    assert not any(personal in json.dumps(events) for personal in ("Volunteer", "example.org", "Market", "07700"))
