"""A registration form registers one person, on real PostgreSQL: two registrations racing with one form give
one registrant and one refusal saying the form was used."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta

import asyncpg
import pytest

from peel.common.db.migrations import migrate
from peel.common.db.pool import create_pool
from peel.common.errors import Conflict
from peel.common.outbox import Outbox
from peel.scheduling.assemblies.adapters.assemblies import PostgresAssemblyUnitOfWork
from peel.scheduling.assemblies.domain.registration import FORM_LIFETIME
from peel.scheduling.assemblies.service_layer import assemblies
from peel.scheduling.bootstrap import MIGRATIONS
from tests.support.scheduling_recruitment import KEYS, Clock, set_up, volunteer

pytestmark = pytest.mark.integration


@pytest.fixture
async def pool(database: str) -> AsyncIterator[asyncpg.Pool]:
    await migrate(database, MIGRATIONS)
    created = await create_pool(database, min_size=2, max_size=4)
    try:
        yield created
    finally:
        await created.close()


def unit_of_work(pool: asyncpg.Pool) -> PostgresAssemblyUnitOfWork:
    return PostgresAssemblyUnitOfWork(pool, Outbox("/peel/scheduling", ""))


async def test_two_registrations_racing_with_one_form_register_one_person(pool):
    clock, rng = Clock(), random.Random(3)
    assembly, codes = await set_up(unit_of_work(pool), clock, households=2)
    form = KEYS.issue(clock())
    clock.wait(20)
    people = [replace(volunteer(n, codes[n], rng), form_token=form) for n in range(2)]
    outcomes = await asyncio.gather(*(assemblies.register(unit_of_work(pool), assembly.id, person, KEYS, clock)
                                      for person in people), return_exceptions=True)
    refused = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], Conflict), outcomes
    assert "form was already used" in str(refused[0]) and "reload the form" in str(refused[0])
    async with pool.acquire() as connection:
        assert await connection.fetchval("SELECT count(*) FROM assembly_registrants") == 1
    registered = {outcome[0].contact.email for outcome in outcomes if not isinstance(outcome, Exception)}
    refused_person = next(person for person in people if person.contact.email not in registered)
    fresh = KEYS.issue(clock())
    clock.wait(20)
    await assemblies.register(unit_of_work(pool), assembly.id, replace(refused_person, form_token=fresh), KEYS, clock)


async def test_forms_too_old_to_be_sent_back_are_forgotten_when_a_form_is_used(pool):
    clock, rng = Clock(), random.Random(4)
    assembly, codes = await set_up(unit_of_work(pool), clock, households=2)
    old, recent = clock() - FORM_LIFETIME - timedelta(minutes=1), clock() - FORM_LIFETIME + timedelta(minutes=1)
    async with pool.acquire() as connection:
        await connection.executemany("INSERT INTO assembly_used_forms (form_token, issued_at, used_at) "
                                     "VALUES ($1, $2, $2)", [("old-form", old), ("recent-form", recent)])
    form = KEYS.issue(clock())
    clock.wait(20)
    await assemblies.register(unit_of_work(pool), assembly.id, replace(volunteer(0, codes[0], rng), form_token=form),
                              KEYS, clock)
    async with pool.acquire() as connection:
        kept = {row["form_token"] for row in await connection.fetch("SELECT form_token FROM assembly_used_forms")}
    assert kept == {"recent-form", form}
