"""Delivery on PostgreSQL: with no mail server listening a message outlasts all its attempts still waiting; the
batch's consents, suppressions and plain-text wishes are read in one query and stop what may no longer go; a
mail server's permanent refusal suppresses the address."""

from __future__ import annotations

import socket
import uuid
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from peel.common.db.migrations import migrate
from peel.common.db.pool import create_pool
from peel.common.outbox import Outbox
from peel.common.retries import Backoff, Delivery, OutagePause, PermanentFailure
from peel.notifications.bootstrap import MIGRATIONS
from peel.notifications.contacts.domain.consents import Category, Channel
from peel.notifications.messages.adapters.messages import PostgresMessages
from peel.notifications.messages.adapters.smtp import SmtpPool, SmtpServer
from peel.notifications.messages.adapters.standings import PostgresStandings
from peel.notifications.messages.adapters.unit_of_work import NotificationsUnitOfWork
from peel.notifications.messages.domain.messages import Message, MessageStatus, new_message
from peel.notifications.messages.service_layer.delivery import Deliverers, deliver_due
from peel.notifications.templates.adapters.composer import TemplateComposer
from tests.support.receipts import command
from tests.unit.test_notification_messages_fakes import FakeProvider

pytestmark = pytest.mark.integration
NOW = datetime.now(UTC).replace(microsecond=0)
DELIVERY = Delivery(Backoff(3, timedelta(seconds=30), timedelta(minutes=10)), timedelta(minutes=5), 10,
                    OutagePause(timedelta(seconds=30), timedelta(minutes=5)))


@pytest.fixture
async def pool(database: str) -> AsyncIterator[asyncpg.Pool]:
    await migrate(database, MIGRATIONS)
    pool = await create_pool(database, min_size=1, max_size=4)
    yield pool
    await pool.close()


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def stored(pool: asyncpg.Pool, reference: str = "ref-1", **changes) -> Message:
    async with pool.acquire() as connection:
        return await PostgresMessages(connection).add(new_message(replace(command(reference), **changes), NOW))


async def test_with_no_mail_server_a_message_outlasts_its_attempts_still_waiting(pool):
    uow = NotificationsUnitOfWork(pool, Outbox("/peel/notifications"))
    smtp = SmtpPool(SmtpServer("127.0.0.1", unused_port(), "peel@example.org", timeout_seconds=2, sessions=1))
    tools = Deliverers({"template": TemplateComposer(pool)}, {Channel.EMAIL: smtp})
    message = await stored(pool)
    try:
        for _ in range(DELIVERY.backoff.most_attempts + 3):
            due = await pool.fetchval("SELECT next_attempt_at FROM messages WHERE id = $1", message.id)
            assert await deliver_due(uow, tools, DELIVERY, lambda due=due: due) == 1
    finally:
        await smtp.close()
    row = await pool.fetchrow("SELECT status, attempts, recipient, last_error FROM messages WHERE id = $1", message.id)
    assert (row["status"], row["attempts"], row["recipient"]) == ("created", 0, "resident@example.org")
    assert "could not be reached" in row["last_error"]
    events = await pool.fetch("SELECT event_type FROM outbox")
    assert "peel.notifications.message.failed.v1" not in {event["event_type"] for event in events}


async def add_contact(pool: asyncpg.Pool, email: str, accessibility: list[str]) -> uuid.UUID:
    contact_id = uuid.uuid4()
    await pool.execute("INSERT INTO contacts (id, tenant, email, language, accessibility, created_at, created_by) "
                       "VALUES ($1, 'cheshire', $2, 'en', $3, $4, 'officer')", contact_id, email, accessibility, NOW)
    return contact_id


async def add_consent(pool: asyncpg.Pool, contact_id: uuid.UUID, given: bool, at: datetime) -> None:
    await pool.execute("INSERT INTO consents (id, contact_id, sender, topic, channel, given, source, wording_version, "
                       "recorded_at, recorded_by) VALUES ($1, $2, 'office', 'road-safety', 'email', $3, 'staff', 'v1', "
                       "$4, 'officer')", uuid.uuid4(), contact_id, given, at)


async def add_suppression(pool: asyncpg.Pool, hashed: str, scope: str, value: str | None,
                          removed: datetime | None = None) -> None:
    await pool.execute("INSERT INTO suppressions (id, tenant, address_hash, channel, reason, scope, scope_value, "
                       "created_at, created_by, removed_at) VALUES ($1, 'cheshire', $2, 'email', 'manual', $3, $4, "
                       "$5, 'officer', $6)", uuid.uuid4(), hashed, scope, value, NOW, removed)


async def subscription(pool: asyncpg.Pool, contact_id: uuid.UUID, email: str, reference: str) -> Message:
    return await stored(pool, reference, recipient=email, contact_id=contact_id, category=Category.SUBSCRIPTION,
                        topic="road-safety")


async def test_one_query_reads_what_stands_and_delivery_stops_what_may_no_longer_go(pool):
    withdrawn = await add_contact(pool, "withdrawn@example.org", [])
    await add_consent(pool, withdrawn, True, NOW - timedelta(days=2))
    await add_consent(pool, withdrawn, False, NOW - timedelta(days=1))
    plain = await add_contact(pool, "plain@example.org", ["plain_text"])
    await add_consent(pool, plain, True, NOW - timedelta(days=2))
    stopped = await subscription(pool, withdrawn, "withdrawn@example.org", "ref-withdrawn")
    going = await subscription(pool, plain, "plain@example.org", "ref-plain")
    await add_suppression(pool, going.hashed_address, "topic", "other-topic")
    await add_suppression(pool, going.hashed_address, "global", None, removed=NOW)
    async with pool.acquire() as connection:
        standing = await PostgresStandings(connection).of([stopped, going])
    assert (standing.stops(stopped), standing.stops(going), standing.plain_text) == ("no_consent", None,
                                                                                    frozenset({plain}))
    await add_suppression(pool, going.hashed_address, "sender", "office")
    provider = FakeProvider()
    uow = NotificationsUnitOfWork(pool, Outbox("/peel/notifications"))
    tools = Deliverers({"template": TemplateComposer(pool)}, {Channel.EMAIL: provider})
    assert await deliver_due(uow, tools, DELIVERY, lambda: NOW) == 2
    rows = {row["id"]: tuple(row)[1:] for row in await pool.fetch("SELECT id, status, reason, recipient FROM messages")}
    assert rows == {stopped.id: ("suppressed", "no_consent", None), going.id: ("suppressed", "suppressed:manual", None)}
    assert provider.sent == []


async def test_a_permanent_refusal_suppresses_the_address_everywhere(pool):
    message = await stored(pool)
    uow = NotificationsUnitOfWork(pool, Outbox("/peel/notifications"))
    provider = FakeProvider(PermanentFailure("the mail server refused the recipient (550)"))
    tools = Deliverers({"template": TemplateComposer(pool)}, {Channel.EMAIL: provider})
    await deliver_due(uow, tools, DELIVERY, lambda: NOW)
    row = await pool.fetchrow("SELECT address_hash, reason, scope, created_by FROM suppressions")
    assert tuple(row) == (message.hashed_address, "hard_bounce", "global", "delivery")
    status = await pool.fetchval("SELECT status FROM messages WHERE id = $1", message.id)
    assert status == MessageStatus.PERMANENT_FAILURE.value
