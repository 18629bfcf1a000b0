"""Suppressions in PostgreSQL: in force until removed, and the removal kept on record."""

from __future__ import annotations

import uuid

import asyncpg

from peel.notifications.contacts.domain.consents import Channel, Scope, Suppression, SuppressionReason

COLUMNS = ("id, tenant, address_hash, channel, reason, scope, scope_value, created_at, created_by, note, removed_at, "
           "removed_by, removal_reason")
ADD = f"""
INSERT INTO suppressions ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
ON CONFLICT DO NOTHING
"""
ACTIVE = f"""
SELECT {COLUMNS} FROM suppressions
WHERE tenant = $1 AND removed_at IS NULL AND ($2::text IS NULL OR channel = $2) AND ($3::text IS NULL OR reason = $3)
      AND ($4::text IS NULL OR address_hash = $4)
ORDER BY created_at, id LIMIT 1000
"""
REMOVE = """
UPDATE suppressions SET removed_at = $3, removed_by = $4, removal_reason = $5
WHERE tenant = $1 AND id = $2 AND removed_at IS NULL
"""


class PostgresSuppressions:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, suppression: Suppression) -> bool:
        return await self._connection.execute(ADD, *_values(suppression)) == "INSERT 0 1"

    async def get(self, tenant: str, suppression_id: uuid.UUID) -> Suppression | None:
        row = await self._connection.fetchrow(
            f"SELECT {COLUMNS} FROM suppressions WHERE tenant = $1 AND id = $2", tenant, suppression_id)
        return _suppression(row) if row else None

    async def active(self, tenant: str, channel: Channel | None = None, reason: SuppressionReason | None = None,
                     address_hash: str | None = None) -> list[Suppression]:
        rows = await self._connection.fetch(ACTIVE, tenant, channel and channel.value, reason and reason.value,
                                            address_hash)
        return [_suppression(row) for row in rows]

    async def save_removed(self, suppression: Suppression) -> None:
        await self._connection.execute(REMOVE, suppression.tenant, suppression.id, suppression.removed_at,
                                       suppression.removed_by, suppression.removal_reason)


def _values(suppression: Suppression) -> tuple:
    s = suppression
    return (s.id, s.tenant, s.address_hash, s.channel.value, s.reason.value, s.scope.value, s.scope_value,
            s.created_at, s.created_by, s.note, s.removed_at, s.removed_by, s.removal_reason)


def _suppression(row: asyncpg.Record) -> Suppression:
    return Suppression(**{**dict(row), "channel": Channel(row["channel"]), "reason": SuppressionReason(row["reason"]),
                          "scope": Scope(row["scope"])})
