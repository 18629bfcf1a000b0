"""Population figures, and respondents counted per weighting cell (area and bands)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence

import asyncpg

from peel.reporting.adapters.reader import ResultsReader, tally_from
from peel.reporting.domain.consultation_results import Tally
from peel.reporting.domain.populations import DIMENSIONS, PopulationFigure
from peel.reporting.domain.weighting import Cell

POPULATION = "SELECT area, dimension, category, people FROM population_figures WHERE tenant = $1"
CELLS = """
SELECT r.area, {bands}, count(*) AS respondents FROM {schema}.responses r
WHERE r.consultation_id = $1 AND r.tenant = $2 GROUP BY r.area, {bands}
"""
CELL_TALLY = """
SELECT r.area, {bands}, a.question_key, a.item, a.value, count(*) AS respondents
FROM {schema}.answers a JOIN {schema}.responses r USING (response_id)
WHERE r.consultation_id = $1 AND r.tenant = $2 AND a.question_key = ANY($3::text[])
GROUP BY r.area, {bands}, a.question_key, a.item, a.value
"""


async def replace_population(connection: asyncpg.Connection, tenant: str, figures: Sequence[PopulationFigure]) -> None:
    async with connection.transaction():
        await connection.execute("DELETE FROM population_figures WHERE tenant = $1", tenant)
        await connection.copy_records_to_table(
            "population_figures", columns=("tenant", "area", "dimension", "category", "people"),
            records=[(tenant, f.area, f.dimension, f.category, f.people) for f in figures])


class WeightingReader(ResultsReader):
    async def population(self, tenant: str) -> dict[tuple[str, str, str], int]:
        rows = await self._connection.fetch(POPULATION, tenant)
        return {(row["area"], row["dimension"], row["category"]): row["people"] for row in rows}

    def _bands(self, sql: str, bands: Sequence[str]) -> str:
        if not bands or not set(bands) <= set(DIMENSIONS):
            raise ValueError(f"not equality bands: {bands!r}")
        return self._sql(sql, bands=", ".join(f"r.{band}" for band in bands))

    async def cells(self, tenant: str, consultation_id: uuid.UUID, bands: Sequence[str]) -> dict[Cell, int]:
        rows = await self._connection.fetch(self._bands(CELLS, bands), consultation_id, tenant)
        return {tuple(row[: len(bands) + 1]): row["respondents"] for row in rows}

    async def cell_tallies(self, tenant: str, consultation_id: uuid.UUID, bands: Sequence[str],
                           questions: list[str]) -> dict[Cell, Tally]:
        rows = await self._connection.fetch(self._bands(CELL_TALLY, bands), consultation_id, tenant, questions)
        per_cell: dict[Cell, list[asyncpg.Record]] = defaultdict(list)
        for row in rows:
            per_cell[tuple(row[: len(bands) + 1])].append(row)
        return {cell: tally_from(found) for cell, found in per_cell.items()}
