"""Venues, surgery sessions and bookings over HTTP for the end-to-end tests."""

from __future__ import annotations

from datetime import date, timedelta

import httpx

VENUE = {"name": "Crewe Library", "address": "Prince Albert Street, Crewe CW1 2DH", "policing_area": "Crewe",
         "accessibility": {"step_free": True, "hearing_loop": True}, "capacity": 20}


def surgery_day() -> str:
    return (date.today() + timedelta(days=30)).isoformat()


async def add_venue(client: httpx.AsyncClient, staff: dict, **changes: object) -> dict:
    created = await client.post("/v1/scheduling/venues", json=VENUE | changes, headers=staff)
    assert created.status_code == 201, created.text
    return created.json()


async def schedule(client: httpx.AsyncClient, staff: dict, **changes: object) -> dict:
    body = {"host": "Police and Crime Commissioner", "online": True, "policing_area": "Crewe",
            "day": surgery_day(), "starts": "10:00", "ends": "11:00", "slot_minutes": 15, "buffer_minutes": 5}
    created = await client.post("/v1/scheduling/sessions", json=body | changes, headers=staff)
    assert created.status_code == 201, created.text
    return created.json()


NO_CONCERNS = {"emergency": False, "complaint_about_officer": False, "victim_of_crime": False}
PERSON = {"name": "Jo Bloggs", "email": "jo.bloggs@example.org", "area": "CW1", "topic_category": "road_safety",
          "topic": "Speeding on Nantwich Road, near the school", "triage": NO_CONCERNS}


async def book(client: httpx.AsyncClient, session_id: str, slot: int, **changes: object) -> httpx.Response:
    return await client.post(f"/v1/surgeries/{session_id}/bookings", json=PERSON | {"slot": slot} | changes)


def someone(number: int) -> dict:
    return {"name": f"Resident {number}", "email": f"resident{number}@example.org"}
