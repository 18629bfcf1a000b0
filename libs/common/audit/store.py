"""Where a service keeps its audit trail: the ``audit_log`` table of its own database."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Protocol

import asyncpg

from peel.common.audit.record import AuditEntry

MOST_ENTRIES = 500


@dataclass(frozen=True)
class AuditQuery:
    """Which of an office's entries to list, newest first: about one resource id, by one person, since or before
    a moment (``before`` pages back through a long trail)."""

    tenant: str
    resource: str | None = None
    actor: str | None = None
    since: datetime | None = None
    before: datetime | None = None
    limit: int = 100


class AuditLog(Protocol):
    async def record(self, entry: AuditEntry) -> None: ...

    async def entries(self, query: AuditQuery) -> Sequence[AuditEntry]: ...


INSERT = """
INSERT INTO audit_log (tenant, subject, roles, method, route, action, resource_ids, resources, status)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
"""
SELECT = """
SELECT tenant, subject, roles, method, route, action, resource_ids, status, at FROM audit_log
WHERE tenant = $1
  AND ($2::text IS NULL OR $2 = ANY(resources))
  AND ($3::text IS NULL OR subject = $3)
  AND ($4::timestamptz IS NULL OR at >= $4)
  AND ($5::timestamptz IS NULL OR at < $5)
ORDER BY at DESC, id DESC
LIMIT $6
"""


class PostgresAuditLog:
    """The trail in the service's database; ``pool`` is asked for on each use (the runtime makes it at start)."""

    def __init__(self, pool: Callable[[], asyncpg.Pool]) -> None:
        self._pool = pool

    async def record(self, entry: AuditEntry) -> None:
        await self._pool().execute(INSERT, entry.tenant, entry.subject, list(entry.roles), entry.method,
                                   entry.route, entry.action, dict(entry.resource_ids), entry.resources,
                                   entry.status)

    async def entries(self, query: AuditQuery) -> list[AuditEntry]:
        rows = await self._pool().fetch(SELECT, query.tenant, query.resource, query.actor, query.since,
                                        query.before, min(query.limit, MOST_ENTRIES))
        return [_entry(row) for row in rows]


def _entry(row: Any) -> AuditEntry:
    return AuditEntry(tenant=row["tenant"], subject=row["subject"], roles=tuple(row["roles"]),
                      method=row["method"], route=row["route"], action=row["action"],
                      resource_ids=row["resource_ids"], status=row["status"], at=row["at"])


class AuditLogInMemory:
    """The trail kept in the process, for tests and a process run without its database (lost on restart)."""

    def __init__(self) -> None:
        self.recorded: list[AuditEntry] = []

    async def record(self, entry: AuditEntry) -> None:
        self.recorded.append(replace(entry, at=entry.at or datetime.now(UTC)))

    async def entries(self, query: AuditQuery) -> list[AuditEntry]:
        found = [entry for entry in reversed(self.recorded) if _matches(entry, query)]
        return found[:min(query.limit, MOST_ENTRIES)]


def _matches(entry: AuditEntry, query: AuditQuery) -> bool:
    at = entry.at or datetime.now(UTC)
    return (entry.tenant == query.tenant and (query.resource is None or query.resource in entry.resources)
            and (query.actor is None or entry.subject == query.actor)
            and (query.since is None or at >= query.since) and (query.before is None or at < query.before))
