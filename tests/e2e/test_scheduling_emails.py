"""Bookers and registrants are emailed through the notifications service: confirmations with their signed
links, reminders, cancellations, waitlist places and promotions, and an assembly's registrations, offers of
a place, news of the draw and confirmations; someone with no email address, or erased, gets nothing."""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta

import asyncpg
import httpx
import pytest

from peel.common.notify.client import NotificationsClient
from peel.common.notify.sending import send_due
from peel.scheduling.messages.adapters.messages import PostgresMessages
from tests.e2e.scheduling_mail import SchedulingMail, body, follow, scheduling_mail  # noqa: F401 - the fixture
from tests.support.platform import Scheduling
from tests.support.scheduling_assemblies import Clock, finished, register, set_up, volunteer
from tests.support.scheduling_surgeries import PERSON, book, schedule, someone
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
LINK = re.compile(r"https://pcc\.example(/en/\S+)")


def links(message) -> dict[str, str]:
    """The English half's links by what they do, as page paths (the base is the configured address)."""
    found = LINK.findall(body(message))
    return {path.split("?")[0].rsplit("/", 1)[-1]: path for path in found}


async def messages(mail: Scheduling, about: str) -> list[tuple[str, str, datetime]]:
    connection = await asyncpg.connect(mail.dsn)
    try:
        rows = await connection.fetch("SELECT kind, status, next_attempt_at FROM scheduling_messages "
                                      "WHERE about_id = $1 ORDER BY created_at, kind", about)
    finally:
        await connection.close()
    return [(row["kind"], row["status"], row["next_attempt_at"]) for row in rows]


async def test_a_booking_is_confirmed_with_links_that_work_and_cancelling_drops_its_reminder(mail: SchedulingMail,
                                                                                           token):
    session = await schedule(mail.client, bearer(token("cheshire", "admin")))
    booked = (await book(mail.client, session["id"], 1, triage={"emergency": False, "complaint_about_officer": True,
                                                                "victim_of_crime": False})).json()
    by_phone = await book(mail.client, session["id"], 2, name="Al Smith", email=None, phone="07700 900123")
    assert by_phone.status_code == 201, by_phone.text
    [confirmation] = await mail.received(1)
    assert confirmation["To"] == PERSON["email"]
    assert "Police and Crime Commissioner" in confirmation["Subject"] and "Eich apwyntiad" in confirmation["Subject"]
    text = body(confirmation)
    assert "Dear Jo Bloggs" in text and "Professional Standards" in text and "Annwyl Jo Bloggs" in text
    assert f"https://pcc.example/cy/bookings/{booked['id']}/cancel?token=" in text
    paths = links(confirmation)
    assert (await follow(mail.client, paths[booked["id"]])).json()["id"] == booked["id"]
    calendar = await follow(mail.client, paths["calendar.ics"])
    assert calendar.status_code == 200 and "BEGIN:VCALENDAR" in calendar.text
    starts = datetime.fromisoformat(booked["slot"]["starts_at"])
    assert ("booking_reminder", "created", starts - timedelta(hours=24)) in await messages(mail, booked["id"])

    cancelled = await follow(mail.client, paths["cancel"])
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    [cancellation] = await mail.received(1, since=1)
    assert "is cancelled" in cancellation["Subject"] and "You cancelled it." in body(cancellation)
    assert ("booking_reminder", "dropped") in {(kind, status) for kind, status, _ in await messages(mail, booked["id"])}

    history = await mail.client.get("/v1/scheduling/messages", params={"about": booked["id"]},
                                    headers=bearer(token("cheshire", "viewer")))
    assert [(m["kind"], m["status"]) for m in history.json()] == [
        ("booking_confirmed", "sent"), ("booking_reminder", "dropped"), ("booking_cancelled", "sent")]
    assert PERSON["email"] not in history.text and "Bloggs" not in history.text
    elsewhere = await mail.client.get("/v1/scheduling/messages", params={"about": booked["id"]},
                                      headers=bearer(token("gwent", "admin")))
    assert elsewhere.json() == []
    assert (await mail.client.get("/v1/scheduling/messages", params={"about": booked["id"]})).status_code == 401


async def test_a_due_reminder_is_sent_and_a_moved_booking_is_reminded_of_its_new_time(mail: SchedulingMail, token):
    session = await schedule(mail.client, bearer(token("cheshire", "admin")))
    booked = (await book(mail.client, session["id"], 1)).json()
    await mail.received(1)
    moved = await mail.client.post(f"/v1/bookings/{booked['id']}/reschedule", params={"token": booked["token"]},
                                   json={"slot": 2})
    assert moved.status_code == 200, moved.text
    [notice] = await mail.received(1, since=1)
    assert "Your appointment has moved" in body(notice)
    reminders = [(status, due) for kind, status, due in await messages(mail, booked["id"])
                 if kind == "booking_reminder"]
    new_time = datetime.fromisoformat(moved.json()["slot"]["starts_at"])
    assert sorted(reminders) == sorted([("dropped", datetime.fromisoformat(booked["slot"]["starts_at"])
                                         - timedelta(hours=24)), ("created", new_time - timedelta(hours=24))])

    pool = await asyncpg.create_pool(mail.dsn, min_size=1, max_size=2)
    try:
        async with httpx.AsyncClient(base_url=str(mail.notifications.base_url)) as http:
            day_before = new_time - timedelta(hours=23)
            outgoing = PostgresMessages(lambda: pool, mail.settings.links, lambda: day_before)
            sender = NotificationsClient(http, mail.settings.service_tokens())
            assert await send_due(outgoing, sender, mail.settings.delivery(), lambda: day_before) == 1
    finally:
        await pool.close()
    [reminder] = await mail.received(1, since=2)
    assert reminder["Subject"].startswith("Reminder: your appointment") and "cancel" in links(reminder)


async def test_a_waitlist_place_is_emailed_and_its_promotion_too(mail: SchedulingMail, token):
    session = await schedule(mail.client, bearer(token("cheshire", "admin")), ends="10:15")
    assert (await book(mail.client, session["id"], 0)).status_code == 201
    waiting = await mail.client.post(f"/v1/surgeries/{session['id']}/waitlist", json=PERSON | someone(1))
    assert waiting.status_code == 201, waiting.text
    confirmation, place = sorted(await mail.received(2), key=lambda m: m["To"] != PERSON["email"])
    assert place["To"] == "resident1@example.org" and "waiting list" in place["Subject"]
    leave_token = waiting.json()["links"]["leave"].split("token=")[1]
    assert f"https://pcc.example/en/waitlist/{waiting.json()['id']}/leave?token={leave_token}" in body(place)
    seen = await follow(mail.client, links(place)[waiting.json()["id"]])
    assert seen.status_code == 200 and seen.json()["position"] == 1
    await follow(mail.client, links(confirmation)["cancel"])
    emails = {message["To"]: message for message in await mail.received(2, since=2)}
    assert "You cancelled it." in body(emails[PERSON["email"]])
    assert "A slot has become free" in body(emails["resident1@example.org"])


async def test_staff_cancelling_a_surgery_tell_its_bookers_why(mail: SchedulingMail, token):
    admin = bearer(token("cheshire", "admin"))
    session = await schedule(mail.client, admin)
    for number in range(2):
        assert (await book(mail.client, session["id"], number, **someone(number))).status_code == 201
    await mail.received(2)
    cancelled = await mail.client.post(f"/v1/scheduling/sessions/{session['id']}/cancel", headers=admin,
                                       json={"reason": "the Commissioner is called to a Panel meeting"})
    assert cancelled.status_code == 200, cancelled.text
    notices = await mail.received(2, since=2)
    assert {m["To"] for m in notices} == {"resident0@example.org", "resident1@example.org"}
    assert all("The surgery was cancelled: the Commissioner is called to a Panel meeting." in body(m)
               for m in notices)


async def test_registrants_hear_of_their_registration_the_draw_and_their_confirmed_place(mail: SchedulingMail,
                                                                                         token):
    staff, clock, rng = bearer(token("cheshire", "engagement_officer")), Clock(mail), random.Random(4)
    assembly, codes = await set_up(mail, staff)
    people = [volunteer(n, codes[n], rng) for n in range(14)]
    people[13] = people[13] | {"email": None, "phone": "07700 900111"}
    ids = {}
    for person in people:
        registered = await register(mail, clock, assembly["id"], person)
        assert registered.status_code == 201, registered.text
        ids[registered.json()["registrant_id"]] = person["email"]
    welcomes = await mail.received(13)
    assert all("withdraw" in links(m) and "Safer nights" in m["Subject"] for m in welcomes)

    run = await mail.client.post(f"/v1/scheduling/assemblies/{assembly['id']}/selections", json={"seed": 7},
                                 headers=staff)
    done = await finished(mail, staff, assembly["id"], run.json()["id"])
    assert done["status"] == "done", done
    told = {m["To"]: m for m in await mail.received(13, since=13)}
    drawn = {ids[member] for member in done["selected"]} - {None}
    assert {to for to, m in told.items() if "You have been selected" in m["Subject"]} == drawn
    assert {to for to, m in told.items() if "the members have been drawn" in m["Subject"]} == set(told) - drawn
    member = sorted(drawn)[0]
    confirm = next(path for path in LINK.findall(body(told[member])) if "/take-place?" in path)
    assert (await follow(mail.client, confirm)).json() == {"reply": "confirmed"}
    [confirmed] = await mail.received(1, since=26)
    assert confirmed["To"] == member and "is confirmed" in confirmed["Subject"]


class Recording:
    """Stands in for the notifications service where only what would be asked of it matters."""

    def __init__(self) -> None:
        self.sent: list = []

    async def send(self, email) -> None:
        self.sent.append(email)


async def test_a_booker_erased_before_their_emails_went_is_sent_nothing(scheduling: Scheduling, token):
    """Without a notifications service the emails wait; erasure drops them, and the sender writes to the rest."""
    admin = bearer(token("cheshire", "admin"))
    session = await schedule(scheduling.client, admin)
    kept, erased = [(await book(scheduling.client, session["id"], n, **someone(n))).json() for n in (1, 2)]

    # Asked for in the booking's own transaction, and dropped in the erasure's: nothing to wait for.
    assert [len(await messages(scheduling, b["id"])) for b in (kept, erased)] == [2, 2]
    wiped = await scheduling.client.post(f"/v1/scheduling/bookings/{erased['id']}/erase", headers=admin)
    assert wiped.status_code == 200, wiped.text
    assert {status for _, status, _ in await messages(scheduling, erased["id"])} == {"dropped"}
    pool = await asyncpg.create_pool(scheduling.dsn, min_size=1, max_size=2)
    try:
        recording = Recording()
        settings = scheduling.app.state.runtime.settings
        assert await send_due(PostgresMessages(lambda: pool, settings.links), recording, settings.delivery()) == 1
    finally:
        await pool.close()
    assert [(email.template, email.email_address) for email in recording.sent] == [
        ("surgery_booking_confirmed", "resident1@example.org")]
