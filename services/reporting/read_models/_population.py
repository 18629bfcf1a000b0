"""The tenant's population figures (``population_figures``, outside the read models, so a rebuild
leaves them alone): uploaded by staff, weighed against by weighted results and assembly composition."""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg

from peel.reporting.domain.populations import PopulationFigure

POPULATION = "SELECT area, dimension, category, people FROM population_figures WHERE tenant = $1"
Population = dict[tuple[str, str, str], int]


async def population(connection: asyncpg.Connection, tenant: str) -> Population:
    """People per (area, dimension, category)."""
    rows = await connection.fetch(POPULATION, tenant)
    return {(row["area"], row["dimension"], row["category"]): row["people"] for row in rows}


async def replace_population(connection: asyncpg.Connection, tenant: str, figures: Sequence[PopulationFigure]) -> None:
    async with connection.transaction():
        await connection.execute("DELETE FROM population_figures WHERE tenant = $1", tenant)
        await connection.copy_records_to_table(
            "population_figures", columns=("tenant", "area", "dimension", "category", "people"),
            records=[(tenant, f.area, f.dimension, f.category, f.people) for f in figures])
