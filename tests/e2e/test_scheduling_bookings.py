"""Residents book surgery slots: triage first, one booking per person, never two in one slot, a waitlist
when full, and a signed link to cancel or reschedule. What the use cases refuse (a second place, a taken slot,
the waitlist of a session with free slots, links that do not open) is in
tests/unit/test_scheduling_booking_use_cases.py."""

from __future__ import annotations

import asyncio
import json

import pytest

from tests.support.kafka import read_all
from tests.support.platform import Scheduling
from tests.support.scheduling_surgeries import NO_CONCERNS, PERSON, book, schedule, someone
from tests.support.servers import eventually
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e


async def test_a_booking_gives_a_signed_link_and_triage_guidance(scheduling: Scheduling, token):
    client = scheduling.client
    session = await schedule(client, bearer(token("cheshire", "admin")))
    booked = await book(client, session["id"], 1, triage=NO_CONCERNS | {"complaint_about_officer": True,
                                                                         "victim_of_crime": True})
    assert booked.status_code == 201, booked.text
    confirmation = booked.json()
    assert (confirmation["status"], confirmation["slot"]["number"]) == ("confirmed", 1)
    assert [item["route"] for item in confirmation["guidance"]] == ["professional_standards", "victim_services"]
    assert "Professional Standards" in confirmation["guidance"][0]["text"]
    assert "victim services" in confirmation["guidance"][1]["text"]

    mine = await client.get(confirmation["links"]["booking"])
    assert mine.status_code == 200 and mine.json()["id"] == confirmation["id"]
    assert (mine.json()["tenant"], confirmation["tenant"]) == ("cheshire", "cheshire")  # its pages show its office
    assert "Bloggs" not in mine.text and "example.org" not in mine.text
    short = await client.post(f"/v1/bookings/{confirmation['id']}/cancel", params={"token": "x"})
    assert short.status_code == 422 and short.json()["detail"][0]["loc"] == ["query", "token"]


async def test_an_emergency_is_refused_with_the_advice_to_call_999(scheduling: Scheduling, token):
    client = scheduling.client
    session = await schedule(client, bearer(token("cheshire", "admin")))
    refused = await book(client, session["id"], 0, triage=NO_CONCERNS | {"emergency": True})
    assert refused.status_code == 422
    [error] = refused.json()["detail"]
    assert error["loc"] == ["body", "triage", "emergency"] and "call 999" in error["msg"]
    assert error["type"] == "emergency_call_999"
    shown = (await client.get(f"/v1/public/surgeries/{session['id']}")).json()
    assert (shown["free_slot_count"], shown["tenant"]) == (3, "cheshire")
    unanswered = await client.post(f"/v1/surgeries/{session['id']}/bookings",
                                   json=PERSON | {"slot": 0, "triage": {"emergency": False}})
    assert unanswered.status_code == 422
    assert {tuple(e["loc"]) for e in unanswered.json()["detail"]} == {
        ("body", "triage", "complaint_about_officer"), ("body", "triage", "victim_of_crime")}


async def test_a_booking_needs_a_contact_and_an_area_short_of_a_full_postcode(scheduling: Scheduling, token):
    client = scheduling.client
    session = await schedule(client, bearer(token("cheshire", "admin")))
    no_contact = await book(client, session["id"], 0, email=None)
    assert no_contact.status_code == 422 and no_contact.json()["detail"][0]["loc"] == ["body", "email"]
    postcode = await book(client, session["id"], 0, area="CW1 2DH")
    assert postcode.status_code == 422 and postcode.json()["detail"][0]["loc"] == ["body", "area"]

    assert (await book(client, session["id"], 0, phone="07700 900123")).status_code == 201


async def test_concurrent_requests_for_the_last_slot_give_one_booking(scheduling: Scheduling, token):
    client, admin = scheduling.client, bearer(token("cheshire", "admin"))
    session = await schedule(client, admin, ends="10:35")  # two slots
    assert (await book(client, session["id"], 0)).status_code == 201
    for _ in range(3):
        last = await schedule(client, admin, ends="10:15")
        answers = await asyncio.gather(book(client, last["id"], 0, **someone(1)),
                                       book(client, last["id"], 0, **someone(2)))
        assert sorted(answer.status_code for answer in answers) == [201, 409], [a.text for a in answers]
    racing = await asyncio.gather(*(book(client, session["id"], 1, **someone(number)) for number in range(8)))
    assert sorted(answer.status_code for answer in racing) == [201] + [409] * 7
    detail = (await client.get(f"/v1/scheduling/sessions/{session['id']}", headers=admin)).json()
    assert [booking["slot"]["number"] for booking in detail["bookings"]] == [0, 1]


async def test_a_full_session_has_a_waitlist_and_a_cancellation_promotes_the_first(scheduling: Scheduling, token,
                                                                                     infra, topic_prefix):
    client, admin = scheduling.client, bearer(token("cheshire", "admin"))
    session = await schedule(client, admin, ends="10:15")
    waitlist = f"/v1/surgeries/{session['id']}/waitlist"
    booked = (await book(client, session["id"], 0)).json()
    first = await client.post(waitlist, json=PERSON | someone(1))
    second = await client.post(waitlist, json=PERSON | someone(2))
    assert (first.status_code, second.status_code) == (201, 201), first.text
    waiting = first.json()

    cancelled = await client.post(booked["links"]["cancel"])
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    promoted = await client.get(f"/v1/bookings/{waiting['id']}", params={"token": waiting["token"]})
    assert promoted.status_code == 200, promoted.text
    assert (promoted.json()["status"], promoted.json()["from_waitlist"], promoted.json()["slot"]["number"]) == (
        "confirmed", True, 0)
    detail = (await client.get(f"/v1/scheduling/sessions/{session['id']}", headers=admin)).json()
    assert [entry["enquiry"]["name"] for entry in detail["waitlist"]] == ["Resident 2"]

    async def promotion() -> list[dict] | None:
        records = await read_all(infra.kafka_bootstrap, f"{topic_prefix}scheduling.events")
        events = [json.loads(record.value) for record in records]
        return events if any(e["type"] == "peel.scheduling.waitlist.promoted.v1" for e in events) else None

    events = await eventually(promotion)
    [promotion_event] = [e for e in events if e["type"] == "peel.scheduling.waitlist.promoted.v1"]
    assert promotion_event["data"]["booking_id"] == waiting["id"] and promotion_event["data"]["slot"] == 0
    raw = json.dumps(events)
    for personal in ("Bloggs", "Resident", "example.org", "Nantwich", "07700"):
        assert personal not in raw


async def test_a_booking_moves_to_a_free_slot_through_its_link(scheduling: Scheduling, token):
    client, admin = scheduling.client, bearer(token("cheshire", "admin"))
    session = await schedule(client, admin)
    booked = (await book(client, session["id"], 0)).json()
    await book(client, session["id"], 2, **someone(1))
    reschedule = booked["links"]["reschedule"]
    moved = await client.post(reschedule, json={"slot": 1})
    assert moved.status_code == 200 and moved.json()["slot"]["number"] == 1
    shown = (await client.get(f"/v1/public/surgeries/{session['id']}")).json()
    assert [slot["free"] for slot in shown["slots"]] == [True, False, False]

    staff_cancel = await client.post(f"/v1/scheduling/bookings/{booked['id']}/cancel", headers=admin)
    assert staff_cancel.status_code == 200 and staff_cancel.json()["cancelled_by"] == "staff"
