"""The emails waiting to be sent, on real PostgreSQL: asked for once per cause, dropped in order, claimed
by one sender at a time."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from peel.common.db.migrations import migrate
from peel.scheduling.assemblies.domain.registration import FormKey
from peel.scheduling.bootstrap import MIGRATIONS
from peel.scheduling.messages.adapters.messages import PostgresMessageBook, PostgresMessages
from peel.scheduling.messages.domain.message_emails import Links
from peel.scheduling.messages.domain.messages import REMINDERS, Message, MessageKind
from peel.scheduling.surgeries.domain.links import LinkKey

pytestmark = pytest.mark.integration
LINKS = Links("https://pcc.example", {}, LinkKey(b"k" * 32), FormKey(b"f" * 32))


@pytest.fixture
async def pool(database: str) -> AsyncIterator[asyncpg.Pool]:
    await migrate(database, MIGRATIONS)
    pool = await asyncpg.create_pool(database, min_size=1, max_size=4)
    yield pool
    await pool.close()


async def rows(pool: asyncpg.Pool) -> list[tuple]:
    found = await pool.fetch("SELECT cause, kind, about_id, status FROM scheduling_messages ORDER BY cause, kind")
    return [tuple(row) for row in found]


async def test_a_message_is_asked_for_once_per_cause_and_a_drop_leaves_others_alone(pool: asyncpg.Pool):
    booking, later = uuid.uuid4(), datetime.now(UTC) + timedelta(days=3)
    asked = [Message("event-1", "cheshire", MessageKind.BOOKING_CONFIRMED, booking),
             Message("event-1", "cheshire", MessageKind.BOOKING_REMINDER, booking, later)]
    async with pool.acquire() as connection:
        for _ in range(2):  # a redelivered event asks again
            await PostgresMessageBook(connection).ask(asked)
        await PostgresMessageBook(connection).ask([])
        await PostgresMessageBook(connection).drop(booking, REMINDERS)
        await PostgresMessageBook(connection).drop(uuid.uuid4(), REMINDERS)
    assert await rows(pool) == [("event-1", "booking_confirmed", booking, "created"),
                                ("event-1", "booking_reminder", booking, "dropped")]


async def test_a_claimed_message_is_left_to_its_sender_until_the_lease_ends(pool: asyncpg.Pool):
    async with pool.acquire() as connection:
        registered = Message("event-2", "cheshire", MessageKind.REGISTERED, uuid.uuid4())
        await PostgresMessageBook(connection).ask([registered])
    outgoing, now = PostgresMessages(lambda: pool, LINKS), datetime.now(UTC) + timedelta(seconds=1)
    [claim] = await outgoing.claim_due(now, now + timedelta(minutes=5), 10)
    assert (claim.kind, claim.attempts) == (MessageKind.REGISTERED, 1)
    assert await outgoing.claim_due(now, now + timedelta(minutes=5), 10) == []
    [again] = await outgoing.claim_due(now + timedelta(minutes=6), now + timedelta(minutes=11), 10)
    assert again.attempts == 2
    async with outgoing.hold(claim) as stale:
        assert stale is None  # the first claim's attempt was taken over
    async with outgoing.hold(again) as held:
        assert held is not None and held.email is None  # nobody to write to: no such registrant
        await held.dropped()
    assert [status for *_, status in await rows(pool)] == ["dropped"]
