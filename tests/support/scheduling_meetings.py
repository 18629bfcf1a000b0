"""Neighbourhood meetings over HTTP for the end-to-end tests: a meeting's body, adding it, and the meeting
events on Kafka."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from tests.support.kafka import read_all
from tests.support.platform import Scheduling
from tests.support.scheduling_assemblies import Clock

START = datetime(2027, 3, 1, 9, tzinfo=UTC)
ORGANISER = {"name": "Sergeant Amelia Pryce", "email": "pact.crewe@example.org", "phone": "01270 555 0101"}
URL = "/v1/scheduling/meetings"


def at_start(scheduling: Scheduling) -> Clock:
    clock = Clock(scheduling)
    clock.now = START
    return clock


def meeting(area: str, day: str, starts: str = "19:00", ends: str = "20:30", **changes: object) -> dict:
    return {"type": "pact", "area": area, "day": day, "starts": starts, "ends": ends,
            "venue": f"{area} Community Centre, Room 2", "organiser": ORGANISER} | changes


async def add(scheduling: Scheduling, staff: dict, **body: object) -> dict:
    created = await scheduling.client.post(URL, json=meeting(**body), headers=staff)
    assert created.status_code == 201, created.text
    return created.json()


async def meeting_events(infra, prefix: str, at_least: int) -> list[dict] | None:
    records = await read_all(infra.kafka_bootstrap, f"{prefix}scheduling.events")
    events = [e for e in (json.loads(r.value) for r in records) if ".meeting" in e["type"]]
    return events if len(events) >= at_least else None
