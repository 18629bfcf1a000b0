"""Waiting items on PostgreSQL: a bulletin takes them (and a reminder of each consultation announced before and
closing within the fortnight, once); a cancelled draft gives them back; news is replaced while it waits and
withdrawn only while it waits."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from peel.notifications.bulletins.adapters.items import PostgresBulletinItems
from peel.notifications.bulletins.domain.items import CONSULTATION_OPENED, BulletinItem
from tests.support.notification_db import notifications_pool

pytestmark = pytest.mark.integration
NOW = datetime(2027, 3, 1, 9, tzinfo=UTC)


@pytest.fixture
async def connection(database: str) -> AsyncIterator[asyncpg.Connection]:
    async with notifications_pool(database, max_size=2) as pool, pool.acquire() as found:
        yield found


def opened(closes_in: timedelta, tenant: str = "cheshire") -> BulletinItem:
    return BulletinItem(tenant, uuid.uuid4(), CONSULTATION_OPENED, {"en": "Budget", "cy": "Cyllideb"},
                        NOW - timedelta(days=20), NOW + closes_in)


async def test_a_bulletin_takes_waiting_items_and_reminds_of_consultations_closing_soon_once(connection):
    items = PostgresBulletinItems(connection)
    soon, later = opened(timedelta(days=5)), opened(timedelta(days=40))
    elsewhere = opened(timedelta(days=5), "dyfed_powys")
    for item in (soon, later, elsewhere):
        await items.add(item)
    first, second, third = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    taken = await items.take("cheshire", first, NOW)
    assert {item.source_id for item in taken} == {soon.source_id, later.source_id}
    assert await items.pending("cheshire") == []
    reminded = await items.take("cheshire", second, NOW)
    assert [(item.kind, item.source_id) for item in reminded] == [("consultation_closing_soon", soon.source_id)]
    assert await items.take("cheshire", third, NOW) == []
    await items.give_back("cheshire", second)
    assert [item.kind for item in await items.take("cheshire", third, NOW)] == ["consultation_closing_soon"]
    await items.give_back("cheshire", first)
    assert {item.source_id for item in await items.pending("cheshire")} == {soon.source_id, later.source_id}


async def test_news_is_replaced_and_withdrawn_only_while_it_waits(connection):
    items = PostgresBulletinItems(connection)
    meeting = BulletinItem("cheshire", uuid.uuid4(), "meeting", {"en": "PACT meeting in crewe"}, NOW, None)
    await items.replace(meeting)
    await items.replace(BulletinItem("cheshire", meeting.source_id, "meeting", {"en": "PACT meeting in crewe"},
                                     NOW - timedelta(days=1), None))
    (waiting,) = await items.pending("cheshire")
    assert waiting.happened_at == NOW - timedelta(days=1)
    await items.withdraw("cheshire", "meeting", meeting.source_id)
    assert await items.pending("cheshire") == []
    await items.replace(meeting)
    await items.take("cheshire", uuid.uuid4(), NOW)
    await items.withdraw("cheshire", "meeting", meeting.source_id)
    await items.replace(BulletinItem("cheshire", meeting.source_id, "meeting", {"en": "Moved"}, NOW, None))
    assert await connection.fetchval("SELECT title->>'en' FROM bulletin_items WHERE source_id = $1",
                                     meeting.source_id) == "PACT meeting in crewe"
