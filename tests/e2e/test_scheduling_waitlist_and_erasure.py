"""Residents move a booking by slot id, see and leave their waitlist place through its link, and have their
personal data erased, by staff or through their own link; events never carry who they are. What the use cases
refuse (links that do not open, changes after erasure, erasing again) is in
tests/unit/test_scheduling_booking_use_cases.py and tests/unit/test_scheduling_booking_erasure_use_cases.py."""

from __future__ import annotations

import json

import asyncpg
import httpx
import pytest

from tests.support.kafka import read_all
from tests.support.platform import Scheduling
from tests.support.scheduling_surgeries import PERSON, book, schedule, someone
from tests.support.servers import eventually
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e

PERSONAL = ("Bloggs", "Resident", "example.org", "Nantwich", "07700", "Confidential")


async def join(client: httpx.AsyncClient, session_id: str, number: int) -> dict:
    joined = await client.post(f"/v1/surgeries/{session_id}/waitlist", json=PERSON | someone(number))
    assert joined.status_code == 201, joined.text
    return joined.json()


async def full_session(client: httpx.AsyncClient, staff: dict) -> tuple[dict, dict]:
    """A session of one slot, booked by Jo Bloggs."""
    session = await schedule(client, staff, ends="10:15")
    booked = await book(client, session["id"], 0)
    assert booked.status_code == 201, booked.text
    return session, booked.json()


def place(entry: dict, action: str = "") -> str:
    return f"/v1/waitlist/{entry['id']}{action}?token={entry['token']}"


async def events_of(scheduling: Scheduling, infra, topic_prefix: str, *types: str) -> list[dict]:
    """Every scheduling event, once the outbox has published them all and each of ``types`` has arrived."""
    async def arrived() -> list[dict] | None:
        connection = await asyncpg.connect(scheduling.dsn)
        try:
            if await connection.fetchval("SELECT count(*) FROM outbox"):
                return None
        finally:
            await connection.close()
        records = await read_all(infra.kafka_bootstrap, f"{topic_prefix}scheduling.events")
        found = [json.loads(record.value) for record in records]
        return found if set(types) <= {event["type"] for event in found} else None

    return await eventually(arrived)


def of_type(events: list[dict], kind: str) -> list[dict]:
    return [event["data"] for event in events if event["type"] == f"peel.scheduling.{kind}.v1"]


async def stored(scheduling: Scheduling, booking_id: str) -> asyncpg.Record:
    connection = await asyncpg.connect(scheduling.dsn)
    try:
        return await connection.fetchrow("SELECT * FROM surgery_bookings WHERE id = $1::text::uuid", booking_id)
    finally:
        await connection.close()


async def test_a_booking_moves_to_a_slot_given_by_its_id(scheduling: Scheduling, token):
    client, admin = scheduling.client, bearer(token("cheshire", "admin"))
    session = await schedule(client, admin)
    slots = [slot["id"] for slot in (await client.get(f"/v1/public/surgeries/{session['id']}")).json()["slots"]]
    booked = (await book(client, session["id"], 0)).json()
    await book(client, session["id"], 2, **someone(1))
    reschedule = booked["links"]["reschedule"]

    for wrong in ({"slot_id": slots[1], "slot": 1}, {}):
        refused = await client.post(reschedule, json=wrong)
        assert refused.status_code == 422, (wrong, refused.text)
        assert refused.json()["detail"][0]["loc"] == ["body", "slot_id"]
    malformed = await client.post(reschedule, json={"slot_id": "not-a-uuid"})
    assert malformed.status_code == 422 and malformed.json()["detail"][0]["loc"] == ["body", "slot_id"]
    moved = await client.post(reschedule, json={"slot_id": slots[1]})
    assert moved.status_code == 200, moved.text
    assert (moved.json()["slot"]["number"], moved.json()["slot_id"]) == (1, slots[1])
    assert (await client.post(reschedule, json={"slot": 0})).json()["slot"]["number"] == 0


async def test_joining_a_waitlist_is_an_event_without_personal_data(scheduling: Scheduling, token, infra,
                                                                      topic_prefix):
    client = scheduling.client
    session, _ = await full_session(client, bearer(token("cheshire", "admin")))
    entry = await join(client, session["id"], 1)
    events = await events_of(scheduling, infra, topic_prefix, "peel.scheduling.waitlist.joined.v1")
    [joined] = of_type(events, "waitlist.joined")
    assert (joined["booking_id"], joined["session_id"]) == (entry["id"], session["id"])
    assert (joined["area"], joined["topic_category"]) == ("CW1", "road_safety")
    assert joined["joined_at"].replace("Z", "+00:00")[:19] == entry["joined_at"][:19]
    assert not any(personal in json.dumps(events) for personal in PERSONAL)


async def test_a_waitlist_place_is_shown_and_left_through_its_link(scheduling: Scheduling, token, infra,
                                                                     topic_prefix):
    client = scheduling.client
    session, booked = await full_session(client, bearer(token("cheshire", "admin")))
    first, second, third = [await join(client, session["id"], number) for number in (1, 2, 3)]
    shown = await client.get(place(second))
    assert shown.status_code == 200, shown.text
    assert (shown.json()["status"], shown.json()["position"], shown.json()["session_id"]) == (
        "waiting", 2, session["id"])
    assert not any(personal in shown.text for personal in PERSONAL)

    left = await client.post(place(first, "/leave"))
    assert left.status_code == 200 and left.json()["status"] == "withdrawn", left.text
    assert (await client.get(place(second))).json()["position"] == 1

    assert (await client.post(booked["links"]["cancel"])).status_code == 200  # second is promoted
    assert (await client.get(place(second))).json() | {"joined_at": None} == {
        "id": second["id"], "tenant": "cheshire", "session_id": session["id"], "status": "promoted",
        "joined_at": None, "position": None}
    assert (await client.get(place(third))).json()["position"] == 1

    events = await events_of(scheduling, infra, topic_prefix, "peel.scheduling.waitlist.left.v1",
                             "peel.scheduling.waitlist.promoted.v1")
    [gone] = of_type(events, "waitlist.left")
    assert (gone["booking_id"], gone["session_id"]) == (first["id"], session["id"])
    assert [promotion["booking_id"] for promotion in of_type(events, "waitlist.promoted")] == [second["id"]]


async def test_staff_erase_a_booking_which_frees_its_slot_to_the_waitlist(scheduling: Scheduling, token, infra,
                                                                          topic_prefix):
    client, officer = scheduling.client, bearer(token("cheshire", "engagement_officer"))
    session, booked = await full_session(client, officer)
    waiting = await join(client, session["id"], 1)
    notes = await client.put(f"/v1/scheduling/bookings/{booked['id']}/notes", headers=officer,
                             json={"notes": "Confidential: lives near the school"})
    assert notes.status_code == 200, notes.text
    erase = f"/v1/scheduling/bookings/{booked['id']}/erase"
    assert (await client.post(erase, headers=bearer(token("cheshire", "viewer")))).status_code == 403

    erased = await client.post(erase, headers=officer)
    assert erased.status_code == 200, erased.text
    assert (erased.json()["status"], erased.json()["id"]) == ("cancelled", booked["id"])
    view = (await client.get(f"/v1/scheduling/bookings/{booked['id']}", headers=officer)).json()
    assert view["erased_at"] is not None and (view["status"], view["cancelled_by"]) == ("cancelled", "staff")
    assert view["enquiry"] | {"routes": []} == {"name": None, "email": None, "phone": None, "area": "CW1",
                                                "topic_category": "road_safety", "topic": None, "routes": []}
    assert view["notes"] is None and view["slot"]["number"] == 0
    assert not any(personal in json.dumps(view) for personal in PERSONAL)
    row = await stored(scheduling, booked["id"])
    assert [row[column] for column in ("name", "email", "phone", "email_key", "phone_key", "topic", "notes",
                                       "notes_recorded_at")] == [None] * 8
    assert (row["slot"], row["area"], row["topic_category"], row["status"]) == (0, "CW1", "road_safety", "cancelled")
    promoted = await client.get(f"/v1/bookings/{waiting['id']}", params={"token": waiting["token"]})
    assert (promoted.json()["status"], promoted.json()["slot"]["number"]) == ("confirmed", 0)

    events = await events_of(scheduling, infra, topic_prefix, "peel.scheduling.booking.erased.v1",
                             "peel.scheduling.waitlist.promoted.v1")
    assert [e["booking_id"] for e in of_type(events, "booking.erased")] == [booked["id"]]
    assert [e["cancelled_by"] for e in of_type(events, "booking.cancelled")] == ["staff"]
    assert not any(personal in json.dumps(events) for personal in PERSONAL)


async def test_staff_erase_a_waiting_place_which_is_withdrawn_first(scheduling: Scheduling, token, infra,
                                                                    topic_prefix):
    client, admin = scheduling.client, bearer(token("cheshire", "admin"))
    session, booked = await full_session(client, admin)
    waiting = await join(client, session["id"], 1)
    erased = await client.post(f"/v1/scheduling/bookings/{waiting['id']}/erase", headers=admin)
    assert erased.status_code == 200 and erased.json()["status"] == "withdrawn", erased.text
    assert (await client.get(place(waiting))).json()["status"] == "withdrawn"
    detail = (await client.get(f"/v1/scheduling/sessions/{session['id']}", headers=admin)).json()
    assert detail["waitlist"] == []
    row = await stored(scheduling, waiting["id"])
    assert (row["name"], row["email"], row["topic"], row["status"]) == (None, None, None, "withdrawn")
    assert (await client.post(booked["links"]["cancel"])).status_code == 200  # nobody left to promote
    shown = (await client.get(f"/v1/public/surgeries/{session['id']}")).json()
    assert shown["free_slot_count"] == 1

    events = await events_of(scheduling, infra, topic_prefix, "peel.scheduling.booking.erased.v1",
                             "peel.scheduling.waitlist.left.v1")
    assert [e["booking_id"] for e in of_type(events, "waitlist.left")] == [waiting["id"]]
    assert of_type(events, "waitlist.promoted") == []


async def test_a_booker_erases_their_booking_through_its_link(scheduling: Scheduling, token, infra, topic_prefix):
    client, admin = scheduling.client, bearer(token("cheshire", "admin"))
    session, booked = await full_session(client, admin)
    waiting = await join(client, session["id"], 1)
    erase = f"/v1/bookings/{booked['id']}/erase"
    erased = await client.post(erase, params={"token": booked["token"]})
    assert erased.status_code == 200 and erased.json()["status"] == "cancelled", erased.text

    shown = await client.get(booked["links"]["booking"])
    assert shown.status_code == 200 and shown.json()["status"] == "cancelled"
    assert not any(personal in shown.text for personal in PERSONAL)
    view = (await client.get(f"/v1/scheduling/bookings/{booked['id']}", headers=admin)).json()
    assert (view["enquiry"]["name"], view["cancelled_by"]) == (None, "booker") and view["erased_at"]
    row = await stored(scheduling, booked["id"])
    assert (row["name"], row["email"], row["email_key"], row["topic"]) == (None, None, None, None)
    promoted = await client.get(f"/v1/bookings/{waiting['id']}", params={"token": waiting["token"]})
    assert promoted.json()["status"] == "confirmed"

    left = await client.post(f"/v1/bookings/{waiting['id']}/erase", params={"token": waiting["token"]})
    assert left.status_code == 200 and left.json()["status"] == "cancelled"  # promoted: cancelled, then erased
    events = await events_of(scheduling, infra, topic_prefix, "peel.scheduling.booking.erased.v1",
                             "peel.scheduling.waitlist.promoted.v1")
    assert sorted(e["booking_id"] for e in of_type(events, "booking.erased")) == sorted([booked["id"],
                                                                                           waiting["id"]])
    assert not any(personal in json.dumps(events) for personal in PERSONAL)


async def test_a_waiting_booker_erases_their_place_through_its_link(scheduling: Scheduling, token, infra,
                                                                    topic_prefix):
    client = scheduling.client
    session, _ = await full_session(client, bearer(token("cheshire", "admin")))
    waiting = await join(client, session["id"], 1)
    erased = await client.post(f"/v1/bookings/{waiting['id']}/erase", params={"token": waiting["token"]})
    assert erased.status_code == 200 and erased.json()["status"] == "withdrawn", erased.text
    again = await join(client, session["id"], 1)  # nothing of theirs is kept to refuse them by
    assert again["id"] != waiting["id"]
    events = await events_of(scheduling, infra, topic_prefix, "peel.scheduling.booking.erased.v1",
                             "peel.scheduling.waitlist.left.v1")
    assert [e["booking_id"] for e in of_type(events, "waitlist.left")] == [waiting["id"]]
