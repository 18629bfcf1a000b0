"""The assemblies read model's store: what its projection writes (rows are tuples in each statement's
column order, at most one per key), and what its reports read."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from peel.reporting.domain.assembly_composition import (
    AssemblyFacts,
    Counts,
    Quota,
    Replies,
    ReplyCounts,
    SelectionRun,
)
from peel.reporting.domain.recommendations import AssemblyMeetingFacts, RecommendationFacts
from peel.reporting.read_models._population import Population, population
from peel.reporting.read_models._store import Store
from peel.reporting.read_models.assemblies import sql


class AssemblyStore(Store):
    async def save_assembly(self, row: tuple) -> None:
        await self._execute(sql.ASSEMBLIES, *row)

    async def registrants_joined(self, rows: Sequence[tuple]) -> None:
        await self._rows(sql.REGISTRANTS_JOINED, rows)

    async def registrants_withdrew(self, rows: Sequence[tuple]) -> None:
        await self._rows(sql.REGISTRANTS_WITHDREW, rows)

    async def panel_changed(self, column: str, rows: Sequence[tuple]) -> None:
        """Members ``added_at`` or ``dropped_at`` a time: (assembly id, registrant id, tenant, time)."""
        if column not in sql.PANEL_COLUMNS:
            raise ValueError(f"not a panel column: {column!r}")
        await self._rows(sql.PANEL_CHANGES, rows, column=column)

    async def add_runs(self, rows: Sequence[tuple]) -> None:
        await self._rows(sql.ADD_RUNS, rows)

    async def set_replies(self, rows: Sequence[tuple]) -> None:
        """(assembly id, registrant id, tenant, replied at, reply)."""
        await self._rows(sql.SET_REPLIES, rows)

    async def recommendations_made(self, rows: Sequence[tuple]) -> None:
        await self._rows(sql.RECOMMENDATIONS_MADE, rows)

    async def responses(self, rows: Sequence[tuple]) -> None:
        await self._rows(sql.RESPONSES, rows)

    async def progress(self, rows: Sequence[tuple]) -> None:
        await self._rows(sql.PROGRESS, rows)

    async def add_assembly_meetings(self, rows: Sequence[tuple]) -> None:
        await self._rows(sql.ADD_ASSEMBLY_MEETINGS, rows)

    async def assembly(self, tenant: str, assembly_id: uuid.UUID) -> AssemblyFacts | None:
        row = await self._fetchrow(sql.ASSEMBLY, assembly_id, tenant)
        if row is None:
            return None
        return AssemblyFacts(**{**dict(row), "areas": tuple(row["areas"]),
                                "quotas": tuple(Quota(**quota) for quota in row["quotas"])})

    async def _counts(self, query: str, tenant: str, assembly_id: uuid.UUID) -> Counts:
        rows = await self._fetch(query, assembly_id, tenant)
        return {(row["feature"], row["value"]): row["people"] for row in rows}

    async def pool(self, tenant: str, assembly_id: uuid.UUID) -> tuple[int, Counts]:
        """The pool's people, and per (feature, value)."""
        size = await self._fetchval(sql.POOL, assembly_id, tenant)
        return size, await self._counts(sql.POOL_COUNTS, tenant, assembly_id)

    async def panel(self, tenant: str, assembly_id: uuid.UUID) -> tuple[int, Counts]:
        """The panel's members now, and per (feature, value)."""
        size = await self._fetchval(sql.PANEL, assembly_id, tenant)
        return size, await self._counts(sql.PANEL_COUNTS, tenant, assembly_id)

    async def runs(self, tenant: str, assembly_id: uuid.UUID) -> list[SelectionRun]:
        rows = await self._fetch(sql.RUNS, assembly_id, tenant)
        return [SelectionRun(**{**dict(row), "seed": int(row["seed"])}) for row in rows]

    async def replies(self, tenant: str, assembly_id: uuid.UUID, panel: int) -> tuple[Replies, ReplyCounts]:
        """The members' replies, given the panel's size now, and those of the panel per (reply, feature, value)."""
        rows = await self._fetch(sql.REPLIES, assembly_id, tenant)
        counts = await self._fetch(sql.REPLY_COUNTS, assembly_id, tenant)
        return (Replies.of(panel, {(row["reply"], row["on_panel"]): row["people"] for row in rows}),
                {(row["reply"], row["feature"], row["value"]): row["people"] for row in counts})

    async def population(self, tenant: str) -> Population:
        return await population(self._connection, tenant)

    async def recommendations(self, tenant: str, assembly_id: uuid.UUID) -> list[RecommendationFacts]:
        rows = await self._fetch(sql.RECOMMENDATIONS, assembly_id, tenant)
        return [RecommendationFacts(**dict(row)) for row in rows]

    async def assembly_meetings(self, tenant: str, assembly_id: uuid.UUID) -> list[AssemblyMeetingFacts]:
        rows = await self._fetch(sql.ASSEMBLY_MEETINGS, assembly_id, tenant)
        return [AssemblyMeetingFacts(**dict(row)) for row in rows]
