"""A booking's reminder goes the way the booker can be reached: by email where they gave an address, by text message
where they gave only a mobile number (nothing for a landline alone); moving or cancelling the booking drops the
reminder waiting for the old time, whichever the channel."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import asyncpg
import httpx
import pytest

from peel.common.notify.client import NotificationsClient, request_body
from peel.common.notify.emails import OutgoingEmail
from peel.common.notify.sending import send_due
from peel.scheduling.messages.adapters.messages import PostgresMessages
from tests.e2e.scheduling_mail import SchedulingMail, scheduling_mail  # noqa: F401 - the fixture
from tests.support.notification_db import fetch_rows
from tests.support.platform import Scheduling
from tests.support.scheduling_surgeries import book, schedule
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
MOBILE = "07700 900123"


class Recording:
    """The notifications service as scheduling sees it, keeping what it was asked for."""

    def __init__(self) -> None:
        self.asked: list[OutgoingEmail] = []

    async def send(self, email: OutgoingEmail) -> None:
        self.asked.append(email)


@pytest.fixture
async def pool(scheduling: Scheduling) -> AsyncIterator[asyncpg.Pool]:
    pool = await asyncpg.create_pool(scheduling.dsn, min_size=1, max_size=2)
    yield pool
    await pool.close()


async def send_at(scheduling: Scheduling, pool: asyncpg.Pool, moment: datetime) -> list[OutgoingEmail]:
    """Everything due by ``moment``, handed over; the reminders among what was asked for."""
    settings = scheduling.app.state.runtime.settings
    recording, clock = Recording(), (lambda: moment)
    while await send_due(PostgresMessages(lambda: pool, settings.links, clock), recording, settings.delivery(),
                         clock):
        pass
    return [email for email in recording.asked if email.template == "surgery_booking_reminder"]


async def reminders(pool: asyncpg.Pool, booking: str) -> list[tuple[str, datetime]]:
    rows = await pool.fetch("SELECT status, next_attempt_at FROM scheduling_messages WHERE about_id = $1::text::uuid "
                            "AND kind = 'booking_reminder' ORDER BY next_attempt_at", booking)
    return [(row["status"], row["next_attempt_at"]) for row in rows]


def starts(booking: dict) -> datetime:
    return datetime.fromisoformat(booking["slot"]["starts_at"])


async def test_a_booker_with_only_a_mobile_is_reminded_by_text(scheduling: Scheduling, pool: asyncpg.Pool, token):
    session = await schedule(scheduling.client, bearer(token("cheshire", "admin")))
    booked = await book(scheduling.client, session["id"], 1, email=None, phone=MOBILE)
    assert booked.status_code == 201, booked.text
    [sms] = await send_at(scheduling, pool, starts(booked.json()) - timedelta(hours=23))
    assert (sms.channel, sms.phone_number, sms.email_address) == ("sms", "+447700900123", None)
    assert sms.personalisation["name"] == "Jo Bloggs" and "cancel_url" in sms.personalisation
    body = request_body(sms)
    assert (body["channel"], body["phone_number"], body["category"]) == ("sms", "+447700900123", "service")
    assert "email_address" not in body
    assert [status for status, _ in await reminders(pool, booked.json()["id"])] == ["sent"]


async def test_a_booker_with_an_email_address_is_reminded_by_email_as_before(scheduling: Scheduling,
                                                                            pool: asyncpg.Pool, token):
    session = await schedule(scheduling.client, bearer(token("cheshire", "admin")))
    booked = (await book(scheduling.client, session["id"], 1, phone=MOBILE)).json()
    [email] = await send_at(scheduling, pool, starts(booked) - timedelta(hours=23))
    assert (email.channel, email.email_address, email.phone_number) == ("email", "jo.bloggs@example.org", None)
    assert request_body(email) == {"template": "surgery_booking_reminder", "reference": email.reference,
                                   "personalisation": email.personalisation, "email_address": "jo.bloggs@example.org"}


async def test_a_landline_alone_gets_no_reminder(scheduling: Scheduling, pool: asyncpg.Pool, token):
    session = await schedule(scheduling.client, bearer(token("cheshire", "admin")))
    booked = (await book(scheduling.client, session["id"], 1, email=None, phone="01270 686000")).json()
    assert await send_at(scheduling, pool, starts(booked) - timedelta(hours=23)) == []
    assert [status for status, _ in await reminders(pool, booked["id"])] == ["dropped"]


async def test_moving_or_cancelling_a_booking_drops_its_text_reminder(scheduling: Scheduling, pool: asyncpg.Pool,
                                                                       token):
    session = await schedule(scheduling.client, bearer(token("cheshire", "admin")))
    booked = (await book(scheduling.client, session["id"], 1, email=None, phone=MOBILE)).json()
    moved = await scheduling.client.post(f"/v1/bookings/{booked['id']}/reschedule", params={"token": booked["token"]},
                                         json={"slot": 2})
    assert moved.status_code == 200, moved.text
    old_time, new_time = starts(booked), starts(moved.json())
    assert await reminders(pool, booked["id"]) == [("dropped", old_time - timedelta(hours=24)),
                                                   ("created", new_time - timedelta(hours=24))]
    between = old_time - timedelta(hours=24) + timedelta(minutes=1)  # the old time's was due; the new one's not yet
    assert new_time - timedelta(hours=24) > between
    assert await send_at(scheduling, pool, between) == []

    cancelled = await scheduling.client.post(f"/v1/bookings/{booked['id']}/cancel", params={"token": booked["token"]})
    assert cancelled.status_code == 200, cancelled.text
    assert [status for status, _ in await reminders(pool, booked["id"])] == ["dropped", "dropped"]
    assert await send_at(scheduling, pool, new_time - timedelta(hours=23)) == []


async def test_the_notifications_service_takes_the_text_reminder(mail: SchedulingMail, token):
    """Through the real client and the real messages API: the reminder is stored as an SMS service message."""
    session = await schedule(mail.client, bearer(token("cheshire", "admin")))
    booked = (await book(mail.client, session["id"], 1, email=None, phone=MOBILE)).json()
    day_before = starts(booked) - timedelta(hours=23)
    pool = await asyncpg.create_pool(mail.dsn, min_size=1, max_size=2)
    try:
        async with httpx.AsyncClient(base_url=str(mail.notifications.base_url)) as http:
            outgoing = PostgresMessages(lambda: pool, mail.settings.links, lambda: day_before)
            sender = NotificationsClient(http, mail.settings.service_tokens())
            while await send_due(outgoing, sender, mail.settings.delivery(), lambda: day_before):
                pass
    finally:
        await pool.close()
    stored = await fetch_rows(mail.notifications_dsn, "SELECT template, channel, category FROM messages")
    assert [tuple(row) for row in stored] == [("surgery_booking_reminder", "sms", "service")]
    assert [status for status, _ in await reminders_in(mail.dsn, booked["id"])] == ["sent"]


async def reminders_in(dsn: str, booking: str) -> list[tuple[str, datetime]]:
    pool = await asyncpg.create_pool(dsn, min_size=1, max_size=1)
    try:
        return await reminders(pool, booking)
    finally:
        await pool.close()
