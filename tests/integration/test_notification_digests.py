"""A digest run on real PostgreSQL: one message per contact and channel with every due entry taken once, even
when the run is stopped halfway (a transaction killed in the middle of a batch) and started again, and when two
replicas share it; entries arriving after the cutoff wait for the next run; the composer merges each item once."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from peel.common.outbox import Outbox
from peel.notifications.contacts.domain.links import Links
from peel.notifications.digests.adapters.composer import DigestComposer
from peel.notifications.digests.adapters.unit_of_work import DigestsUnitOfWork
from peel.notifications.digests.domain.digests import DigestFrequency
from peel.notifications.digests.domain.runs import DigestRun, Due
from peel.notifications.digests.service_layer import runs
from tests.support.notification_db import notifications_pool

pytestmark = pytest.mark.integration
TENANT = "cheshire"
NOW = datetime(2027, 3, 10, 7, tzinfo=UTC)
CONTACTS = 12
SHARED = uuid.uuid4()  # a consultation gathered into two bulletins: told once


class Killed(Exception):
    """The replica was stopped in the middle of a batch."""


@dataclass
class LinkSettings:
    def links(self) -> Links:
        return Links(b"test-secret", "https://pages.example")


@pytest.fixture
async def pool(database: str) -> AsyncIterator[asyncpg.Pool]:
    async with notifications_pool(database, min_size=2, max_size=6) as pool:
        yield pool


def uow(pool: asyncpg.Pool) -> DigestsUnitOfWork:
    return DigestsUnitOfWork(pool, Outbox("notifications"))


async def bulletin(connection: asyncpg.Connection, number: int) -> uuid.UUID:
    bulletin_id = uuid.uuid4()
    items = [{"title": {"en": "Have your say", "cy": "Dweud eich dweud"}, "body": {"en": "<p>Survey</p>"},
              "kind": "consultation", "source_id": str(SHARED)},
             {"title": {"en": f"Item {number}", "cy": f"Eitem {number}"}, "body": {"en": f"<p>News {number}</p>"},
              "kind": "written"}]
    await connection.execute(
        "INSERT INTO bulletins (id, tenant, title, sender, category, audience, items, status, author, created_at, "
        "updated_at) VALUES ($1, $2, $3, 'office', 'subscription', '{}'::jsonb, $4, 'sent', 'a', $5, $5)",
        bulletin_id, TENANT, {"en": f"Bulletin {number}", "cy": f"Bwletin {number}"}, items, NOW)
    return bulletin_id


async def populate(pool: asyncpg.Pool) -> tuple[list[uuid.UUID], list[uuid.UUID]]:
    contacts = [uuid.uuid4() for _ in range(CONTACTS)]
    async with pool.acquire() as connection:
        bulletins = [await bulletin(connection, number) for number in range(3)]
        for index, contact in enumerate(contacts):
            await connection.execute(
                "INSERT INTO contacts (id, tenant, email, language, created_at, created_by) "
                "VALUES ($1, $2, $3, $4, $5, 'test')", contact, TENANT, f"r{index}@example.org",
                "cy" if index % 2 else "en", NOW - timedelta(days=30))
            await connection.execute(
                "INSERT INTO consents (id, contact_id, sender, topic, channel, given, source, wording_version, "
                "recorded_at, recorded_by) VALUES ($1, $2, 'office', 'bulletin', 'email', true, 'web', 'v1', $3, 't')",
                uuid.uuid4(), contact, NOW - timedelta(days=30))
            for number, bulletin_id in enumerate(bulletins):
                await entry(connection, contact, bulletin_id, NOW - timedelta(hours=20 - number))
    return contacts, bulletins


async def entry(connection: asyncpg.Connection, contact: uuid.UUID, bulletin_id: uuid.UUID, at: datetime) -> None:
    await connection.execute(
        "INSERT INTO digest_entries (tenant, contact_id, channel, sender, topic, frequency, bulletin_id, created_at) "
        "VALUES ($1, $2, 'email', 'office', 'bulletin', 'daily', $3, $4)", TENANT, contact, bulletin_id, at)


async def start(pool: asyncpg.Pool) -> DigestRun:
    return await runs.start_now(uow(pool), TENANT, DigestFrequency.DAILY, "admin", NOW)


async def digests(pool: asyncpg.Pool, run: DigestRun) -> list[asyncpg.Record]:
    return await pool.fetch("SELECT id, contact_id, reference, recipient, status, language FROM messages "
                            "WHERE source = 'digest' AND source_id = $1", run.id)


async def assert_each_entry_once(pool: asyncpg.Pool, run: DigestRun, contacts: list[uuid.UUID]) -> None:
    messages = await digests(pool, run)
    assert sorted(row["contact_id"] for row in messages) == sorted(contacts)
    assert len({row["reference"] for row in messages}) == len(contacts)
    message_of = {row["contact_id"]: row["id"] for row in messages}
    rows = await pool.fetch("SELECT contact_id, digest_id FROM digest_entries WHERE created_at <= $1", NOW)
    assert all(row["digest_id"] == message_of[row["contact_id"]] for row in rows)
    finished = await pool.fetchrow("SELECT completed_at, messages, entries, contacts_due FROM digest_runs "
                                   "WHERE id = $1", run.id)
    assert finished["completed_at"] is not None
    assert (finished["messages"], finished["entries"], finished["contacts_due"]) == (
        CONTACTS, 3 * CONTACTS, CONTACTS)
    types = [row["event_type"] for row in await pool.fetch("SELECT event_type FROM outbox ORDER BY id")]
    assert types == ["peel.notifications.digest.run_started.v1", "peel.notifications.digest.run_completed.v1"]


async def test_a_run_stopped_halfway_resumes_without_duplicates_or_misses(pool: asyncpg.Pool) -> None:
    contacts, _ = await populate(pool)
    run = await start(pool)
    for _ in range(4):  # four contacts done, one per transaction
        assert await runs.run_batch(uow(pool), run, 1, NOW) == 1
    done = 0

    async def kill_after_two(_: Due) -> None:
        nonlocal done
        done += 1
        if done == 2:
            raise Killed

    with pytest.raises(Killed):  # the replica dies in the middle of its next batch of five
        await runs.run_batch(uow(pool), run, 5, NOW, kill_after_two)
    assert len(await digests(pool, run)) == 4  # what the killed batch wrote went with it
    await runs.work_all(uow(pool), 5, lambda: NOW)  # started again
    await assert_each_entry_once(pool, run, contacts)
    await runs.work_all(uow(pool), 5, lambda: NOW)  # and again: nothing more
    assert len(await digests(pool, run)) == CONTACTS


async def test_two_replicas_share_a_run(pool: asyncpg.Pool) -> None:
    contacts, _ = await populate(pool)
    run = await start(pool)
    await asyncio.gather(runs.work_through(uow(pool), run, 2, lambda: NOW),
                         runs.work_through(uow(pool), run, 3, lambda: NOW))
    await assert_each_entry_once(pool, run, contacts)


async def test_entries_after_the_cutoff_wait_for_the_next_run(pool: asyncpg.Pool) -> None:
    contacts, _ = await populate(pool)
    async with pool.acquire() as connection:
        late = await bulletin(connection, 9)
        await entry(connection, contacts[0], late, NOW + timedelta(minutes=5))
    run = await start(pool)
    await runs.work_through(uow(pool), run, 50, lambda: NOW)
    assert await pool.fetchval("SELECT digest_id FROM digest_entries WHERE bulletin_id = $1", late) is None


async def test_a_withdrawn_consent_or_an_erased_contact_gets_no_digest(pool: asyncpg.Pool) -> None:
    contacts, _ = await populate(pool)
    await pool.execute("INSERT INTO consents (id, contact_id, sender, topic, channel, given, source, "
                       "wording_version, recorded_at, recorded_by) VALUES ($1, $2, 'office', 'bulletin', 'email', "
                       "false, 'unsubscribe_page', 'v1', $3, 't')", uuid.uuid4(), contacts[0], NOW - timedelta(hours=1))
    await pool.execute("UPDATE contacts SET email = NULL, erased_at = $2 WHERE id = $1", contacts[1], NOW)
    run = await start(pool)
    await runs.work_through(uow(pool), run, 50, lambda: NOW)
    assert {row["contact_id"] for row in await digests(pool, run)} == set(contacts[2:])
    left = await pool.fetch("SELECT digest_id FROM digest_entries WHERE contact_id = ANY($1::uuid[])", contacts[:2])
    assert {row["digest_id"] for row in left} == {run.id}  # taken by the run, never to be sent


@dataclass
class Row:
    id: uuid.UUID
    tenant: str
    contact_id: uuid.UUID
    source_id: uuid.UUID
    sender: str
    topic: str
    channel: str
    language: str


async def test_the_composer_merges_each_item_once_in_the_contacts_language(pool: asyncpg.Pool) -> None:
    await populate(pool)
    run = await start(pool)
    await runs.work_through(uow(pool), run, 50, lambda: NOW)
    messages = [Row(row["id"], TENANT, row["contact_id"], run.id, "office", "bulletin", "email", row["language"])
                for row in await digests(pool, run)]
    composed = await DigestComposer(pool, LinkSettings()).compose(messages)
    assert set(composed) == {message.id for message in messages}
    welsh = next(message for message in messages if message.language == "cy")
    content = composed[welsh.id]
    assert content.language == "cy" and content.text.count("Dweud eich dweud") == 1
    assert all(f"Eitem {number}" in content.text for number in range(3))
    assert "https://pages.example/cy/cheshire/unsubscribe/" in content.text
