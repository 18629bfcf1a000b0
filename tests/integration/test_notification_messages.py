"""The messages SQL on real PostgreSQL: checks through the contacts' facts, outcomes of a batch in one statement,
receipts awaited and recorded, quiet hours waking, releases on record, and a contact's messages found."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from peel.common.outbox import Outbox
from peel.common.retries import Backoff, PermanentFailure, TemporaryFailure
from peel.common.working_days import LONDON
from peel.notifications.contacts.domain.consents import Category
from peel.notifications.messages.adapters.messages import PostgresMessages
from peel.notifications.messages.adapters.unit_of_work import NotificationsUnitOfWork
from peel.notifications.messages.domain.holds import ReleaseRequest
from peel.notifications.messages.domain.messages import MessageStatus
from peel.notifications.messages.domain.outgoing import Handover
from peel.notifications.messages.domain.receipts import Receipt
from peel.notifications.messages.service_layer.holds import held_messages, hold_releases, release_held
from peel.notifications.messages.service_layer.messages import messages_of_contact, send_message
from peel.notifications.messages.service_layer.receipts import record_receipts
from tests.support.notification_db import insert_contact, notifications_pool
from tests.support.receipts import command

pytestmark = pytest.mark.integration
LEASE = timedelta(minutes=5)


@pytest.fixture
async def pool(database: str) -> AsyncIterator[asyncpg.Pool]:
    async with notifications_pool(database) as pool:
        yield pool


@pytest.fixture
def uow(pool: asyncpg.Pool) -> NotificationsUnitOfWork:
    return NotificationsUnitOfWork(pool, Outbox("/peel/notifications"))


async def a_contact(pool: asyncpg.Pool, email: str, consent: bool, quiet: tuple | None = None) -> uuid.UUID:
    now = datetime.now(UTC)
    contact_id = await insert_contact(pool, email, at=now, by="officer")
    await pool.execute("INSERT INTO consents (id, contact_id, sender, topic, channel, given, source, wording_version, "
                       "recorded_at, recorded_by) VALUES ($1, $2, 'office', 'road-safety', 'email', $3, 'form', 'v1', "
                       "$4, 'officer')", uuid.uuid4(), contact_id, consent, now - timedelta(days=1))
    if quiet:
        await pool.execute("INSERT INTO quiet_hours (contact_id, channel, starts, ends) VALUES ($1, 'email', $2, $3)",
                           contact_id, *quiet)
    return contact_id


def to_contact(reference: str, contact_id: uuid.UUID):
    return replace(command(reference), recipient=None, contact_id=contact_id, category=Category.SUBSCRIPTION,
                   topic="road-safety", language="auto")


async def test_consent_and_the_contacts_address_and_language_come_from_the_contacts_facts(pool, uow):
    willing = await a_contact(pool, "willing@example.org", True)
    unwilling = await a_contact(pool, "unwilling@example.org", False)
    sent, _ = await send_message(to_contact("a", willing), uow)
    refused, _ = await send_message(to_contact("b", unwilling), uow)
    assert (sent.status, sent.recipient, sent.language) == (MessageStatus.CREATED, "willing@example.org", "cy")
    assert (refused.status, refused.reason, refused.recipient) == (MessageStatus.SUPPRESSED, "no_consent", None)
    row = await pool.fetchrow("SELECT status, recipient, address_hash FROM messages WHERE id = $1", refused.id)
    assert (row["status"], row["recipient"]) == ("suppressed", None) and row["address_hash"]


async def test_a_batchs_outcomes_are_stored_at_once_and_a_taken_over_one_is_not(pool, uow):
    for n in range(4):
        await send_message(command(f"r-{n}"), uow)
    now = datetime.now(UTC) + timedelta(seconds=1)
    async with pool.acquire() as connection:
        messages = PostgresMessages(connection)
        claimed = await messages.claim_due(now, now + LEASE, 10)
        backoff = Backoff(3)
        outcomes = [claimed[0].handed_over(Handover("smtp"), now),
                    claimed[1].after_failure(TemporaryFailure("busy"), backoff, now),
                    claimed[2].after_failure(PermanentFailure("refused (550)"), backoff, now),
                    replace(claimed[3].handed_over(Handover("smtp"), now), attempts=7)]  # another claim's
        saved = await messages.save_outcomes(outcomes)
        rows = {r["id"]: r for r in await connection.fetch("SELECT id, status, recipient, last_error FROM messages")}
    assert saved == {m.id for m in claimed[:3]}
    assert [(rows[m.id]["status"], rows[m.id]["recipient"]) for m in claimed] == [
        ("sent", None), ("sending", "resident@example.org"), ("permanent-failure", None),
        ("sending", "resident@example.org")]


async def test_a_message_awaiting_its_receipt_is_not_claimed_and_a_bounce_suppresses_the_address(pool, uow):
    message, _ = await send_message(command("n-1"), uow)
    now = datetime.now(UTC) + timedelta(seconds=1)
    async with pool.acquire() as connection:
        messages = PostgresMessages(connection)
        [claimed] = await messages.claim_due(now, now + LEASE, 10)
        assert await messages.save_outcome(claimed.handed_over(Handover("notify", "n-ref", True), now))
        assert await messages.claim_due(now + 2 * LEASE, now + 3 * LEASE, 10) == []
    bounce = Receipt("notify", "n-ref", None, "permanent-failure", now)
    assert await record_receipts(uow, [bounce]) == 1
    assert await record_receipts(uow, [bounce]) == 0
    row = await pool.fetchrow("SELECT status, recipient FROM messages WHERE id = $1", message.id)
    assert tuple(row) == ("permanent-failure", None)
    [suppression] = await pool.fetch("SELECT reason, scope FROM suppressions")
    assert tuple(suppression) == ("hard_bounce", "global")
    again, _ = await send_message(command("n-2"), uow)
    assert (again.status, again.reason) == (MessageStatus.SUPPRESSED, "suppressed:hard_bounce")


async def test_quiet_hours_wake_by_themselves_and_a_release_is_on_record(pool, uow):
    now = datetime.now(UTC)
    local = now.astimezone(LONDON)
    start, end = (local - timedelta(hours=1)).time(), (local + timedelta(hours=1)).time()
    quiet = await a_contact(pool, "quiet@example.org", True, (start, end))
    held, _ = await send_message(to_contact("q", quiet), uow)
    assert held.status is MessageStatus.HELD and held.reason == "quiet_hours"
    groups = await held_messages(uow, "cheshire")
    assert [(g.reason, g.count) for g in groups] == [("quiet_hours", 1)]
    async with pool.acquire() as connection:
        assert await PostgresMessages(connection).wake_quiet(now, 10) == []
        [woken] = await PostgresMessages(connection).wake_quiet(held.held_until, 10)
    assert woken.status is MessageStatus.CREATED and woken.next_attempt_at == held.held_until
    await pool.execute("UPDATE messages SET status = 'held', reason = 'election:x' WHERE id = $1", held.id)
    record = await release_held(uow, "cheshire", "officer-3", ReleaseRequest("Count finished", message_ids=(held.id,)))
    assert record.released == 1
    assert [(r.released_by, r.why, r.message_ids) for r in await hold_releases(uow, "cheshire")] == [
        ("officer-3", "Count finished", (held.id,))]
    assert await pool.fetchval("SELECT status FROM messages WHERE id = $1", held.id) == "created"


async def test_a_contacts_messages_are_found_by_contact_and_by_address(pool, uow):
    contact = await a_contact(pool, "Me@example.org", True)
    by_contact, _ = await send_message(to_contact("c-1", contact), uow)
    by_address, _ = await send_message(command("c-2", recipient="me@example.org"), uow)
    await send_message(command("c-3", recipient="someone@example.org"), uow)
    found = await messages_of_contact(uow, "cheshire", contact)
    assert {m.id for m in found} == {by_contact.id, by_address.id}
