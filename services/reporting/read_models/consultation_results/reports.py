"""A consultation's results, their breakdown, results weighted to the population, and the summary for the
Police and Crime Panel, for staff of its tenant; and the population figures they are weighted to."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import asyncpg

from peel.common.errors import Conflict, NotFound
from peel.reporting.domain.breakdown import BROKEN_DOWN, Breakdown, Dimension, breakdown, shown_groups
from peel.reporting.domain.consultation_results import Consultation, ConsultationResults, Tally, assemble
from peel.reporting.domain.panel_summary import PRECEPT, PanelSummary, check_summarised, panel_summary
from peel.reporting.domain.plan_summary import PlanSummary, plan_sections, plan_summary
from peel.reporting.domain.populations import DIMENSIONS, parse_population
from peel.reporting.domain.precept_summary import PreceptSummary, precept_question, precept_summary
from peel.reporting.domain.public_results import public_results
from peel.reporting.domain.summaries import TextAnswers
from peel.reporting.domain.weighted_results import WeightedResults, weigh
from peel.reporting.domain.weighting import Trimming
from peel.reporting.read_models._population import Population, replace_population
from peel.reporting.read_models.consultation_results.cache import ResultsCache
from peel.reporting.read_models.consultation_results.store import ConsultationStore

Areas = list[tuple[str, float | None]]
Counted = tuple[dict[str, int], Tally, dict[str, TextAnswers]]  # responses by channel, the tally, the free texts
DEFAULT_TRIMMING = Trimming()  # the cap and floor unless others are asked for


async def visible_consultation(store: ConsultationStore, tenant: str, consultation_id: uuid.UUID) -> Consultation:
    """The consultation, if it is the tenant's and published; refused while its results are embargoed."""
    consultation = await store.consultation(tenant, consultation_id)
    if consultation is None:
        raise NotFound(f"no results for consultation {consultation_id}")
    consultation.check_results_visible()
    return consultation


async def consultation_results(store: ConsultationStore, tenant: str, consultation_id: uuid.UUID,
                               channel: str | None = None, cache: ResultsCache | None = None) -> ConsultationResults:
    """Every channel's responses together, or ``channel``'s alone; either way with the count of each channel."""
    return await _results(store, await visible_consultation(store, tenant, consultation_id), channel, cache)


async def published_results(store: ConsultationStore, consultation_id: uuid.UUID,
                            cache: ResultsCache | None = None) -> ConsultationResults:
    """The public's view, whatever the tenant: not found until the results are published, nor while embargoed."""
    consultation = await store.any_consultation(consultation_id)
    if consultation is None or not consultation.results_public:
        raise NotFound(f"no published results for consultation {consultation_id}")
    return public_results(await _results(store, consultation, cache=cache))


async def _results(store: ConsultationStore, consultation: Consultation, channel: str | None = None,
                   cache: ResultsCache | None = None) -> ConsultationResults:
    """The counts are the costly part: kept in ``cache``, if given, for as long as the consultation is unchanged.
    The consultation itself is read afresh each time, so its text and dates are always its own."""
    channels, tally, texts = await _counted(store, consultation, channel, cache)
    responses = channels.get(channel, 0) if channel else sum(channels.values())
    return assemble(consultation, responses, tally, texts, channels, channel)


async def _counted(store: ConsultationStore, consultation: Consultation, channel: str | None,
                   cache: ResultsCache | None) -> Counted:
    tenant, found = consultation.tenant, consultation.consultation_id

    async def count() -> Counted:
        return (await store.channels(tenant, found), await store.tally(tenant, found, channel),
                await store.free_texts(tenant, found, channel))

    if cache is None:
        return await count()
    return await cache.get((tenant, found, channel, await store.changes(found)), count)


async def results_breakdown(store: ConsultationStore, tenant: str, consultation_id: uuid.UUID,
                            by: Dimension, channel: str | None = None) -> Breakdown:
    consultation = await visible_consultation(store, tenant, consultation_id)
    questions = [q.key for q in consultation.questions if q.type in BROKEN_DOWN]
    return breakdown(
        consultation, by, await store.group_sizes(tenant, consultation_id, by, channel),
        await store.group_tallies(tenant, consultation_id, by, questions, channel), channel,
    )


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


async def weighted_results(store: ConsultationStore, tenant: str, consultation_id: uuid.UUID,
                           rake_on: Sequence[str] = (), trimming: Trimming = DEFAULT_TRIMMING) -> WeightedResults:
    consultation = await visible_consultation(store, tenant, consultation_id)
    population = await store.population(tenant)
    return await _weigh(store, tenant, consultation, population, _bands(population, rake_on), trimming)


async def weighted_if_figures(store: ConsultationStore, tenant: str,
                              consultation: Consultation) -> WeightedResults | None:
    """Results weighted on every band the tenant has figures for; none without figures."""
    population = await store.population(tenant)
    return await _weigh(store, tenant, consultation, population, _bands(population, ())) if population else None


async def _weigh(store: ConsultationStore, tenant: str, consultation: Consultation, population: Population,
                 bands: list[str], trimming: Trimming = DEFAULT_TRIMMING) -> WeightedResults:
    questions = [q.key for q in consultation.questions if q.type in BROKEN_DOWN]
    found = consultation.consultation_id
    return weigh(consultation, bands, population, await store.cells(tenant, found, bands),
                 await store.cell_tallies(tenant, found, bands, questions), trimming)


def _bands(population: Population, asked: Sequence[str]) -> list[str]:
    """The bands asked for (all the figures have, if none), refused when the figures lack one."""
    known = [d for d in DIMENSIONS if any(dimension == d for _, dimension, _ in population)]
    if not known:
        raise Conflict("no population figures for your office; upload them with PUT /v1/populations")
    missing = [band for band in asked if band not in known]
    if missing:
        raise Conflict(f"no population figures for {', '.join(missing)}; upload them with PUT /v1/populations")
    return [d for d in DIMENSIONS if d in asked] if asked else known


async def consultation_panel_summary(store: ConsultationStore, tenant: str,
                                     consultation_id: uuid.UUID) -> PanelSummary:
    """Not found unless the tenant's; refused while embargoed, or for another kind of consultation."""
    consultation = await visible_consultation(store, tenant, consultation_id)
    check_summarised(consultation)
    responses = await store.responses(tenant, consultation_id)
    sizes = await store.group_sizes(tenant, consultation_id, Dimension.AREA)
    areas = shown_groups(Dimension.AREA, consultation, sizes)
    if consultation.kind == PRECEPT:
        return panel_summary(consultation, responses, precept=await _precept(store, tenant, consultation, areas))
    return panel_summary(consultation, responses, plan=await _plan(store, tenant, consultation, areas))


async def _precept(store: ConsultationStore, tenant: str, consultation: Consultation,
                   areas: Areas) -> PreceptSummary:
    found, question = consultation.consultation_id, precept_question(consultation)
    assert question is not None
    by_area = await store.group_tallies(tenant, found, Dimension.AREA, [question.key])
    return precept_summary(consultation, await store.tally(tenant, found),
                           await weighted_if_figures(store, tenant, consultation), areas, by_area)


async def _plan(store: ConsultationStore, tenant: str, consultation: Consultation, areas: Areas) -> PlanSummary:
    found, sections = consultation.consultation_id, plan_sections(consultation.questions)
    asked = [s.support.key for s in sections] + [s.comment for s in sections if s.comment]
    by_area = await store.group_tallies(tenant, found, Dimension.AREA, asked)
    return plan_summary(consultation, await store.tally(tenant, found), areas, by_area,
                        await store.approved_comments(tenant, found))
