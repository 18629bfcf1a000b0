"""Staff sessions and role mappings in the web service's PostgreSQL: idle and absolute timeouts, signing out
everywhere, the cookie's id never stored (only its hash), old sessions forgotten, an office's saved mapping."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from datetime import timedelta

import asyncpg
import pytest

from peel.common.db.migrations import migrate
from peel.common.db.pool import create_pool
from peel.web.adapters.staff_role_mappings import PostgresRoleMappings
from peel.web.adapters.staff_sessions import PostgresStaffSessions
from peel.web.bootstrap import MIGRATIONS
from peel.web.domain.staff.identity import StaffUser

ANN = StaffUser(subject="idp:ann", tenant="cheshire", name="Ann Officer", email="ann@example.gov.uk",
                roles=frozenset({"engagement_officer", "analyst"}))


@pytest.fixture
async def pool(infra, new_database) -> AsyncIterator[asyncpg.Pool]:
    dsn = await new_database()
    await migrate(dsn, MIGRATIONS)
    opened = await create_pool(dsn, min_size=1, max_size=2)  # the service's own pool, its JSON codec included
    try:
        yield opened
    finally:
        await opened.close()


def sessions(pool: asyncpg.Pool) -> PostgresStaffSessions:
    return PostgresStaffSessions(pool, idle=timedelta(minutes=30), absolute=timedelta(hours=10))


async def aged(pool: asyncpg.Pool, session_id: str, column: str, by: timedelta) -> None:
    """Moves a session's clock back, as if ``by`` had passed since it was last seen or began."""
    assert column in {"last_seen_at", "started_at", "ended_at"}
    await pool.execute(f"UPDATE web_staff_sessions SET {column} = {column} - $2::interval WHERE id_hash = $1",
                       hashlib.sha256(session_id.encode()).hexdigest(), by)


async def test_a_session_is_found_by_its_cookie_id_with_the_user_and_language(pool: asyncpg.Pool) -> None:
    store = sessions(pool)
    session = await store.start(ANN, lang="cy")
    found = await store.find(session.id)
    assert found is not None and found.user == ANN and found.lang == "cy"
    await store.set_language(session.id, "en")
    assert (await store.find(session.id)).lang == "en"
    assert await store.find("not-a-session-id-at-all-0000") is None


async def test_the_cookie_id_is_never_stored_only_its_hash(pool: asyncpg.Pool) -> None:
    session = await sessions(pool).start(ANN)
    rows = await pool.fetch("SELECT * FROM web_staff_sessions")
    stored = " ".join(str(value) for row in rows for value in row.values())
    assert session.id not in stored
    assert rows[0]["id_hash"] == hashlib.sha256(session.id.encode()).hexdigest()


async def test_a_session_idle_too_long_has_ended_and_a_page_keeps_it_alive(pool: asyncpg.Pool) -> None:
    store = sessions(pool)
    idle, busy = await store.start(ANN), await store.start(ANN)
    await aged(pool, idle.id, "last_seen_at", timedelta(minutes=31))
    await aged(pool, busy.id, "last_seen_at", timedelta(minutes=29))
    assert await store.find(idle.id) is None
    assert await store.find(busy.id) is not None
    await aged(pool, busy.id, "last_seen_at", timedelta(minutes=29))  # found a moment ago: idle time restarted
    assert await store.find(busy.id) is not None


async def test_a_session_ends_at_its_absolute_timeout_however_busy(pool: asyncpg.Pool) -> None:
    store = sessions(pool)
    session = await store.start(ANN)
    await aged(pool, session.id, "started_at", timedelta(hours=10, minutes=1))
    assert await store.find(session.id) is None


async def test_signing_out_everywhere_ends_only_that_users_sessions(pool: asyncpg.Pool) -> None:
    store = sessions(pool)
    laptop, phone = await store.start(ANN), await store.start(ANN)
    colleague = await store.start(StaffUser(subject="idp:bob", tenant="cheshire", name="Bob",
                                            roles=frozenset({"viewer"})))
    namesake = await store.start(StaffUser(subject="idp:ann", tenant="dyfed-powys", name="Ann",
                                           roles=frozenset({"viewer"})))
    assert await store.end_everywhere("cheshire", "idp:ann") == 2
    assert await store.find(laptop.id) is None and await store.find(phone.id) is None
    assert await store.find(colleague.id) is not None and await store.find(namesake.id) is not None


async def test_signing_out_ends_this_browsers_session_alone(pool: asyncpg.Pool) -> None:
    store = sessions(pool)
    laptop, phone = await store.start(ANN), await store.start(ANN)
    await store.end(laptop.id)
    assert await store.find(laptop.id) is None and await store.find(phone.id) is not None


async def test_sessions_over_a_day_past_their_end_are_forgotten(pool: asyncpg.Pool) -> None:
    store = sessions(pool)
    ended, idle, old, live = [await store.start(ANN) for _ in range(4)]
    await store.end(ended.id)
    await aged(pool, ended.id, "ended_at", timedelta(hours=25))
    await aged(pool, idle.id, "last_seen_at", timedelta(hours=25))
    await aged(pool, old.id, "started_at", timedelta(hours=35))
    assert await store.forget_old() == 3
    assert await pool.fetchval("SELECT count(*) FROM web_staff_sessions") == 1
    assert await store.find(live.id) is not None


async def test_an_offices_saved_mapping_replaces_the_configured_default(pool: asyncpg.Pool) -> None:
    mappings = PostgresRoleMappings(pool, {"cheshire": {"peel-admins": ["admin"]}})
    assert await mappings.mapping("cheshire") == {"peel-admins": ["admin"]}
    assert await mappings.mapping("dyfed-powys") == {}
    await mappings.set_mapping("cheshire", {"sg-officers": ["engagement_officer", "analyst"]}, by="idp:admin")
    await mappings.set_mapping("cheshire", {"sg-officers": ["engagement_officer"]}, by="idp:other-admin")
    assert await PostgresRoleMappings(pool).mapping("cheshire") == {"sg-officers": ["engagement_officer"]}
    assert await pool.fetchval("SELECT updated_by FROM web_staff_role_mappings") == "idp:other-admin"
