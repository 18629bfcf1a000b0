"""Citizens' assemblies over HTTP: set-up, invitations, registration, withdrawal, the selection run in the
background, replacements, the published selection and the events. The rules refused along the way are the
use cases' unit tests (tests/unit/test_scheduling_assembly_use_cases.py)."""

from __future__ import annotations

import asyncio
import json
import random

import pytest

from tests.support.platform import Scheduling
from tests.support.scheduling_assemblies import QUOTAS, Clock, assembly_events, finished, register, set_up, volunteer
from tests.support.servers import eventually
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e


async def test_an_assembly_recruits_selects_and_replaces_fairly(scheduling: Scheduling, token, infra, topic_prefix):
    staff, clock, rng = bearer(token("cheshire", "engagement_officer")), Clock(scheduling), random.Random(4)
    client = scheduling.client
    assembly, codes = await set_up(scheduling, staff)
    form = (await client.get(f"/v1/public/assemblies/{assembly['id']}/registration-form")).json()
    assert form["questions"] == {"Sex": ["Female", "Male"], "Age": ["16-39", "40+"]}
    assert form["tenant"] == "cheshire" and form["registration_open"] is True
    people = [volunteer(n, codes[n % 20], rng) for n in range(36)]       # some households register twice
    registered = [await register(scheduling, clock, assembly["id"], person) for person in people]
    assert all(r.status_code == 201 for r in registered), [r.text for r in registered if r.status_code != 201]
    leaving = registered[0].json()
    gone = await client.post(f"/v1/public/assemblies/{assembly['id']}/registrations/{leaving['registrant_id']}"
                             f"/withdraw", params={"token": leaving["withdrawal_token"]})
    assert gone.status_code == 200

    run = await client.post(f"/v1/scheduling/assemblies/{assembly['id']}/selections", json={"seed": 7}, headers=staff)
    assert run.status_code == 202 and run.json()["status"] == "queued", run.text
    done = await finished(scheduling, staff, assembly["id"], run.json()["id"])
    assert done["status"] == "done" and len(done["selected"]) == 7 and done["seed"] == 7
    assert leaving["registrant_id"] not in done["selected"]
    registrants = {r["id"]: r for r in (await client.get(f"/v1/scheduling/assemblies/{assembly['id']}/registrants",
                                                         headers=staff)).json()}
    assert_panel_meets_quotas(registrants, done["selected"])

    tokens = {r.json()["registrant_id"]: r.json()["withdrawal_token"] for r in registered}
    chosen = done["selected"][0]
    reply_url = f"/v1/public/assemblies/{assembly['id']}/registrations/{{}}/reply"
    taken = await client.post(reply_url.format(chosen), params={"token": tokens[chosen], "confirmed": "true"})
    assert taken.status_code == 200 and taken.json() == {"reply": "confirmed"}
    seen = (await client.get(f"/v1/scheduling/assemblies/{assembly['id']}/registrants", headers=staff)).json()
    assert {r["id"]: r["reply"] for r in seen}[chosen] == "confirmed"

    published = (await client.get(f"/v1/public/assemblies/{assembly['id']}/selection")).json()
    assert published["seed"] == 7 and published["selected"] == done["selected"]
    assert published["tenant"] == "cheshire"
    selected_form = (await client.get(f"/v1/public/assemblies/{assembly['id']}/registration-form")).json()
    assert selected_form["registration_open"] is False
    assert sum(published["distribution"]["probabilities"].values()) == pytest.approx(7)
    assert published["summary"]["min"] > 0 and "Volunteer" not in json.dumps(published)

    dropouts = done["selected"][:2]
    replacing = await client.post(f"/v1/scheduling/assemblies/{assembly['id']}/replacements",
                                  json={"dropouts": dropouts, "seed": 3}, headers=staff)
    assert replacing.status_code == 202, replacing.text
    replaced = await finished(scheduling, staff, assembly["id"], replacing.json()["id"])
    panel = (await client.get(f"/v1/scheduling/assemblies/{assembly['id']}", headers=staff)).json()["selected"]
    assert len(replaced["selected"]) == 2 and not set(replaced["selected"]) & set(done["selected"])
    assert set(panel) == (set(done["selected"]) - set(dropouts)) | set(replaced["selected"])
    assert_panel_meets_quotas(registrants, panel)

    events = await eventually(lambda: assembly_events(infra, topic_prefix, 5 + 36))
    kinds = [e["type"] for e in events]
    assert kinds.count("peel.scheduling.assembly_registrant.joined.v1") == 36
    assert "peel.scheduling.assembly.members_selected.v1" in kinds
    assert "peel.scheduling.assembly.members_replaced.v1" in kinds
    assert "peel.scheduling.assembly_member.replied.v1" in kinds
    assert not any("example.org" in json.dumps(e) or "Volunteer" in json.dumps(e) for e in events)


def assert_panel_meets_quotas(registrants: dict, panel: list[str]) -> None:
    assert len(set(panel)) == 7
    for quota in QUOTAS:
        count = sum(registrants[m]["features"][quota["feature"]] == quota["value"] for m in panel)
        assert quota["min"] <= count <= quota["max"], quota
    assert len({registrants[m]["address_line"] for m in panel}) == 7       # one per household


async def test_registrants_are_shown_to_organising_staff_only(scheduling: Scheduling, token):
    assembly, _ = await set_up(scheduling, bearer(token("cheshire", "admin")), households=1)
    viewer = await scheduling.client.get(f"/v1/scheduling/assemblies/{assembly['id']}/registrants",
                                         headers=bearer(token("cheshire", "viewer")))
    assert viewer.status_code == 403


async def test_an_office_lists_its_assemblies_for_residents_and_no_one_elses(scheduling: Scheduling, token):
    assembly, _ = await set_up(scheduling, bearer(token("cheshire", "admin")), households=1)
    listed = (await scheduling.client.get("/v1/public/cheshire/assemblies")).json()
    assert [(a["id"], a["tenant"], a["status"], a["registration_open"]) for a in listed] == [
        (assembly["id"], "cheshire", "recruiting", True)]
    assert "selected" not in listed[0] and "quotas" not in listed[0]
    assert (await scheduling.client.get("/v1/public/north-wales/assemblies")).json() == []


async def test_two_registrations_racing_with_one_form_give_one_registrant(scheduling: Scheduling, token):
    clock, rng = Clock(scheduling), random.Random(5)
    assembly, codes = await set_up(scheduling, bearer(token("cheshire", "admin")), households=2)
    path = f"/v1/public/assemblies/{assembly['id']}"
    form = (await scheduling.client.get(f"{path}/registration-form")).json()["form_token"]
    clock.wait(20)
    answers = await asyncio.gather(*(scheduling.client.post(f"{path}/registrations", json={"form_token": form} |
                                                            volunteer(n, codes[n], rng)) for n in range(2)))
    assert sorted(answer.status_code for answer in answers) == [201, 409], [answer.text for answer in answers]
    refused = next(answer for answer in answers if answer.status_code == 409)
    assert "form was already used" in refused.json()["detail"] and "reload the form" in refused.json()["detail"]
