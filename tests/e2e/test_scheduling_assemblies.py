"""Citizens' assemblies over HTTP: set-up, invitations, registration with bot checks, withdrawal, the
selection run in the background, replacements, the published selection and the events."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta

import pytest

from peel.scheduling.entrypoints.http.dependencies import scheduling_clock
from tests.e2e.conftest import Scheduling, bearer
from tests.support.kafka import read_all
from tests.support.servers import eventually

pytestmark = pytest.mark.e2e
START = datetime(2027, 2, 1, 9, tzinfo=UTC)
QUOTAS = [{"feature": "Sex", "value": "Female", "min": 3, "max": 4}, {"feature": "Sex", "value": "Male", "min": 3,
          "max": 4}, {"feature": "Age", "value": "16-39", "min": 2, "max": 5}, {"feature": "Age", "value": "40+",
          "min": 2, "max": 5}]
ASSEMBLY = {"title": {"en": "Safer nights", "cy": "Nosweithiau mwy diogel"},
            "remit": {"en": "How should we make town centres feel safer at night?"}, "areas": ["crewe", "chester"],
            "panel_size": 7, "quotas": QUOTAS, "registration_closes_at": "2027-03-01T17:00:00+00:00",
            "replacement_deadline": "2027-04-30"}


class Clock:
    def __init__(self, scheduling: Scheduling) -> None:
        self.now = START

        async def clock():  # noqa: ANN202 - a clock factory
            return lambda: self.now

        scheduling.app.dependency_overrides[scheduling_clock] = clock

    def wait(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


async def set_up(scheduling: Scheduling, staff: dict, households: int = 20) -> tuple[dict, list[str]]:
    created = await scheduling.client.post("/v1/scheduling/assemblies", json=ASSEMBLY, headers=staff)
    assert created.status_code == 201, created.text
    codes = await scheduling.client.post(f"/v1/scheduling/assemblies/{created.json()['id']}/invitations",
                                         json={"count": households}, headers=staff)
    assert codes.status_code == 201 and len(codes.json()) == households
    return created.json(), codes.json()


async def register(scheduling: Scheduling, clock: Clock, assembly_id: str, person: dict):
    form = await scheduling.client.get(f"/v1/public/assemblies/{assembly_id}/registration-form")
    assert form.status_code == 200
    clock.wait(20)
    body = {"form_token": form.json()["form_token"]} | person
    return await scheduling.client.post(f"/v1/public/assemblies/{assembly_id}/registrations", json=body)


def volunteer(number: int, code: str, rng: random.Random) -> dict:
    return {"invitation_code": code.lower(), "name": f"Volunteer {number}", "email": f"v{number}@example.org",
            "address_line": f"{code} Market Street", "postcode": "CW1 2AB",
            "features": {"sex": rng.choice(["female", "MALE"]), "age": rng.choice(["16-39", "40+"])}}


async def test_an_assembly_recruits_selects_and_replaces_fairly(scheduling: Scheduling, token, infra, topic_prefix):
    staff, clock, rng = bearer(token("cheshire", "engagement_officer")), Clock(scheduling), random.Random(4)
    client = scheduling.client
    assembly, codes = await set_up(scheduling, staff)
    people = [volunteer(n, codes[n % 20], rng) for n in range(36)]       # some households register twice
    registered = [await register(scheduling, clock, assembly["id"], person) for person in people]
    assert all(r.status_code == 201 for r in registered), [r.text for r in registered if r.status_code != 201]
    leaving = registered[0].json()
    wrong = await client.post(f"/v1/public/assemblies/{assembly['id']}/registrations/{leaving['registrant_id']}"
                              f"/withdraw", params={"token": registered[1].json()["withdrawal_token"]})
    assert wrong.status_code == 404
    gone = await client.post(f"/v1/public/assemblies/{assembly['id']}/registrations/{leaving['registrant_id']}"
                             f"/withdraw", params={"token": leaving["withdrawal_token"]})
    assert gone.status_code == 200

    run = await client.post(f"/v1/scheduling/assemblies/{assembly['id']}/selections", json={"seed": 7}, headers=staff)
    assert run.status_code == 202 and run.json()["status"] == "queued", run.text
    again = await client.post(f"/v1/scheduling/assemblies/{assembly['id']}/selections", json={}, headers=staff)
    assert again.status_code == 409
    done = await finished(scheduling, staff, assembly["id"], run.json()["id"])
    assert done["status"] == "done" and len(done["selected"]) == 7 and done["seed"] == 7
    assert leaving["registrant_id"] not in done["selected"]
    registrants = {r["id"]: r for r in (await client.get(f"/v1/scheduling/assemblies/{assembly['id']}/registrants",
                                                         headers=staff)).json()}
    assert_panel_meets_quotas(registrants, done["selected"])

    tokens = {r.json()["registrant_id"]: r.json()["withdrawal_token"] for r in registered}
    chosen, passed_over = done["selected"][0], next(t for t in tokens if t not in done["selected"] and t !=
                                                   leaving["registrant_id"])
    reply_url = f"/v1/public/assemblies/{assembly['id']}/registrations/{{}}/reply"
    taken = await client.post(reply_url.format(chosen), params={"token": tokens[chosen], "confirmed": "true"})
    assert taken.status_code == 200 and taken.json() == {"reply": "confirmed"}
    twice = await client.post(reply_url.format(chosen), params={"token": tokens[chosen], "confirmed": "false"})
    assert twice.status_code == 409
    not_chosen = await client.post(reply_url.format(passed_over), params={"token": tokens[passed_over],
                                                                          "confirmed": "true"})
    assert not_chosen.status_code == 409
    forged = await client.post(reply_url.format(chosen), params={"token": tokens[passed_over], "confirmed": "true"})
    assert forged.status_code == 404
    seen = (await client.get(f"/v1/scheduling/assemblies/{assembly['id']}/registrants", headers=staff)).json()
    assert {r["id"]: r["reply"] for r in seen}[chosen] == "confirmed"

    published = (await client.get(f"/v1/public/assemblies/{assembly['id']}/selection")).json()
    assert published["seed"] == 7 and published["selected"] == done["selected"]
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


async def finished(scheduling: Scheduling, staff: dict, assembly_id: str, run_id: str) -> dict:
    async def done() -> dict | None:
        run = (await scheduling.client.get(f"/v1/scheduling/assemblies/{assembly_id}/selections/{run_id}",
                                           headers=staff)).json()
        return run if run["status"] in ("done", "failed") else None
    return await eventually(done, within=90)


def assert_panel_meets_quotas(registrants: dict, panel: list[str]) -> None:
    assert len(set(panel)) == 7
    for quota in QUOTAS:
        count = sum(registrants[m]["features"][quota["feature"]] == quota["value"] for m in panel)
        assert quota["min"] <= count <= quota["max"], quota
    assert len({registrants[m]["address_line"] for m in panel}) == 7       # one per household


async def assembly_events(infra, prefix: str, at_least: int) -> list[dict] | None:
    records = await read_all(infra.kafka_bootstrap, f"{prefix}scheduling.events")
    events = [json.loads(r.value) for r in records]
    events = [e for e in events if ".assembly" in e["type"]]
    return events if len(events) >= at_least else None


async def test_registration_turns_away_bots_strangers_and_repeats(scheduling: Scheduling, token):
    staff, clock, rng = bearer(token("cheshire", "admin")), Clock(scheduling), random.Random(1)
    assembly, codes = await set_up(scheduling, staff, households=3)
    client, url = scheduling.client, f"/v1/public/assemblies/{assembly['id']}/registrations"
    person = volunteer(1, codes[0], rng)
    form = (await client.get(f"/v1/public/assemblies/{assembly['id']}/registration-form")).json()
    assert form["questions"] == {"Sex": ["Female", "Male"], "Age": ["16-39", "40+"]}
    too_fast = await client.post(url, json=person | {"form_token": form["form_token"]})
    assert too_fast.status_code == 422 and too_fast.json()["detail"][0]["type"] == "too_fast"
    honeypot = await register(scheduling, clock, assembly["id"], person | {"website": "http://offers.example"})
    assert honeypot.status_code == 422 and honeypot.json()["detail"][0]["loc"] == ["body", "website"]
    stranger = await register(scheduling, clock, assembly["id"], person | {"invitation_code": "ZZZZZZZZ"})
    assert stranger.status_code == 422 and stranger.json()["detail"][0]["loc"] == ["body", "invitation_code"]
    odd = await register(scheduling, clock, assembly["id"], person | {"features": {"sex": "robot"}})
    assert odd.status_code == 422
    assert {tuple(e["loc"]) for e in odd.json()["detail"]} == {("body", "features", "Sex"), ("body", "features", "Age")}
    assert (await register(scheduling, clock, assembly["id"], person)).status_code == 201
    repeat = await register(scheduling, clock, assembly["id"], person)
    assert repeat.status_code == 409
    clock.wait(60 * 60 * 24 * 40)
    closed = await register(scheduling, clock, assembly["id"], volunteer(2, codes[1], rng))
    assert closed.status_code == 409


async def test_quotas_the_registrants_cannot_meet_fail_the_run_with_the_relaxation(scheduling: Scheduling, token):
    staff, clock, rng = bearer(token("cheshire", "admin")), Clock(scheduling), random.Random(2)
    assembly, codes = await set_up(scheduling, staff, households=9)
    for n in range(9):
        men_only = volunteer(n, codes[n], rng) | {"features": {"sex": "male", "age": rng.choice(["16-39", "40+"])}}
        assert (await register(scheduling, clock, assembly["id"], men_only)).status_code == 201
    run = await scheduling.client.post(f"/v1/scheduling/assemblies/{assembly['id']}/selections", json={},
                                       headers=staff)
    failed = await finished(scheduling, staff, assembly["id"], run.json()["id"])
    assert failed["status"] == "failed" and failed["error"]
    assert "lower the min of Sex:Female from 3 to 0" in failed["error"] and failed["selected"] is None


async def test_assemblies_stay_with_their_tenant_and_bad_set_ups_are_named(scheduling: Scheduling, token):
    staff = bearer(token("cheshire", "admin"))
    assembly, _ = await set_up(scheduling, staff, households=1)
    other = await scheduling.client.get(f"/v1/scheduling/assemblies/{assembly['id']}",
                                        headers=bearer(token("dyfed-powys", "admin")))
    assert other.status_code == 404
    viewer = await scheduling.client.get(f"/v1/scheduling/assemblies/{assembly['id']}/registrants",
                                         headers=bearer(token("cheshire", "viewer")))
    assert viewer.status_code == 403
    bad = await scheduling.client.post("/v1/scheduling/assemblies", headers=staff, json=ASSEMBLY | {
        "quotas": [{"feature": "Sex", "value": "Female", "min": 5, "max": 4}]})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "quotas", 0, "max"]
