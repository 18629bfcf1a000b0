"""Surgery sessions with their bookings counted, and assemblies' pools, panels and selection runs."""

from __future__ import annotations

import uuid
from datetime import date

from peel.reporting.adapters.weighting import WeightingReader
from peel.reporting.domain.assembly_composition import (
    AssemblyFacts,
    Counts,
    Quota,
    Replies,
    ReplyCounts,
    SelectionRun,
)
from peel.reporting.domain.surgeries import SessionFacts

KEPT = "b.confirmed_at IS NOT NULL AND b.cancelled_at IS NULL"
SESSIONS = f"""
SELECT s.session_id, s.policing_area AS area, s.starts_at, s.ends_at, s.slot_count,
       s.cancelled_at IS NOT NULL AS cancelled,
       count(*) FILTER (WHERE {KEPT}) AS booked,
       count(*) FILTER (WHERE {KEPT} AND b.outcome = 'attended') AS attended,
       count(*) FILTER (WHERE {KEPT} AND b.outcome = 'no_show') AS no_shows
FROM {{schema}}.surgery_sessions s
LEFT JOIN {{schema}}.surgery_bookings b ON b.session_id = s.session_id AND b.tenant = s.tenant
WHERE s.tenant = $1 AND s.starts_at IS NOT NULL
  AND ($2::date IS NULL OR (s.starts_at AT TIME ZONE 'Europe/London')::date >= $2)
  AND ($3::date IS NULL OR (s.starts_at AT TIME ZONE 'Europe/London')::date <= $3)
GROUP BY s.session_id
ORDER BY s.starts_at, s.session_id
"""
ASSEMBLY = """
SELECT assembly_id, title, areas, panel_size, quotas, registration_closes_at
FROM {schema}.assemblies WHERE assembly_id = $1 AND tenant = $2
"""
IN_POOL = "r.assembly_id = $1 AND r.tenant = $2 AND r.joined_at IS NOT NULL AND r.withdrew_at IS NULL"
NOW_ON_PANEL = "p.added_at IS NOT NULL AND (p.dropped_at IS NULL OR p.dropped_at < p.added_at)"
ON_PANEL = f"p.assembly_id = $1 AND p.tenant = $2 AND {NOW_ON_PANEL}"
POOL = f"SELECT count(*) FROM {{schema}}.assembly_registrants r WHERE {IN_POOL}"
POOL_COUNTS = f"""
SELECT f.key AS feature, f.value, count(*) AS people
FROM {{schema}}.assembly_registrants r, jsonb_each_text(r.features) f WHERE {IN_POOL} GROUP BY 1, 2
"""
PANEL = f"SELECT count(*) FROM {{schema}}.assembly_panel p WHERE {ON_PANEL}"
PANEL_COUNTS = f"""
SELECT f.key AS feature, f.value, count(*) AS people
FROM {{schema}}.assembly_panel p
JOIN {{schema}}.assembly_registrants r ON r.registrant_id = p.registrant_id AND r.tenant = p.tenant,
     jsonb_each_text(r.features) f
WHERE {ON_PANEL} GROUP BY 1, 2
"""
REPLIES = f"""
SELECT p.reply, {NOW_ON_PANEL} AS on_panel, count(*) AS people
FROM {{schema}}.assembly_panel p
WHERE p.assembly_id = $1 AND p.tenant = $2 AND p.added_at IS NOT NULL AND p.reply IS NOT NULL GROUP BY 1, 2
"""
REPLY_COUNTS = f"""
SELECT p.reply, f.key AS feature, f.value, count(*) AS people
FROM {{schema}}.assembly_panel p
JOIN {{schema}}.assembly_registrants r ON r.registrant_id = p.registrant_id AND r.tenant = p.tenant,
     jsonb_each_text(r.features) f
WHERE {ON_PANEL} AND p.reply IS NOT NULL GROUP BY 1, 2, 3
"""
RUNS = """
SELECT run_id, kind, ran_at, algorithm, seed, pool_size, min_probability, max_probability, gini, selected, dropouts,
       replacements
FROM {schema}.assembly_selection_runs WHERE assembly_id = $1 AND tenant = $2
"""


class SchedulingReader(WeightingReader):
    async def sessions(self, tenant: str, starts_on: date | None, ends_on: date | None) -> list[SessionFacts]:
        """The tenant's sessions starting between the days given (in England and Wales), bookings counted."""
        rows = await self._connection.fetch(self._sql(SESSIONS), tenant, starts_on, ends_on)
        return [SessionFacts(**dict(row)) for row in rows]

    async def assembly(self, tenant: str, assembly_id: uuid.UUID) -> AssemblyFacts | None:
        row = await self._connection.fetchrow(self._sql(ASSEMBLY), assembly_id, tenant)
        if row is None:
            return None
        return AssemblyFacts(**{**dict(row), "areas": tuple(row["areas"]),
                                "quotas": tuple(Quota(**quota) for quota in row["quotas"])})

    async def _counts(self, sql: str, tenant: str, assembly_id: uuid.UUID) -> Counts:
        rows = await self._connection.fetch(self._sql(sql), assembly_id, tenant)
        return {(row["feature"], row["value"]): row["people"] for row in rows}

    async def pool(self, tenant: str, assembly_id: uuid.UUID) -> tuple[int, Counts]:
        """The pool's people, and per (feature, value)."""
        size = await self._connection.fetchval(self._sql(POOL), assembly_id, tenant)
        return size, await self._counts(POOL_COUNTS, tenant, assembly_id)

    async def panel(self, tenant: str, assembly_id: uuid.UUID) -> tuple[int, Counts]:
        """The panel's members now, and per (feature, value)."""
        size = await self._connection.fetchval(self._sql(PANEL), assembly_id, tenant)
        return size, await self._counts(PANEL_COUNTS, tenant, assembly_id)

    async def runs(self, tenant: str, assembly_id: uuid.UUID) -> list[SelectionRun]:
        rows = await self._connection.fetch(self._sql(RUNS), assembly_id, tenant)
        return [SelectionRun(**{**dict(row), "seed": int(row["seed"])}) for row in rows]

    async def replies(self, tenant: str, assembly_id: uuid.UUID, panel: int) -> tuple[Replies, ReplyCounts]:
        """The members' replies, given the panel's size now, and those of the panel per (reply, feature, value)."""
        rows = await self._connection.fetch(self._sql(REPLIES), assembly_id, tenant)
        counts = await self._connection.fetch(self._sql(REPLY_COUNTS), assembly_id, tenant)
        return (Replies.of(panel, {(row["reply"], row["on_panel"]): row["people"] for row in rows}),
                {(row["reply"], row["feature"], row["value"]): row["people"] for row in counts})
