"""Each office's mapping of identity provider groups to Peel roles, in the web service's PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Mapping

import asyncpg


class PostgresRoleMappings:
    """The office's saved mapping, else ``defaults`` (the configured identity providers' mappings, by office).

    Read at each sign-in (signing in is rare next to pages), so a mapping saved on one replica applies on all."""

    def __init__(self, pool: asyncpg.Pool, defaults: Mapping[str, Mapping[str, list[str]]] | None = None) -> None:
        self._pool = pool
        self._defaults = {tenant: dict(mapping) for tenant, mapping in (defaults or {}).items()}

    async def mapping(self, tenant: str) -> dict[str, list[str]]:
        saved = await self._pool.fetchval("SELECT mapping FROM web_staff_role_mappings WHERE tenant = $1", tenant)
        found = _decoded(saved) if saved is not None else self._defaults.get(tenant, {})
        return {str(group): [str(role) for role in roles] for group, roles in found.items()}

    async def set_mapping(self, tenant: str, mapping: Mapping[str, list[str]], *, by: str) -> None:
        await self._pool.execute(
            """INSERT INTO web_staff_role_mappings (tenant, mapping, updated_by) VALUES ($1, $2::jsonb, $3)
               ON CONFLICT (tenant) DO UPDATE SET mapping = EXCLUDED.mapping, updated_by = EXCLUDED.updated_by,
                                                  updated_at = now()""",
            tenant, {group: list(roles) for group, roles in mapping.items()}, by)


def _decoded(saved: object) -> Mapping[str, list[str]]:
    """The pool's codec gives jsonb decoded; a pool without it gives the text."""
    return saved if isinstance(saved, dict) else json.loads(str(saved))
