"""The staff lists the dashboard reads, on real PostgreSQL: surgery sessions between two days (both included),
and each assembly's offers awaiting a reply and recommendations awaiting a response, counted in the query."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, time, timedelta

import asyncpg
import pytest

from peel.common.db.migrations import migrate
from peel.common.db.pool import create_pool
from peel.common.outbox import Outbox
from peel.scheduling.assemblies.adapters.assemblies import PostgresAssemblyUnitOfWork
from peel.scheduling.assemblies.domain.assembly_outcomes import Decision
from peel.scheduling.assemblies.domain.assembly_selection import RunKind, SelectionRequest
from peel.scheduling.assemblies.service_layer import assemblies, assembly_selection
from peel.scheduling.assemblies.service_layer import assembly_work as work
from peel.scheduling.bootstrap import MIGRATIONS
from peel.scheduling.surgeries.adapters.unit_of_work import PostgresSurgeryUnitOfWork
from peel.scheduling.surgeries.domain.sessions import Timetable
from peel.scheduling.surgeries.service_layer import sessions
from peel.scheduling.surgeries.service_layer.sessions import ScheduleSession
from tests.support.scheduling_appointments import clock
from tests.support.scheduling_recruitment import KEYS, Clock, recruited

pytestmark = pytest.mark.integration
MONDAY = date(2027, 3, 8)


@pytest.fixture
async def pool(database: str) -> AsyncIterator[asyncpg.Pool]:
    await migrate(database, MIGRATIONS)
    created = await create_pool(database, min_size=2, max_size=4)
    try:
        yield created
    finally:
        await created.close()


def surgery_work(pool: asyncpg.Pool) -> PostgresSurgeryUnitOfWork:
    return PostgresSurgeryUnitOfWork(pool, Outbox("/peel/scheduling", ""))


def assembly_work(pool: asyncpg.Pool) -> PostgresAssemblyUnitOfWork:
    return PostgresAssemblyUnitOfWork(pool, Outbox("/peel/scheduling", ""))


async def held_on(pool: asyncpg.Pool, day: date, tenant: str = "cheshire") -> None:
    command = ScheduleSession(tenant, "Police and Crime Commissioner", Timetable(day, time(18), time(19)),
                              online=True, policing_area="Crewe")
    await sessions.schedule_session(command, surgery_work(pool), clock())


async def test_sessions_between_two_days_are_the_tenants_own_held_on_those_days(pool):
    for offset in (-1, 0, 6, 7):
        await held_on(pool, MONDAY + timedelta(days=offset))
    await held_on(pool, MONDAY + timedelta(days=2), tenant="gwent")
    sunday = MONDAY + timedelta(days=6)
    week = await sessions.list_sessions("cheshire", surgery_work(pool), clock(), MONDAY, sunday)
    assert [listing.session.timetable.day for listing in week] == [MONDAY, sunday]
    assert [listing.session.timetable.day for listing in
            await sessions.list_sessions("cheshire", surgery_work(pool), clock(), until=MONDAY)] == [
        MONDAY - timedelta(days=1), MONDAY]
    assert len(await sessions.list_sessions("cheshire", surgery_work(pool), clock())) == 4
    async with pool.acquire() as connection:
        assert await connection.fetchval("SELECT indexdef FROM pg_indexes WHERE indexname = "
                                         "'surgery_sessions_tenant_day'") is not None


async def test_the_staff_list_counts_each_assemblys_unanswered_offers_and_recommendations(pool):
    uow, now = assembly_work(pool), Clock()
    assembly, people = await recruited(uow, now, count=20)
    quiet, _ = await recruited(uow, now, count=2)
    await assembly_selection.request_run(uow, "cheshire", assembly.id, SelectionRequest(RunKind.SELECTION,
                                                                                       "leximin", 7), now)
    assert await assembly_selection.run_next(lambda: assembly_work(pool), now)
    async with uow:
        panel = (await assemblies.find_assembly(uow, "cheshire", assembly.id)).selected
    tokens = {p.registrant.id: p.token for p in people}
    for member, takes_it in zip(panel[:2], (True, False), strict=True):
        await assemblies.reply(uow, assembly.id, member, tokens[member], takes_it, KEYS, now)
    made = [await work.make_recommendation(uow, "cheshire", assembly.id, text, None, 0.8, now)
            for text in ("Safe havens", "Better lighting", "Night buses")]
    await work.respond(uow, "cheshire", assembly.id, made[1].id, Decision.NOT_ACCEPTED, "No money.", None, now)
    found = await assemblies.assemblies_at_work(assembly_work(pool), "cheshire")
    assert [(a.assembly.id, a.offers_awaiting_reply, a.recommendations_awaiting_response) for a in found] == [
        (quiet.id, 0, 0), (assembly.id, len(panel) - 2, 2)]
    assert await assemblies.assemblies_at_work(assembly_work(pool), "gwent") == []
