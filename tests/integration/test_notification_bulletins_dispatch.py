"""A bulletin's dispatch on PostgreSQL, over an audience resolved by the contacts sub-domain: each recipient gets
exactly the outcome the sending rule gives (5% suppressed, 3% without consent, 1% over the weekly cap, 1% in a
digest, the rest queued), and a dispatch killed half-way runs again without writing anything twice."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from peel.common.outbox import Outbox
from peel.notifications.bulletins.adapters.bulletins import claim_to_dispatch
from peel.notifications.bulletins.adapters.unit_of_work import BulletinsUnitOfWork
from peel.notifications.bulletins.domain.bulletins import BulletinStatus, Draft, Item
from peel.notifications.bulletins.service_layer import bulletins, sending
from peel.notifications.bulletins.service_layer.dispatch import dispatch
from peel.notifications.contacts.domain.audience import Audience
from peel.notifications.contacts.domain.consents import Category, Channel, address_hash
from tests.support.notification_db import notifications_pool

pytestmark = pytest.mark.integration
TENANT = "cheshire"
CONTACTS = 2000
NOW = datetime.now(UTC)
DRAFT = Draft(title={"en": "News", "cy": "Newyddion"}, sender="office", category=Category.SUBSCRIPTION,
              audience=Audience(topics=("bulletin",), areas=("crewe",)),
              items=(Item(title={"en": "Survey", "cy": "Arolwg"}, body={"en": "<p>Open</p>", "cy": "<p>Ar agor</p>"}),))


@pytest.fixture
async def pool(database: str) -> AsyncIterator[asyncpg.Pool]:
    async with notifications_pool(database) as found:
        yield found


def kind(number: int) -> str:
    """Of every hundred contacts: 5 suppressed, 3 without consent, 1 over the cap, 1 wanting a weekly digest."""
    place = number % 100
    return ("suppressed" if place < 5 else "no_consent" if place < 8 else "over_cap" if place == 8
            else "digest" if place == 9 else "ok")


async def audience(pool: asyncpg.Pool) -> None:
    """CONTACTS contacts in crewe subscribed to the office's bulletin, and one in chester who is not reached."""
    ids = [uuid.uuid4() for _ in range(CONTACTS + 1)]
    emails = [f"resident{number}@example.org" for number in range(CONTACTS + 1)]
    kinds = [kind(number) for number in range(CONTACTS)] + ["ok"]
    languages = ["en", "cy", "unknown"]
    async with pool.acquire() as connection:
        await connection.executemany(
            "INSERT INTO contacts (id, tenant, email, language, areas, created_at, created_by) "
            "VALUES ($1, $2, $3, $4, $5, $6, 'staff')",
            [(ids[n], TENANT, emails[n], languages[n % 3], ["chester" if n == CONTACTS else "crewe"], NOW)
             for n in range(CONTACTS + 1)])
        await connection.executemany(
            "INSERT INTO preferences (contact_id, sender, topic, frequency, updated_at) "
            "VALUES ($1, 'office', 'bulletin', $2, $3)",
            [(ids[n], "weekly" if kinds[n] == "digest" else "immediately", NOW) for n in range(CONTACTS + 1)])
        await connection.executemany(
            "INSERT INTO consents (id, contact_id, sender, topic, channel, given, source, wording_version, "
            "recorded_at, recorded_by) VALUES ($1, $2, 'office', 'bulletin', 'email', true, 'web_form', 'v1', $3, "
            "'staff')", [(uuid.uuid4(), ids[n], NOW) for n in range(CONTACTS + 1) if kinds[n] != "no_consent"])
        await connection.executemany(
            "INSERT INTO suppressions (id, tenant, address_hash, channel, reason, scope, created_at, created_by) "
            "VALUES ($1, $2, $3, 'email', 'hard_bounce', 'global', $4, 'staff')",
            [(uuid.uuid4(), TENANT, address_hash(Channel.EMAIL, emails[n]), NOW)
             for n in range(CONTACTS) if kinds[n] == "suppressed"])
        await connection.executemany(
            "INSERT INTO messages (id, tenant, client, reference, template, status, created_at, next_attempt_at, "
            "category, topic, contact_id, priority) VALUES ($1, $2, 'bulletins', $3, 'x', 'sent', $4, $4, "
            "'subscription', 'bulletin', $5, 3)",
            [(uuid.uuid4(), TENANT, f"earlier:{n}:{week}", NOW - timedelta(days=1), ids[n])
             for n in range(CONTACTS) if kinds[n] == "over_cap" for week in range(2)])


def units(pool: asyncpg.Pool):
    return lambda: BulletinsUnitOfWork(pool, Outbox("notifications", "test."), 2)


async def started(pool: asyncpg.Pool) -> uuid.UUID:
    written = await bulletins.create_bulletin(units(pool)(), TENANT, DRAFT, "author", False)
    await bulletins.approve_bulletin(units(pool)(), TENANT, written.bulletin.id, "approver")
    await sending.send_bulletin(units(pool)(), TENANT, written.bulletin.id)
    return written.bulletin.id


async def outcomes(pool: asyncpg.Pool, bulletin_id: uuid.UUID) -> dict[tuple[str, str | None], int]:
    rows = await pool.fetch("SELECT status, reason, count(*) AS n FROM messages WHERE bulletin_id = $1 "
                            "GROUP BY status, reason", bulletin_id)
    return {(row["status"], row["reason"]): row["n"] for row in rows}


EXPECTED = {("created", None): 1800, ("suppressed", "suppressed:hard_bounce"): 100, ("suppressed", "no_consent"): 60,
            ("suppressed", "weekly_cap"): 20}


async def test_dispatch_writes_exactly_each_recipients_outcome(pool: asyncpg.Pool):
    await audience(pool)
    written = await bulletins.create_bulletin(units(pool)(), TENANT, DRAFT, "author", False)
    assert written.estimate.recipients == {"email": 1800}
    assert written.estimate.excluded == {"no_consent": 60, "suppressed": 100, "weekly_cap": 20, "election": 0,
                                         "quiet_hours": 0, "digest": 20}
    await bulletins.approve_bulletin(units(pool)(), TENANT, written.bulletin.id, "approver")
    await sending.send_bulletin(units(pool)(), TENANT, written.bulletin.id)
    bulletin_id = written.bulletin.id
    assert await dispatch(units(pool), TENANT, bulletin_id, batch=500)
    assert await outcomes(pool, bulletin_id) == EXPECTED
    digests = await pool.fetchval("SELECT count(*) FROM digest_entries WHERE bulletin_id = $1 AND frequency = "
                                  "'weekly'", bulletin_id)
    assert digests == 20
    rows = await pool.fetch("SELECT * FROM messages WHERE bulletin_id = $1", bulletin_id)
    assert {(row["source"], row["source_id"], row["category"], row["sender"], row["topic"], row["priority"])
            for row in rows} == {("bulletin", bulletin_id, "subscription", "office", "bulletin", 3)}
    assert {row["language"] for row in rows} == {"en", "cy", "both"}
    assert all(row["reference"] == f"bulletin:{bulletin_id}:{row['contact_id']}:email" for row in rows)
    assert all((row["recipient"] is None) == (row["status"] == "suppressed") for row in rows)
    assert all(row["address_hash"] for row in rows)
    stats = await sending.bulletin_stats(units(pool)(), TENANT, bulletin_id)
    assert (stats.status, stats.queued, stats.suppressed, stats.digest) == ("sent", 1800, 180, 20)


class Killed(Exception):
    pass


async def test_a_dispatch_killed_half_way_is_taken_up_again_without_duplicates(pool: asyncpg.Pool):
    await audience(pool)
    bulletin_id = await started(pool)
    writes = 0

    def dying():
        uow = units(pool)()
        original = uow.bind

        def bind(connection):
            original(connection)
            write = uow.messages.write

            async def write_then_die(*args):
                nonlocal writes
                writes += 1
                if writes == 3:
                    raise Killed
                await write(*args)

            uow.messages.write = write_then_die

        uow.bind = bind
        return uow

    with pytest.raises(Killed):
        await dispatch(dying, TENANT, bulletin_id, batch=500)
    digests = await pool.fetchval("SELECT count(*) FROM digest_entries WHERE bulletin_id = $1", bulletin_id)
    assert sum((await outcomes(pool, bulletin_id)).values()) + digests == 1000  # two batches of 500 were written
    async with pool.acquire() as connection:
        assert await claim_to_dispatch(connection, datetime.now(UTC), timedelta(minutes=5)) == [(TENANT, bulletin_id)]
    assert await dispatch(units(pool), TENANT, bulletin_id, batch=500)
    assert await outcomes(pool, bulletin_id) == EXPECTED
    assert await pool.fetchval("SELECT count(DISTINCT reference) FROM messages WHERE bulletin_id = $1",
                               bulletin_id) == 1980
    assert await pool.fetchval("SELECT count(*) FROM digest_entries WHERE bulletin_id = $1", bulletin_id) == 20


async def test_pause_holds_unsent_messages_resume_releases_them_and_cancel_stops_them(pool: asyncpg.Pool):
    await audience(pool)
    bulletin_id = await started(pool)
    await dispatch(units(pool), TENANT, bulletin_id)
    await pool.execute("UPDATE messages SET status = 'sending' WHERE id IN (SELECT id FROM messages WHERE "
                       "bulletin_id = $1 AND status = 'created' LIMIT 10)", bulletin_id)
    await pool.execute("UPDATE messages SET status = 'held', reason = 'quiet_hours', held_until = $2 WHERE id IN "
                       "(SELECT id FROM messages WHERE bulletin_id = $1 AND status = 'created' LIMIT 5)",
                       bulletin_id, datetime.now(UTC) + timedelta(hours=8))
    await sending.pause_bulletin(units(pool)(), TENANT, bulletin_id)
    assert (await outcomes(pool, bulletin_id))[("held", "bulletin_paused")] == 1790
    await sending.resume_bulletin(units(pool)(), TENANT, bulletin_id)
    found = await outcomes(pool, bulletin_id)
    assert (found[("created", None)], found[("held", "quiet_hours")]) == (1785, 5)
    cancelled = await sending.cancel_bulletin(units(pool)(), TENANT, bulletin_id)
    assert cancelled.status is BulletinStatus.CANCELLED
    found = await outcomes(pool, bulletin_id)
    assert (found[("cancelled", "bulletin_cancelled")], found[("sending", None)]) == (1790, 10)
    assert ("created", None) not in found
    assert await pool.fetchval("SELECT count(*) FROM messages WHERE bulletin_id = $1 AND status = 'cancelled' "
                               "AND recipient IS NOT NULL", bulletin_id) == 0
    assert await pool.fetchval("SELECT count(*) FROM digest_entries WHERE bulletin_id = $1", bulletin_id) == 0


async def test_a_scheduled_bulletin_is_taken_when_its_time_comes(pool: asyncpg.Pool):
    await audience(pool)
    written = await bulletins.create_bulletin(units(pool)(), TENANT, DRAFT, "author", False)
    bulletin_id = written.bulletin.id
    await bulletins.approve_bulletin(units(pool)(), TENANT, bulletin_id, "approver")
    send_at = datetime.now(UTC) + timedelta(hours=1)
    await sending.schedule_bulletin(units(pool)(), TENANT, bulletin_id, send_at)
    async with pool.acquire() as connection:
        assert await claim_to_dispatch(connection, send_at - timedelta(minutes=1), timedelta(minutes=5)) == []
        due = await claim_to_dispatch(connection, send_at + timedelta(seconds=1), timedelta(minutes=5))
        assert due == [(TENANT, bulletin_id)]
        assert await claim_to_dispatch(connection, send_at + timedelta(seconds=2), timedelta(minutes=5)) == []
    assert not await dispatch(units(pool), TENANT, bulletin_id)  # not yet due by the clock
    assert await dispatch(units(pool), TENANT, bulletin_id, clock=lambda: send_at + timedelta(seconds=1))
    shown = await bulletins.get_bulletin(units(pool)(), TENANT, bulletin_id)
    assert (shown.status, shown.dispatch_started_at) == (BulletinStatus.SENT, send_at + timedelta(seconds=1))
    assert sum((await outcomes(pool, bulletin_id)).values()) == 1980
