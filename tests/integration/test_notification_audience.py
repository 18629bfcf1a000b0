"""An audience resolves in one statement over a generated population of 50,000 contacts: exactly the subscribers
(and role holders) it should reach, each with the right consent, suppression, frequency, quiet hours, cap and count
of this week's messages; another tenant's contacts never appear."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta

import asyncpg
import pytest

from peel.notifications.contacts.adapters.audience import PostgresAudiences
from peel.notifications.contacts.domain.audience import Audience
from peel.notifications.contacts.domain.consents import Channel, address_hash
from peel.notifications.messages.domain.checks import Frequency, QuietHours
from tests.support.notification_db import notifications_pool

pytestmark = pytest.mark.integration
POPULATION = 50_000
NOW = datetime(2027, 3, 10, 12, tzinfo=UTC)
CAP = 2
LANGUAGES = ("en", "cy", "unknown")


def ids(count: int, seed: int) -> list[uuid.UUID]:
    return [uuid.UUID(int=seed << 64 | number) for number in range(count)]


CONTACTS = ids(POPULATION + 1, 1)


def person(i: int) -> dict:
    """Contact ``i`` of the generated population, and what is true of it."""
    return {"i": i, "id": CONTACTS[i], "email": None if i % 10 == 0 else f"r{i}@example.org",
            "mobile": f"07700 9{i:05d}" if i % 5 == 0 else None, "language": LANGUAGES[i % 3],
            "areas": [f"area{i % 4}"], "erased": i % 97 == 0, "bulletin": i % 2 == 0, "safety": i % 3 == 0,
            "frequency": "weekly" if i % 7 == 0 else "immediately",
            "consent": i % 11 != 0 and i % 13 != 0, "bounced": i % 17 == 0, "topic_unsubscribed": i % 19 == 0,
            "quiet": i % 29 == 0, "cap": 5 if i % 31 == 0 else None, "messages": 2 if i % 37 == 0 else 0}


@pytest.fixture
async def pool(database: str) -> AsyncIterator[asyncpg.Pool]:
    async with notifications_pool(database, max_size=2) as pool:
        await populate(pool)
        yield pool


async def populate(pool: asyncpg.Pool) -> None:
    people = [person(i) for i in range(1, POPULATION + 1)]
    async with pool.acquire() as connection:
        await connection.copy_records_to_table("contacts", columns=[
            "id", "tenant", "email", "mobile", "language", "areas", "created_at", "created_by", "erased_at",
            "weekly_cap"], records=[_contact(p) for p in people] + [_stranger()])
        await connection.copy_records_to_table("preferences", columns=[
            "contact_id", "sender", "topic", "frequency", "updated_at"], records=_preferences(people))
        await connection.copy_records_to_table("consents", columns=[
            "id", "contact_id", "sender", "topic", "channel", "given", "source", "wording_version", "recorded_at",
            "recorded_by"], records=_consents(people))
        await connection.copy_records_to_table("suppressions", columns=[
            "id", "tenant", "address_hash", "channel", "reason", "scope", "scope_value", "created_at",
            "created_by"], records=_suppressions(people))
        await connection.copy_records_to_table("quiet_hours", columns=["contact_id", "channel", "starts", "ends"],
                                               records=[(p["id"], "email", time(21), time(8))
                                                        for p in people if p["quiet"]])
        await connection.copy_records_to_table("messages", columns=[
            "id", "tenant", "client", "reference", "template", "status", "created_at", "next_attempt_at",
            "category", "priority", "contact_id", "sender", "topic"], records=_messages(people))


def _contact(p: dict) -> tuple:
    erased = NOW - timedelta(days=1) if p["erased"] else None
    return (p["id"], "cheshire", None if erased else p["email"], None if erased else p["mobile"], p["language"],
            p["areas"], NOW - timedelta(days=400), "staff", erased, p["cap"])


def _stranger() -> tuple:
    return (CONTACTS[0], "dyfed-powys", "stranger@example.org", None, "en", ["area0"], NOW, "staff", None, None)


def _preferences(people: list[dict]) -> list[tuple]:
    rows = [(CONTACTS[0], "office", "bulletin", "immediately", NOW)]
    for p in people:
        rows += [(p["id"], "office", topic, p["frequency"], NOW) for topic in ("bulletin", "safety") if p[topic]]
    return rows


def _consents(people: list[dict]) -> list[tuple]:
    rows = []
    for p in people:
        given_at = NOW - timedelta(days=30)
        rows.append((uuid.uuid4(), p["id"], "office", "bulletin", "email", p["i"] % 11 != 0, "form", "v1",
                     given_at, "staff"))
        if p["i"] % 13 == 0:
            rows.append((uuid.uuid4(), p["id"], "office", "bulletin", "email", False, "form", "v1",
                         given_at + timedelta(days=1), "staff"))
    return rows


def _suppressions(people: list[dict]) -> list[tuple]:
    rows = []
    for p in people:
        if p["email"] is None or p["erased"]:
            continue
        hashed = address_hash(Channel.EMAIL, p["email"])
        if p["bounced"]:
            rows.append((uuid.uuid4(), "cheshire", hashed, "email", "hard_bounce", "global", None, NOW, "system"))
        if p["topic_unsubscribed"]:
            rows.append((uuid.uuid4(), "cheshire", hashed, "email", "unsubscribe", "topic", "bulletin", NOW, "r"))
        if p["i"] % 23 == 0:  # another topic's unsubscription does not reach bulletins
            rows.append((uuid.uuid4(), "cheshire", hashed, "email", "unsubscribe", "topic", "other", NOW, "r"))
    return rows


def _messages(people: list[dict]) -> list[tuple]:
    rows = []
    for p in people:
        if not p["messages"]:
            continue
        counted = [("created", "subscription", 3, 1), ("sent", "subscription", 2, 3)]
        ignored = [("suppressed", "subscription", 3, 1), ("created", "subscription", 1, 1),
                   ("sent", "subscription", 3, 8), ("sent", "service", 3, 1)]
        for status, category, priority, days in counted + ignored:
            at = NOW - timedelta(days=days)
            rows.append((uuid.uuid4(), "cheshire", "test", uuid.uuid4().hex, "t", status, at, at, category,
                         priority, p["id"], "office", "bulletin"))
    return rows


def expected_bulletin_recipients(areas: set[str] | None = None) -> dict:
    expected = {}
    for i in range(1, POPULATION + 1):
        p = person(i)
        if p["erased"] or not p["bulletin"] or (areas and not areas & set(p["areas"])):
            continue
        for channel, address in ((Channel.EMAIL, p["email"]), (Channel.SMS, p["mobile"])):
            if address:
                expected[(p["id"], channel)] = p
    return expected


def facts_of(p: dict, channel: Channel) -> tuple:
    email = channel is Channel.EMAIL
    suppression = ("hard_bounce" if p["bounced"] else "unsubscribe" if p["topic_unsubscribed"] else None)
    return (p["consent"] if email else False, suppression if email else None, frozenset(p["areas"]),
            Frequency(p["frequency"]), QuietHours(time(21), time(8)) if p["quiet"] and email else None,
            p["cap"] if p["cap"] is not None else CAP, p["messages"])


async def test_a_topic_audience_of_fifty_thousand_contacts_has_every_fact_right(pool: asyncpg.Pool):
    found = await PostgresAudiences(pool, CAP).recipients(
        "cheshire", Audience(topics=("bulletin",)), "office", [Channel.EMAIL, Channel.SMS], NOW)

    expected = expected_bulletin_recipients()
    assert len(found) == len(expected) > 20_000
    assert {(r.contact_id, r.channel) for r in found} == set(expected)
    for recipient in found:
        p = expected[(recipient.contact_id, recipient.channel)]
        facts = recipient.facts
        assert (facts.consent_given, facts.suppression, facts.areas, facts.frequency, facts.quiet_hours,
                facts.weekly_cap, facts.non_urgent_this_week) == facts_of(p, recipient.channel), p
        assert recipient.address == (p["email"] if recipient.channel is Channel.EMAIL else p["mobile"])
        assert recipient.language == ("both" if p["language"] == "unknown" else p["language"])
        assert (recipient.topic, recipient.organisation_id) == ("bulletin", None)


async def test_areas_narrow_the_audience_and_a_contact_of_two_topics_is_reached_once(pool: asyncpg.Pool):
    audiences = PostgresAudiences(pool, CAP)
    narrowed = await audiences.recipients("cheshire", Audience(topics=("bulletin",), areas=("area1", "area2")),
                                          "office", [Channel.EMAIL], NOW)
    expected = {key for key in expected_bulletin_recipients({"area1", "area2"}) if key[1] is Channel.EMAIL}
    assert {(r.contact_id, r.channel) for r in narrowed} == expected

    both = await audiences.recipients("cheshire", Audience(topics=("safety", "bulletin")), "office",
                                      [Channel.EMAIL], NOW)
    assert len({r.contact_id for r in both}) == len(both)
    six = next(r for r in both if r.contact_id == CONTACTS[6])
    assert six.topic == "safety"


async def test_role_holders_are_stakeholders_of_their_council(pool: asyncpg.Pool):
    council, partner = uuid.uuid4(), uuid.uuid4()
    async with pool.acquire() as connection:
        await connection.executemany(
            "INSERT INTO organisations (id, tenant, name, kind, area, created_at, created_by) "
            "VALUES ($1, 'cheshire', $2, $3, $4, $5, 'staff')",
            [(council, "Audlem PC", "parish_council", "area3", NOW), (partner, "Fire", "partner", "area3", NOW)])
        await connection.executemany("INSERT INTO organisation_roles VALUES ($1, $2, $3)", [
            (council, "clerk", CONTACTS[1]), (council, "chair", CONTACTS[11]), (partner, "clerk", CONTACTS[3])])

    found = await PostgresAudiences(pool, CAP).recipients(
        "cheshire", Audience(topics=(), areas=("area3",), organisation_kinds=("parish_council",), roles=("clerk",)),
        "office", [Channel.EMAIL], NOW)

    assert [(r.contact_id, r.organisation_id, r.topic, r.category.value) for r in found] == [
        (CONTACTS[1], council, "cascade", "stakeholder")]


async def test_the_facts_for_one_message(pool: asyncpg.Pool):
    audiences = PostgresAudiences(pool, CAP)
    fourteen = await audiences.facts("cheshire", CONTACTS[14 * 37], "office", "bulletin", Channel.EMAIL, NOW)
    assert fourteen is not None
    assert (fourteen.facts.frequency, fourteen.facts.non_urgent_this_week) == (Frequency.WEEKLY, 2)
    assert await audiences.facts("dyfed-powys", CONTACTS[1], "office", "bulletin", Channel.EMAIL, NOW) is None
    assert await audiences.facts("cheshire", CONTACTS[97], "office", "bulletin", Channel.EMAIL, NOW) is None
    assert await audiences.facts("cheshire", CONTACTS[1], "office", "bulletin", Channel.SMS, NOW) is None
