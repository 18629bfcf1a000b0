"""The surgeries API exactly as the product owner fixed it: staff create a surgery from two moments and get
its slots with ids; residents book a slot by its id with nothing but the contract's fields; a taken slot is
a 409 and an emergency a 422 with the advice to call 999."""

from __future__ import annotations

import asyncio
import uuid
from datetime import date, datetime, time, timedelta

import httpx
import pytest

from peel.common.working_days import LONDON
from tests.support.platform import Scheduling
from tests.support.scheduling_surgeries import add_venue
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e

NO_CONCERNS = {"emergency": False, "complaint_about_officer": False, "victim_of_crime": False}


def moment(at: time, days: int = 30) -> str:
    """A wall-clock time in England and Wales, written with the day's offset."""
    return datetime.combine(date.today() + timedelta(days=days), at, tzinfo=LONDON).isoformat()


def surgery_body(starts: time = time(10), ends: time = time(11), days: int = 30, **changes: object) -> dict:
    return {"area": "Crewe", "venue_id": None, "online": True, "starts_at": moment(starts, days),
            "ends_at": moment(ends, days), "slot_minutes": 15} | changes


async def create_surgery(client: httpx.AsyncClient, staff: dict, **changes: object) -> dict:
    created = await client.post("/v1/surgeries", json=surgery_body(**changes), headers=staff)
    assert created.status_code == 201, created.text
    return created.json()


def booking(number: int, slot_id: str, **changes: object) -> dict:
    return {"slot_id": slot_id, "name": f"Resident {number}", "email": f"resident{number}@example.org",
            "topic": "Speeding on Nantwich Road", "triage": NO_CONCERNS} | changes


async def book(client: httpx.AsyncClient, surgery_id: str, body: dict) -> httpx.Response:
    return await client.post(f"/v1/surgeries/{surgery_id}/bookings", json=body)


async def test_a_surgery_answers_its_id_and_slots_each_with_a_stable_id(scheduling: Scheduling, token):
    client, admin = scheduling.client, bearer(token("cheshire", "admin"))
    surgery = await create_surgery(client, admin)
    assert uuid.UUID(surgery["id"])
    slots = surgery["slots"]
    assert [datetime.fromisoformat(slot["starts_at"]) for slot in slots] == [
        datetime.fromisoformat(moment(time(10, minutes))) for minutes in (0, 15, 30, 45)]
    assert datetime.fromisoformat(slots[-1]["ends_at"]) == datetime.fromisoformat(moment(time(11)))
    assert len({slot["id"] for slot in slots}) == 4
    assert (surgery["policing_area"], surgery["slot_count"], surgery["online"]) == ("Crewe", 4, True)

    public = (await client.get(f"/v1/public/surgeries/{surgery['id']}")).json()
    staff_view = (await client.get(f"/v1/scheduling/sessions/{surgery['id']}", headers=admin)).json()
    assert [slot["id"] for slot in public["slots"]] == [slot["id"] for slot in slots]
    assert [slot["id"] for slot in staff_view["slots"]] == [slot["id"] for slot in slots]
    other = await create_surgery(client, admin)
    assert not {slot["id"] for slot in other["slots"]} & {slot["id"] for slot in slots}

    viewer = bearer(token("cheshire", "viewer"))
    assert (await client.post("/v1/surgeries", json=surgery_body(), headers=viewer)).status_code == 403
    venue = await add_venue(client, admin)
    at_venue = await create_surgery(client, admin, area=None, online=False, venue_id=venue["id"])
    assert (at_venue["policing_area"], at_venue["venue"]["name"]) == ("Crewe", "Crewe Library")


async def test_a_bad_surgery_names_the_field(scheduling: Scheduling, token):
    client, admin = scheduling.client, bearer(token("cheshire", "admin"))

    async def refused(body: dict) -> list:
        answer = await client.post("/v1/surgeries", json=body, headers=admin)
        assert answer.status_code == 422, answer.text
        return [error["loc"] for error in answer.json()["detail"]]

    assert await refused(surgery_body(area=None)) == [["body", "area"]]
    assert await refused(surgery_body(ends=time(9))) == [["body", "ends_at"]]
    assert await refused(surgery_body(ends_at=moment(time(11), days=31))) == [["body", "ends_at"]]
    assert await refused(surgery_body(days=-30)) == [["body", "starts_at"]]
    assert await refused(surgery_body(starts_at=moment(time(10))[:19])) == [["body", "starts_at"]]
    assert await refused(surgery_body(venue_id=str(uuid.uuid4()))) == [["body", "venue_id"]]
    assert await refused(surgery_body(online=False)) == [["body", "venue_id"]]
    assert await refused(surgery_body(slot_minutes=90)) == [["body", "slot_minutes"]]


async def test_a_slot_is_booked_by_its_id_with_only_the_contract_fields(scheduling: Scheduling, token):
    client, admin = scheduling.client, bearer(token("cheshire", "admin"))
    surgery = await create_surgery(client, admin)
    first, second = surgery["slots"][0]["id"], surgery["slots"][1]["id"]

    booked = await book(client, surgery["id"], booking(1, first))
    assert booked.status_code == 201, booked.text
    assert uuid.UUID(booked.json()["id"]) and booked.json()["slot_id"] == first == booked.json()["slot"]["id"]
    taken = await book(client, surgery["id"], booking(2, first))
    assert taken.status_code == 409 and "has just been taken" in taken.json()["detail"]
    emergency = await book(client, surgery["id"], booking(3, second, triage=NO_CONCERNS | {"emergency": True}))
    assert emergency.status_code == 422 and "call 999" in emergency.text
    assert emergency.json()["detail"][0]["loc"] == ["body", "triage", "emergency"]

    detail = (await client.get(f"/v1/scheduling/sessions/{surgery['id']}", headers=admin)).json()
    [stored] = detail["bookings"]
    assert (stored["id"], stored["slot"]["id"]) == (booked.json()["id"], first)
    assert (stored["enquiry"]["area"], stored["enquiry"]["topic_category"]) == ("Crewe", "other")
    by_number = await book(client, surgery["id"], booking(4, None) | {"slot_id": None, "slot": 3})
    assert by_number.status_code == 201 and by_number.json()["slot_id"] == surgery["slots"][3]["id"]


async def test_a_slot_id_that_is_not_this_surgerys_is_a_422_naming_slot_id(scheduling: Scheduling, token):
    client, admin = scheduling.client, bearer(token("cheshire", "admin"))
    surgery, elsewhere = await create_surgery(client, admin), await create_surgery(client, admin)
    slot = surgery["slots"][0]["id"]
    for body in (booking(1, str(uuid.uuid4())), booking(1, elsewhere["slots"][0]["id"]),
                 booking(1, slot, slot=0), booking(1, None) | {"slot_id": None}):
        answer = await book(client, surgery["id"], body)
        assert answer.status_code == 422, answer.text
        assert answer.json()["detail"][0]["loc"] == ["body", "slot_id"]
    assert (await book(client, surgery["id"], booking(1, slot))).status_code == 201


async def test_of_two_residents_racing_for_the_last_slot_by_its_id_one_gets_it(scheduling: Scheduling, token):
    client, admin = scheduling.client, bearer(token("cheshire", "admin"))
    for _ in range(3):
        surgery = await create_surgery(client, admin, ends=time(10, 30))
        first, last = (slot["id"] for slot in surgery["slots"])
        assert (await book(client, surgery["id"], booking(0, first))).status_code == 201
        answers = await asyncio.gather(*(book(client, surgery["id"], booking(number, last)) for number in (1, 2)))
        assert sorted(answer.status_code for answer in answers) == [201, 409], [a.text for a in answers]
        detail = (await client.get(f"/v1/scheduling/sessions/{surgery['id']}", headers=admin)).json()
        assert [booked["slot"]["id"] for booked in detail["bookings"]] == [first, last]
