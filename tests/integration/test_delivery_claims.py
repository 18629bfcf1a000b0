"""Messages and receipt contacts are claimed with SKIP LOCKED: replicas never take the same one twice,
a stale attempt cannot overwrite a newer one, and an erased response's contact is never held. How a
delivery ended is told in an event that names no address."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from peel.common.db.migrations import migrate
from peel.common.db.pool import create_pool
from peel.common.outbox import Outbox
from peel.common.retries import Delivery
from peel.consultation.adapters.receipt_contacts import PostgresReceiptContacts
from peel.consultation.bootstrap import MIGRATIONS as CONSULTATION
from peel.notifications.bootstrap import MIGRATIONS as NOTIFICATIONS
from peel.notifications.contacts.domain.consents import Channel
from peel.notifications.messages.adapters.messages import PostgresMessages
from peel.notifications.messages.adapters.unit_of_work import NotificationsUnitOfWork
from peel.notifications.messages.domain.messages import MessageStatus, new_message
from peel.notifications.messages.domain.outgoing import Handover
from peel.notifications.messages.service_layer.delivery import Deliverers, deliver_due
from peel.notifications.messages.service_layer.messages import send_message
from peel.notifications.templates.adapters.composer import TemplateComposer
from tests.support.receipts import command
from tests.unit.test_notification_messages_fakes import FakeProvider

pytestmark = pytest.mark.integration
LEASE = timedelta(minutes=5)


async def migrated_pool(dsn: str, migrations) -> asyncpg.Pool:
    await migrate(dsn, migrations)
    return await create_pool(dsn, min_size=1, max_size=4)


@pytest.fixture
async def notifications(database: str) -> AsyncIterator[asyncpg.Pool]:
    pool = await migrated_pool(database, NOTIFICATIONS)
    yield pool
    await pool.close()


@pytest.fixture
async def consultation(database: str) -> AsyncIterator[asyncpg.Pool]:
    pool = await migrated_pool(database, CONSULTATION)
    yield pool
    await pool.close()


async def claim_in_two_replicas(first: asyncpg.Connection, second: asyncpg.Connection, claim) -> tuple:
    """The first replica's claim is still uncommitted when the second claims."""
    async with first.transaction():
        mine = await claim(first, 6)
        async with second.transaction():
            theirs = await claim(second, 10)
    return mine, theirs


async def test_replicas_claim_disjoint_messages_and_a_repeated_reference_is_stored_once(notifications):
    now = datetime.now(UTC)
    async with notifications.acquire() as connection:
        stored = [await PostgresMessages(connection).add(new_message(command(f"ref-{n % 10}"), now)) for n in range(12)]
    assert len({message.id for message in stored}) == 10

    async def claim(connection: asyncpg.Connection, limit: int) -> set[uuid.UUID]:
        return {m.id for m in await PostgresMessages(connection).claim_due(now, now + LEASE, limit)}

    async with notifications.acquire() as first, notifications.acquire() as second:
        mine, theirs = await claim_in_two_replicas(first, second, claim)
        assert (len(mine), len(theirs), mine & theirs) == (6, 4, set())
        assert await claim(first, 10) == set()  # leased to their senders


async def test_an_attempt_taken_over_after_its_lease_cannot_record_its_outcome(notifications):
    now = datetime.now(UTC)
    async with notifications.acquire() as connection:
        messages = PostgresMessages(connection)
        await messages.add(new_message(command(), now))
        [stale] = await messages.claim_due(now, now + LEASE, 10)
        [current] = await messages.claim_due(now + LEASE, now + 2 * LEASE, 10)
        assert (stale.attempts, current.attempts) == (1, 2)
        assert not await messages.save_outcome(stale.handed_over(Handover("smtp"), now))
        assert await messages.save_outcome(current.handed_over(Handover("smtp"), now))
        done = await messages.get(current.id)
    assert (done.status, done.recipient, done.personalisation) == (MessageStatus.SENT, None, {})


async def respond_with_emails(pool: asyncpg.Pool, count: int) -> list[uuid.UUID]:
    """Responses and contacts written the way the response intake writes them."""
    consultation_id, now = uuid.uuid4(), datetime.now(UTC)
    await pool.execute(
        "INSERT INTO consultations (id, tenant, title, kind, status, questions, closes_at, created_at) "
        "VALUES ($1, 'cheshire', $2, 'survey', 'open', '[]', $3, $3)",
        consultation_id, {"en": "Policing priorities", "cy": "Blaenoriaethau plismona"}, now + timedelta(days=1),
    )
    ids = [uuid.uuid4() for _ in range(count)]
    for response_id in ids:
        await pool.execute("INSERT INTO responses (id, consultation_id, tenant, answers, submitted_at) "
                           "VALUES ($1, $2, 'cheshire', '[]', $3)", response_id, consultation_id, now)
        await pool.execute("INSERT INTO response_contacts (response_id, email) VALUES ($1, $2)", response_id,
                           f"{response_id.hex[:8]}@example.org")
    return ids


async def test_replicas_claim_disjoint_contacts_with_what_the_receipt_needs(consultation):
    ids = await respond_with_emails(consultation, 10)
    now = datetime.now(UTC)

    async def claim(connection: asyncpg.Connection, limit: int) -> set[uuid.UUID]:
        claimed = await PostgresReceiptContacts(lambda: connection).claim_due(now, now + LEASE, limit)
        assert all(c.consultation_title.cy == "Blaenoriaethau plismona" and c.attempts == 1 for c in claimed)
        return {contact.response_id for contact in claimed}

    async with consultation.acquire() as first, consultation.acquire() as second:
        mine, theirs = await claim_in_two_replicas(first, second, claim)
    assert (len(mine), mine & theirs, mine | theirs) == (6, set(), set(ids))


async def test_a_held_contact_is_skipped_and_an_erased_one_is_never_held(consultation):
    held_id, erased_id = await respond_with_emails(consultation, 2)
    contacts, now = PostgresReceiptContacts(lambda: consultation), datetime.now(UTC)
    claimed = {c.response_id: c for c in await contacts.claim_due(now, now + LEASE, 10)}
    await consultation.execute("DELETE FROM responses WHERE id = $1", erased_id)
    async with contacts.hold(claimed[erased_id]) as erased:
        assert erased is None
    async with contacts.hold(claimed[held_id]) as held:
        assert await contacts.claim_due(now + 2 * LEASE, now + 3 * LEASE, 10) == []  # locked: skipped
        await held.sent()
    row = await consultation.fetchrow("SELECT status, attempts FROM response_contacts WHERE response_id = $1", held_id)
    assert tuple(row) == ("sent", 1)


async def test_a_contact_waits_for_its_retry_and_then_fails(consultation):
    [_response_id] = await respond_with_emails(consultation, 1)
    contacts, now = PostgresReceiptContacts(lambda: consultation), datetime.now(UTC)
    retry_at = now + timedelta(seconds=30)
    for claim_at, record in ((now, lambda held: held.retry_at(retry_at, "answered 503")),
                             (retry_at, lambda held: held.failed("refused (422)"))):
        [contact] = await contacts.claim_due(claim_at, claim_at + LEASE, 10)
        async with contacts.hold(contact) as held:
            await record(held)
        assert await contacts.claim_due(claim_at, claim_at + LEASE, 10) == []
    row = await consultation.fetchrow("SELECT status, attempts, last_error FROM response_contacts")
    assert tuple(row) == ("failed", 2, "refused (422)")


async def test_how_delivery_ended_goes_to_the_outbox_without_the_address(notifications):
    uow = NotificationsUnitOfWork(notifications, Outbox("/peel/notifications"))
    message, _ = await send_message(command(), uow)
    provider = FakeProvider()
    deliverers = Deliverers({"template": TemplateComposer(notifications)}, {Channel.EMAIL: provider})
    assert await deliver_due(uow, deliverers, Delivery(), lambda: datetime.now(UTC) + timedelta(seconds=1)) == 1
    rows = await notifications.fetch("SELECT topic, event_type, tenant, payload FROM outbox ORDER BY id")
    assert [row["event_type"] for row in rows] == ["peel.notifications.message.requested.v1",
                                                   "peel.notifications.message.sent.v1"]
    row = rows[-1]
    assert (row["topic"], row["tenant"]) == ("notifications.events", "cheshire")
    assert json.loads(row["payload"])["data"]["message_id"] == str(message.id)
    for row in rows:
        assert b"resident@example.org" not in row["payload"] and "Policing" not in row["payload"].decode()
    [outgoing] = provider.sent
    assert outgoing.to == "resident@example.org" and "Policing priorities" in outgoing.content.subject
