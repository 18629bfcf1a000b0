"""Population figures in, results weighted to them out."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import asyncpg

from peel.common.errors import Conflict
from peel.reporting.adapters.weighting import WeightingReader, replace_population
from peel.reporting.domain.breakdown import BROKEN_DOWN
from peel.reporting.domain.consultation_results import Consultation
from peel.reporting.domain.populations import DIMENSIONS, parse_population
from peel.reporting.domain.weighted_results import WeightedResults, weigh
from peel.reporting.domain.weighting import Trimming
from peel.reporting.service_layer.consultation_results import visible_consultation


@dataclass(frozen=True, slots=True)
class PopulationUploaded:
    figures: int
    areas: int
    dimensions: tuple[str, ...]


async def upload_population(connection: asyncpg.Connection, tenant: str, text: str) -> PopulationUploaded:
    """Replaces the tenant's population figures with the file's, or refuses the file with every mistake."""
    figures = parse_population(text)
    await replace_population(connection, tenant, figures)
    return PopulationUploaded(len(figures), len({f.area for f in figures}),
                              tuple(d for d in DIMENSIONS if any(f.dimension == d for f in figures)))


async def weighted_results(reader: WeightingReader, tenant: str, consultation_id: uuid.UUID,
                           rake_on: Sequence[str] = (), trimming: Trimming = Trimming()) -> WeightedResults:
    consultation = await visible_consultation(reader, tenant, consultation_id)
    population = await reader.population(tenant)
    return await _weigh(reader, tenant, consultation, population, _bands(population, rake_on), trimming)


async def weighted_if_figures(reader: WeightingReader, tenant: str,
                              consultation: Consultation) -> WeightedResults | None:
    """Results weighted on every band the tenant has figures for; none without figures."""
    population = await reader.population(tenant)
    return await _weigh(reader, tenant, consultation, population, _bands(population, ())) if population else None


async def _weigh(reader: WeightingReader, tenant: str, consultation: Consultation, population: dict,
                 bands: list[str], trimming: Trimming = Trimming()) -> WeightedResults:
    questions = [q.key for q in consultation.questions if q.type in BROKEN_DOWN]
    found = consultation.consultation_id
    return weigh(consultation, bands, population, await reader.cells(tenant, found, bands),
                 await reader.cell_tallies(tenant, found, bands, questions), trimming)


def _bands(population: dict, asked: Sequence[str]) -> list[str]:
    """The bands asked for (all the figures have, if none), refused when the figures lack one."""
    known = [d for d in DIMENSIONS if any(dimension == d for _, dimension, _ in population)]
    if not known:
        raise Conflict("no population figures for your office; upload them with PUT /v1/populations")
    missing = [band for band in asked if band not in known]
    if missing:
        raise Conflict(f"no population figures for {', '.join(missing)}; upload them with PUT /v1/populations")
    return [d for d in DIMENSIONS if d in asked] if asked else known
