"""Organisations and the roles in them, in PostgreSQL; always looked up within a tenant."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

import asyncpg

from peel.notifications.contacts.domain.organisations import Kind, Organisation, Role, RoleHolder

COLUMNS = "id, tenant, name, kind, area, created_at, created_by, last_confirmed_at"
SELECT = f"""
SELECT {COLUMNS},
       coalesce((SELECT array_agg(r.role || ' ' || r.contact_id ORDER BY r.role, r.contact_id)
                 FROM organisation_roles r WHERE r.organisation_id = o.id), '{{}}') AS roles
FROM organisations o
"""
SAVE = """
UPDATE organisations SET name = $3, kind = $4, area = $5, last_confirmed_at = $6 WHERE tenant = $1 AND id = $2
"""


class PostgresOrganisations:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, organisation: Organisation) -> None:
        o = organisation
        await self._connection.execute(
            f"INSERT INTO organisations ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            o.id, o.tenant, o.name, o.kind.value, o.area, o.created_at, o.created_by, o.last_confirmed_at)
        await self._save_roles(organisation)

    async def get(self, tenant: str, organisation_id: uuid.UUID, for_update: bool = False) -> Organisation | None:
        lock = " FOR UPDATE" if for_update else ""
        row = await self._connection.fetchrow(f"{SELECT} WHERE tenant = $1 AND id = $2{lock}", tenant,
                                              organisation_id)
        return organisation_of(row) if row else None

    async def list(self, tenant: str, kind: str | None, area: str | None) -> list[Organisation]:
        rows = await self._connection.fetch(
            f"{SELECT} WHERE tenant = $1 AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR area = $3) "
            "ORDER BY name, id LIMIT 1000", tenant, kind, area)
        return [organisation_of(row) for row in rows]

    async def save(self, organisation: Organisation) -> None:
        o = organisation
        await self._connection.execute(SAVE, o.tenant, o.id, o.name, o.kind.value, o.area, o.last_confirmed_at)
        await self._connection.execute("DELETE FROM organisation_roles WHERE organisation_id = $1", o.id)
        await self._save_roles(organisation)

    async def unknown_contacts(self, tenant: str, contact_ids: Sequence[uuid.UUID]) -> list[uuid.UUID]:
        live = await self._connection.fetch(
            "SELECT id FROM contacts WHERE tenant = $1 AND id = ANY($2::uuid[]) AND erased_at IS NULL", tenant,
            list(contact_ids))
        found = {row["id"] for row in live}
        return [contact_id for contact_id in contact_ids if contact_id not in found]

    async def remove_roles_of(self, contact_id: uuid.UUID) -> None:
        await self._connection.execute("DELETE FROM organisation_roles WHERE contact_id = $1", contact_id)

    async def record_update(self, organisation: Organisation, contact_id: uuid.UUID | None, what: str,
                            fields: Sequence[str], at: datetime, by: str) -> None:
        await self._connection.execute(
            "INSERT INTO organisation_updates (id, tenant, organisation_id, contact_id, what, fields, at, by) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            uuid.uuid4(), organisation.tenant, organisation.id, contact_id, what, list(fields), at, by)

    async def _save_roles(self, organisation: Organisation) -> None:
        await self._connection.executemany(
            "INSERT INTO organisation_roles (organisation_id, role, contact_id) VALUES ($1, $2, $3)",
            [(organisation.id, holder.role.value, holder.contact_id) for holder in organisation.roles])


def organisation_of(row: asyncpg.Record) -> Organisation:
    roles = tuple(RoleHolder(Role(role), uuid.UUID(contact)) for role, contact in
                  (entry.split(" ") for entry in row["roles"]))
    return Organisation(row["id"], row["tenant"], row["name"], Kind(row["kind"]), row["area"], row["created_at"],
                        row["created_by"], roles, row["last_confirmed_at"])
