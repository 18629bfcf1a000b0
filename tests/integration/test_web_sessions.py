"""Sessions and offices' looks in the web service's own PostgreSQL: answers in progress survive a restart."""

from __future__ import annotations

from datetime import timedelta

import asyncpg

from peel.common.db.migrations import migrate
from peel.web.adapters.session_store import PostgresSessionStore
from peel.web.adapters.tenant_store import CACHE_SECONDS, PostgresTenantDisplays
from peel.web.bootstrap import MIGRATIONS
from peel.web.domain.tenants import TenantDisplay, default_display


async def test_answers_in_progress_survive_a_restart(infra, new_database) -> None:
    dsn = await new_database()
    await migrate(dsn, MIGRATIONS)
    answers = {"consultations": {"c1": {"answers": {"priority": "asb"}, "asked": ["priority"]}}}
    async with asyncpg.create_pool(dsn, min_size=1, max_size=1) as before:
        await PostgresSessionStore(before, lifetime=timedelta(days=7)).save("session-one", answers)
    async with asyncpg.create_pool(dsn, min_size=1, max_size=1) as after:  # a new process
        store = PostgresSessionStore(after, lifetime=timedelta(days=7))
        assert await store.load("session-one") == answers
        assert await store.load("session-two") is None


async def test_an_expired_session_is_gone_and_forgotten(infra, new_database) -> None:
    dsn = await new_database()
    await migrate(dsn, MIGRATIONS)
    async with asyncpg.create_pool(dsn, min_size=1, max_size=1) as pool:
        store = PostgresSessionStore(pool, lifetime=timedelta(seconds=-1))
        await store.save("stale", {"a": 1})
        assert await store.load("stale") is None
        assert await store.forget_expired() == 1


async def test_an_offices_look_is_kept_and_others_keep_their_defaults(infra, new_database) -> None:
    dsn = await new_database()
    await migrate(dsn, MIGRATIONS)
    look = TenantDisplay(name={"en": "Mayor of Greater Manchester", "cy": "Maer Manceinion Fwyaf"},
                         head_title={"en": "Mayor of Greater Manchester", "cy": "Maer Manceinion Fwyaf"},
                         brand_colour="#e4002b")
    async with asyncpg.create_pool(dsn, min_size=1, max_size=1) as pool:
        await PostgresTenantDisplays(pool).set_display("greater-manchester", look)
        fresh = PostgresTenantDisplays(pool)
        assert await fresh.display("greater-manchester") == look
        assert await fresh.display("cheshire") == default_display("cheshire")


async def test_a_look_set_through_another_replica_shows_within_the_cache_time(infra, new_database) -> None:
    dsn = await new_database()
    await migrate(dsn, MIGRATIONS)
    now = [0.0]
    look = TenantDisplay(name={"en": "North Wales PCC", "cy": "CHTh Gogledd Cymru"},
                         head_title={"en": "Commissioner", "cy": "Comisiynydd"})
    async with asyncpg.create_pool(dsn, min_size=1, max_size=2) as pool:
        here, there = PostgresTenantDisplays(pool, clock=lambda: now[0]), PostgresTenantDisplays(pool)
        assert await here.display("north-wales") == default_display("north-wales")
        await there.set_display("north-wales", look)
        assert await here.display("north-wales") == default_display("north-wales")
        now[0] += CACHE_SECONDS
        assert await here.display("north-wales") == look
