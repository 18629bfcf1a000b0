"""Template versions and office layouts in PostgreSQL, always looked up within a tenant."""

from __future__ import annotations

import json

import asyncpg

from peel.notifications.contacts.domain.consents import Category
from peel.notifications.templates.domain.layouts import Layout
from peel.notifications.templates.domain.template_parts import Bilingual, Kind, Placeholder, Template, TemplateKind

COLUMNS = ("key, version, kind, category, subject_en, subject_cy, body_en, body_cy, placeholders, created_at, "
           "created_by")
ADD = f"""
INSERT INTO template_versions (tenant, {COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12)
ON CONFLICT DO NOTHING
"""
LATEST = f"SELECT {COLUMNS} FROM template_versions WHERE tenant = $1 AND key = $2 ORDER BY version DESC LIMIT 1"
ONE = f"SELECT {COLUMNS} FROM template_versions WHERE tenant = $1 AND key = $2 AND version = $3"
LATEST_ALL = f"""
SELECT DISTINCT ON (key) {COLUMNS} FROM template_versions
WHERE tenant = $1 AND ($2::text IS NULL OR kind = $2) ORDER BY key, version DESC
"""
SET_LAYOUT = """
INSERT INTO template_layouts (tenant, layout, changed_at, changed_by) VALUES ($1, $2, now(), $3)
ON CONFLICT (tenant) DO UPDATE SET layout = excluded.layout, changed_at = excluded.changed_at,
                                   changed_by = excluded.changed_by
"""


class PostgresTemplateVersions:
    def __init__(self, connection: asyncpg.Connection | asyncpg.Pool) -> None:
        self._connection = connection

    async def add(self, tenant: str, template: Template) -> bool:
        return await self._connection.execute(ADD, tenant, *_values(template)) == "INSERT 0 1"

    async def get(self, tenant: str, key: str, version: int | None = None) -> Template | None:
        if version is None:
            row = await self._connection.fetchrow(LATEST, tenant, key)
        else:
            row = await self._connection.fetchrow(ONE, tenant, key, version)
        return _template(row) if row else None

    async def latest_all(self, tenant: str, kind: TemplateKind | None = None) -> list[Template]:
        rows = await self._connection.fetch(LATEST_ALL, tenant, kind.value if kind else None)
        return [_template(row) for row in rows]


class PostgresLayouts:
    def __init__(self, connection: asyncpg.Connection | asyncpg.Pool) -> None:
        self._connection = connection

    async def get(self, tenant: str) -> Layout | None:
        found = await self._connection.fetchval("SELECT layout FROM template_layouts WHERE tenant = $1", tenant)
        return Layout(found) if found else None

    async def set(self, tenant: str, layout: Layout, staff: str) -> None:
        await self._connection.execute(SET_LAYOUT, tenant, layout.value, staff)


def _values(template: Template) -> tuple:
    placeholders = [{"name": p.name, "kind": p.kind.value, "sensitive": p.sensitive, "sanitise": p.sanitise,
                     "required": p.required} for p in template.placeholders]
    return (template.key, template.version, template.kind.value, template.category.value, template.subject.en,
            template.subject.cy, template.body.en, template.body.cy, json.dumps(placeholders), template.created_at,
            template.created_by)


def _template(row: asyncpg.Record) -> Template:
    placeholders = tuple(Placeholder(p["name"], Kind(p["kind"]), p["sensitive"], p["sanitise"], p["required"])
                         for p in json.loads(row["placeholders"]))
    return Template(row["key"], Bilingual(row["subject_en"], row["subject_cy"]),
                    Bilingual(row["body_en"], row["body_cy"]), placeholders, TemplateKind(row["kind"]),
                    Category(row["category"]), row["version"], row["created_at"], row["created_by"])
