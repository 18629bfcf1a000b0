"""Police and Crime Panel meetings and residents' questions to them, over the consultation service's HTTP API."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx

QUESTION = {"name": "Jo Bloggs", "email": "jo.bloggs@example.org", "area": "CW1",
            "question": "How many officers patrol Crewe town centre on Friday nights?"}


def meeting_body(starts_at: datetime, **options: object) -> dict:
    title = {"en": "Police and Crime Panel", "cy": "Panel Heddlu a Throsedd"}
    return {"starts_at": starts_at.isoformat(), "title": title, "venue": {"en": "Wyvern House, Winsford"}, **options}


async def schedule(client: httpx.AsyncClient, clerk: dict, starts_at: datetime | None = None,
                   **options: object) -> dict:
    starts_at = starts_at or datetime.now(UTC) + timedelta(days=60)
    created = await client.post("/v1/panel/meetings", json=meeting_body(starts_at, **options), headers=clerk)
    assert created.status_code == 201, created.text
    return created.json()


async def ask(client: httpx.AsyncClient, meeting_id: str, **changes: object) -> httpx.Response:
    return await client.post(f"/v1/panel/meetings/{meeting_id}/questions", json=QUESTION | changes)


async def step(client: httpx.AsyncClient, clerk: dict, question_id: str, action: str,
               body: dict | None = None) -> dict:
    done = await client.post(f"/v1/panel/questions/{question_id}/{action}", json=body, headers=clerk)
    assert done.status_code == 200, done.text
    return done.json()


class MovableClock:
    """The panel's clock, set by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now
