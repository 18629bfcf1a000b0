"""Scheduling and notifications over HTTP, with a real SMTP server in the test process."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from peel.scheduling.bootstrap import create_app as scheduling_app
from peel.scheduling.settings import SchedulingSettings
from tests.support.emails import text_of
from tests.support.mail_platform import fetch_value, notifications_with_sink
from tests.support.platform import SCHEDULING_SETTINGS, Scheduling
from tests.support.servers import eventually, service_settings, serving
from tests.support.smtp import SmtpSink

DUE = """SELECT count(*) FROM scheduling_messages WHERE status IN ('created', 'sending') AND next_attempt_at <= now()"""
PENDING = "SELECT count(*) FROM messages WHERE status IN ('created', 'sending')"


@dataclass
class SchedulingMail(Scheduling):
    notifications: httpx.AsyncClient
    notifications_dsn: str
    sink: SmtpSink
    settings: SchedulingSettings

    async def settled(self) -> bool:
        """Every message due handed to notifications, and every one of those delivered or given up on."""
        due = await fetch_value(self.dsn, DUE)
        return due == 0 and await fetch_value(self.notifications_dsn, PENDING) == 0

    async def received(self, count: int, *, since: int = 0) -> list[EmailMessage]:
        """The emails received after the first ``since``, once nothing due is pending, so none can still come."""

        async def enough() -> bool:
            return len(self.sink.received) - since >= count and await self.settled()

        await eventually(enough)
        await eventually(self.settled)
        fresh = self.sink.received[since:]
        assert len(fresh) == count, [message["Subject"] for message in fresh]
        return fresh


def body(message: EmailMessage) -> str:
    return text_of(message)


# What each page an email links to asks of the API (docs/scheduling-emails.md): a view page reads, an action
# page posts its form, the token in the body.
PAGES = (
    (r"/(?:en|cy)/bookings/([^/?]+)(/calendar\.ics)?", "GET", r"/v1/bookings/\1\2", {}),
    (r"/(?:en|cy)/bookings/([^/?]+)/(cancel|erase)", "POST", r"/v1/bookings/\1/\2", {}),
    (r"/(?:en|cy)/bookings/([^/?]+)/move", "POST", r"/v1/bookings/\1/reschedule", {}),
    (r"/(?:en|cy)/waitlist/([^/?]+)", "GET", r"/v1/waitlist/\1", {}),
    (r"/(?:en|cy)/waitlist/([^/?]+)/leave", "POST", r"/v1/waitlist/\1/leave", {}),
    (r"/(?:en|cy)/assemblies/([^/]+)/registrations/([^/?]+)/withdraw", "POST",
     r"/v1/public/assemblies/\1/registrations/\2/withdraw", {}),
    (r"/(?:en|cy)/assemblies/([^/]+)/registrations/([^/?]+)/take-place", "POST",
     r"/v1/public/assemblies/\1/registrations/\2/reply", {"confirmed": "true"}),
    (r"/(?:en|cy)/assemblies/([^/]+)/registrations/([^/?]+)/decline-place", "POST",
     r"/v1/public/assemblies/\1/registrations/\2/reply", {"confirmed": "false"}),
)


async def follow(client: httpx.AsyncClient, page: str, **fields: str) -> httpx.Response:
    """Does what the page an email links to does: shows what the API answers, or posts its form to the action."""
    path, _, query = page.partition("?")
    token = query.removeprefix("token=")
    for pattern, method, action, form in PAGES:
        if re.fullmatch(pattern, path):
            api = re.sub(pattern, action, path)
            if method == "GET":
                return await client.get(api, params={"token": token})
            return await client.post(api, data={"token": token, **form, **fields})
    raise AssertionError(f"{page} is no page of the contract")


@pytest.fixture(name="mail")
async def scheduling_mail(infra, new_database: Callable[[], Awaitable[str]], topic_prefix: str,
                          key_dir: Path) -> AsyncIterator[SchedulingMail]:
    async with AsyncExitStack() as stack:
        notifying = await notifications_with_sink(stack, infra, new_database, topic_prefix, key_dir)
        scheduling_db = await new_database()
        settings = service_settings(SchedulingSettings, dsn=scheduling_db, notifications_url=notifying.url,
                                    delivery_poll_seconds=0.05, links_base_url="https://pcc.example",
                                    **SCHEDULING_SETTINGS, **notifying.common)
        app: FastAPI = scheduling_app(settings)
        url = await stack.enter_async_context(serving(app))
        client = await stack.enter_async_context(httpx.AsyncClient(base_url=url, timeout=30))
        notifications = await stack.enter_async_context(httpx.AsyncClient(base_url=notifying.url, timeout=10))
        yield SchedulingMail(client, app, scheduling_db, notifications, notifying.dsn, notifying.sink, settings)
