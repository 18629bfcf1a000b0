"""Keeping the audience true, on real PostgreSQL: the yearly council details check (each due organisation taken
by one replica at a time, its service email queued as a message, not asked again within 30 days), and erasure
reaching the contact's messages (blanked; unsent ones cancelled) while its unsubscriptions stay."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from peel.common.outbox import Outbox
from peel.notifications.contacts.adapters.council_checks import ChecksUnitOfWork, PostgresOrganisationChecks
from peel.notifications.contacts.adapters.unit_of_work import ContactsUnitOfWork
from peel.notifications.contacts.domain.links import COUNCIL_DETAILS, Links, token_of
from peel.notifications.contacts.service_layer.contacts import erase_contact
from peel.notifications.contacts.service_layer.council_checks import ask_due_checks
from tests.support.notification_db import insert_contact, notifications_pool

pytestmark = pytest.mark.integration
NOW = datetime(2027, 3, 10, 12, tzinfo=UTC)
LINKS = Links(b"secret", "https://pages.example.org")


@pytest.fixture
async def pool(database: str) -> AsyncIterator[asyncpg.Pool]:
    async with notifications_pool(database) as pool:
        yield pool


async def a_contact(connection: asyncpg.Connection, email: str, tenant: str = "cheshire") -> uuid.UUID:
    return await insert_contact(connection, email, tenant, NOW)


async def a_council(connection: asyncpg.Connection, created_days_ago: int, *roles: tuple[str, uuid.UUID]) -> uuid.UUID:
    organisation_id = uuid.uuid4()
    await connection.execute(
        "INSERT INTO organisations (id, tenant, name, kind, area, created_at, created_by) "
        "VALUES ($1, 'cheshire', 'Audlem PC', 'parish_council', 'audlem', $2, 'staff')",
        organisation_id, NOW - timedelta(days=created_days_ago))
    for role, contact_id in roles:
        await connection.execute("INSERT INTO organisation_roles VALUES ($1, $2, $3)", organisation_id, role,
                                 contact_id)
    return organisation_id


async def test_two_replicas_never_take_the_same_organisation(pool: asyncpg.Pool):
    async with pool.acquire() as connection:
        for _ in range(5):
            await a_council(connection, 400)
        await a_council(connection, 100)  # not due
    async with pool.acquire() as first, pool.acquire() as second, first.transaction():
        mine = await PostgresOrganisationChecks(first).claim_due(NOW, 3)
        async with second.transaction():
            theirs = await PostgresOrganisationChecks(second).claim_due(NOW, 10)
    assert (len(mine), len(theirs)) == (3, 2)
    assert not {o.id for o in mine} & {o.id for o in theirs}


async def test_the_check_queues_a_service_email_to_the_clerk_and_is_not_repeated_within_thirty_days(
        pool: asyncpg.Pool):
    async with pool.acquire() as connection:
        clerk = await a_contact(connection, "clerk@audlem.example")
        inbox = await a_contact(connection, "inbox@audlem.example")
        council = await a_council(connection, 400, ("generic_inbox", inbox), ("clerk", clerk))
    uow = ChecksUnitOfWork(pool, Outbox("notifications", "t."))

    assert await ask_due_checks(uow, LINKS, lambda: NOW) == 1
    assert await ask_due_checks(uow, LINKS, lambda: NOW + timedelta(days=29)) == 0

    async with pool.acquire() as connection:
        message = await connection.fetchrow("SELECT * FROM messages")
        asked = await connection.fetch("SELECT organisation_id, contact_id, message_id FROM organisation_checks")
        events = await connection.fetchval("SELECT count(*) FROM outbox")
    assert (message["template"], message["category"], message["status"], message["contact_id"],
            message["recipient"], message["source"]) == (
        "council_details_check", "service", "created", clerk, "clerk@audlem.example", "template")
    personalisation = json.loads(message["personalisation"])
    data = LINKS.read(token_of(personalisation["council_details_url"]), COUNCIL_DETAILS, NOW)
    assert (data["organisation_id"], data["contact_id"], data["language"]) == (str(council), str(clerk), "cy")
    assert [tuple(row) for row in asked] == [(council, clerk, message["id"])]
    assert events == 1
    assert await ask_due_checks(uow, LINKS, lambda: NOW + timedelta(days=31)) == 1


async def test_erasure_blanks_the_contacts_messages_cancels_unsent_ones_and_keeps_unsubscriptions(
        pool: asyncpg.Pool):
    async with pool.acquire() as connection:
        contact = await a_contact(connection, "ann@example.org")
        other = await a_contact(connection, "bob@example.org")
        for owner, status in ((contact, "created"), (contact, "held"), (contact, "delivered"), (other, "created")):
            await connection.execute(
                "INSERT INTO messages (id, tenant, client, reference, template, recipient, status, created_at, "
                "next_attempt_at, personalisation, contact_id) VALUES ($1, 'cheshire', 'c', $2, 't', 'x@y.z', $3, "
                "$4, $4, '{\"name\": \"Ann\"}', $5)", uuid.uuid4(), uuid.uuid4().hex, status, NOW, owner)
        await connection.execute(
            "INSERT INTO unsubscriptions (id, tenant, contact_id, sender, topic, channel, at, how) "
            "VALUES ($1, 'cheshire', $2, 'office', 'bulletin', 'email', $3, 'unsubscribe_page')",
            uuid.uuid4(), contact, NOW)

    await erase_contact(ContactsUnitOfWork(pool, Outbox("notifications", "t.")), "cheshire", contact, lambda: NOW)

    async with pool.acquire() as connection:
        rows = await connection.fetch("SELECT contact_id, status, recipient, personalisation::text AS p "
                                      "FROM messages ORDER BY contact_id = $1, status", contact)
        kept = await connection.fetchval("SELECT count(*) FROM unsubscriptions WHERE contact_id = $1", contact)
    mine = sorted((row["status"], row["recipient"], row["p"]) for row in rows if row["contact_id"] == contact)
    assert mine == [("cancelled", None, "{}"), ("cancelled", None, "{}"), ("delivered", None, "{}")]
    assert [(row["status"], row["recipient"]) for row in rows if row["contact_id"] == other] == [("created", "x@y.z")]
    assert kept == 1
