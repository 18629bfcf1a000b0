"""The web's own audit trail in its PostgreSQL: its migrations give it the common ``audit_log`` table, and a change
an admin makes to the web's own data (the staff roles mapping) is kept and read back for that office only."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import pytest

from peel.common.audit.store import AuditQuery, PostgresAuditLog
from peel.common.db.migrations import migrate
from peel.common.db.pool import create_pool
from peel.web.bootstrap import MIGRATIONS
from peel.web.domain.staff.audit import AuditFilters
from peel.web.domain.staff.identity import StaffUser
from peel.web.service_layer.staff.audit import record_change

ADMIN = StaffUser(subject="idp:ann", tenant="cheshire", name="Ann Admin", roles=frozenset({"admin"}))
OTHER = StaffUser(subject="idp:bob", tenant="dyfed", name="Bob Admin", roles=frozenset({"admin"}))


@pytest.fixture
async def pool(infra, new_database) -> AsyncIterator[asyncpg.Pool]:
    dsn = await new_database()
    await migrate(dsn, MIGRATIONS)
    opened = await create_pool(dsn, min_size=1, max_size=2)
    try:
        yield opened
    finally:
        await opened.close()


async def test_a_saved_roles_mapping_is_on_the_offices_own_trail(pool: asyncpg.Pool) -> None:
    trail = PostgresAuditLog(lambda: pool)
    await record_change(trail, ADMIN, "POST", "/staff/settings/roles", {"tenant": "cheshire"})
    await record_change(trail, OTHER, "POST", "/staff/settings/display", {"tenant": "dyfed"})
    [entry] = await trail.entries(AuditQuery("cheshire"))
    assert (entry.subject, entry.action, entry.roles, entry.status) == ("idp:ann", "roles", ("admin",), 303)
    assert entry.resource_ids == {"tenant": "cheshire"} and entry.at is not None
    assert await trail.entries(AuditQuery("cheshire", actor="idp:bob")) == []
    assert AuditFilters(actor="idp:ann").params(limit=2) == {"actor": "idp:ann", "limit": 2}
