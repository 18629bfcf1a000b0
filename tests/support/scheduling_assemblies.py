"""Citizens' assemblies over HTTP for the end-to-end tests: set up, invitations, registration as a person does
it, the selection run awaited, and the assembly events on Kafka; a clock the tests move on."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta

from peel.scheduling.http.dependencies import scheduling_clock
from tests.support.kafka import read_all
from tests.support.platform import Scheduling
from tests.support.servers import eventually

START = datetime(2027, 2, 1, 9, tzinfo=UTC)
QUOTAS = [{"feature": "Sex", "value": "Female", "min": 3, "max": 4}, {"feature": "Sex", "value": "Male", "min": 3,
          "max": 4}, {"feature": "Age", "value": "16-39", "min": 2, "max": 5}, {"feature": "Age", "value": "40+",
          "min": 2, "max": 5}]
ASSEMBLY = {"title": {"en": "Safer nights", "cy": "Nosweithiau mwy diogel"},
            "remit": {"en": "How should we make town centres feel safer at night?"}, "areas": ["crewe", "chester"],
            "panel_size": 7, "quotas": QUOTAS, "registration_closes_at": "2027-03-01T17:00:00+00:00",
            "replacement_deadline": "2027-04-30"}


class Clock:
    """The scheduling service's clock, moved on by the test."""

    def __init__(self, scheduling: Scheduling) -> None:
        self.now = START

        async def clock():
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


async def finished(scheduling: Scheduling, staff: dict, assembly_id: str, run_id: str) -> dict:
    async def done() -> dict | None:
        run = (await scheduling.client.get(f"/v1/scheduling/assemblies/{assembly_id}/selections/{run_id}",
                                           headers=staff)).json()
        return run if run["status"] in ("done", "failed") else None
    return await eventually(done, within=90)


async def assembly_events(infra, prefix: str, at_least: int) -> list[dict] | None:
    records = await read_all(infra.kafka_bootstrap, f"{prefix}scheduling.events")
    events = [json.loads(r.value) for r in records]
    events = [e for e in events if ".assembly" in e["type"]]
    return events if len(events) >= at_least else None
