"""A generated population of email subscribers for the bulletin benchmark, written straight into the
notifications database with COPY: contacts (a third Welsh-speaking), their subscription to the office's bulletin,
consent for most, a hard-bounce suppression for some and a week's messages already sent to others."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import asyncpg

from peel.notifications.contacts.domain.consents import Channel, address_hash

SENDER, TOPIC, AREA = "office", "bulletin", "crewe"


@dataclass(frozen=True, slots=True)
class Shares:
    """The parts of the audience that must not get the bulletin."""

    suppressed: float = 0.05
    without_consent: float = 0.03
    over_cap: float = 0.01


@dataclass
class Population:
    contacts: int
    suppressed: int = 0
    without_consent: int = 0
    over_cap: int = 0

    @property
    def sendable(self) -> int:
        return self.contacts - self.suppressed - self.without_consent - self.over_cap


async def populate(dsn: str, tenant: str, contacts: int, shares: Shares = Shares(), seed: int = 7) -> Population:
    rng, now = random.Random(seed), datetime.now(UTC)
    rows = _rows(tenant, contacts, shares, rng, now)
    connection = await asyncpg.connect(dsn)
    try:
        for table, columns in COLUMNS.items():
            await connection.copy_records_to_table(table, records=rows[table], columns=columns)
        await connection.execute("ANALYZE")
    finally:
        await connection.close()
    return rows["population"]


COLUMNS = {
    "contacts": ("id", "tenant", "email", "language", "areas", "created_at", "created_by"),
    "preferences": ("contact_id", "sender", "topic", "frequency", "updated_at"),
    "consents": ("id", "contact_id", "sender", "topic", "channel", "given", "source", "wording_version",
                 "recorded_at", "recorded_by"),
    "suppressions": ("id", "tenant", "address_hash", "channel", "reason", "scope", "created_at", "created_by"),
    "messages": ("id", "tenant", "client", "reference", "template", "status", "created_at", "next_attempt_at",
                 "channel", "category", "sender", "topic", "contact_id", "sent_at", "source"),
}


def _rows(tenant: str, count: int, shares: Shares, rng: random.Random, now: datetime) -> dict:
    rows: dict = {table: [] for table in COLUMNS}
    population = Population(count)
    for number in range(count):
        contact, email = uuid.uuid4(), f"subscriber{number}@example.org"
        rows["contacts"].append((contact, tenant, email, "cy" if number % 3 == 0 else "en", [AREA], now, "bench"))
        rows["preferences"].append((contact, SENDER, TOPIC, "immediately", now))
        _exclusion(rows, population, shares, rng.random(), (tenant, contact, email, now))
    rows["population"] = population
    return rows


def _exclusion(rows: dict, population: Population, shares: Shares, draw: float, who: tuple) -> None:
    """One draw puts a contact in at most one excluded share: suppressed, without consent, or over the cap."""
    tenant, contact, email, now = who
    bounds = (shares.suppressed, shares.suppressed + shares.without_consent,
              shares.suppressed + shares.without_consent + shares.over_cap)
    if draw < bounds[0]:
        population.suppressed += 1
        rows["suppressions"].append((uuid.uuid4(), tenant, address_hash(Channel.EMAIL, email), "email", "hard_bounce",
                                     "global", now, "bench"))
    if bounds[0] <= draw < bounds[1]:
        population.without_consent += 1
    else:
        rows["consents"].append((uuid.uuid4(), contact, SENDER, TOPIC, "email", True, "web_form", "2027-01", now,
                                 "bench"))
    if bounds[1] <= draw < bounds[2]:
        population.over_cap += 1
        rows["messages"].extend(_earlier_messages(tenant, contact, now))


def _earlier_messages(tenant: str, contact: uuid.UUID, now: datetime) -> list[tuple]:
    """Two subscription messages this week: the office's default cap of two non-urgent messages is reached."""
    sent = [now - timedelta(days=days) for days in (1, 2)]
    return [(uuid.uuid4(), tenant, "bench", f"earlier:{contact}:{n}", "bulletin", "sent", at, at, "email",
             "subscription", SENDER, TOPIC, contact, at, "bulletin") for n, at in enumerate(sent)]
