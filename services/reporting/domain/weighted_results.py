"""Choice and rating results weighted to the population by raking, with their margins of error.

Respondents are weighted when their area has population figures and they gave a band that
the figures know in every dimension raked on; the others are left out and counted. Their
weights are trimmed to a cap and floor times the mean weight (``weighting.rake_and_trim``).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from peel.reporting.domain.answers import ANSWERED
from peel.reporting.domain.breakdown import BROKEN_DOWN
from peel.reporting.domain.consultation_results import Consultation, Tally, by_question, question_result
from peel.reporting.domain.documented import DOCUMENTED
from peel.reporting.domain.summaries import Count, RatingSummary, Text
from peel.reporting.domain.weighting import (
    Cell,
    TrimmedRaking,
    Trimming,
    effective_sample_size,
    margin_of_error,
    population_margins,
    rake_and_trim,
)

Population = Mapping[tuple[str, str, str], float]  # (area, dimension, band) -> people
DEFAULT_TRIMMING = Trimming()


@dataclass(frozen=True, slots=True)
class WeightedOption:
    __pydantic_config__ = DOCUMENTED
    key: str
    text: Text
    count: float
    """weighted respondents"""
    share: float
    margin_of_error: float | None
    """half-width of the 95% confidence interval of the share"""


@dataclass(frozen=True, slots=True)
class WeightedQuestion:
    key: str
    type: str
    text: Text
    answered: float
    effective_sample_size: float
    options: tuple[WeightedOption, ...]
    summary: RatingSummary | None


@dataclass(frozen=True, slots=True)
class TrimmingReport:
    __pydantic_config__ = DOCUMENTED
    cap: float
    """the largest weight allowed, as a multiple of the mean weight"""
    floor: float
    """the smallest weight allowed, as a multiple of the mean weight"""
    applied: bool
    """some weight was beyond the cap or floor, so trimming and raking alternated"""
    weights_trimmed: Count
    """respondents whose weight was capped or raised to the floor"""
    largest_weight: float
    margins_met: bool
    """the trimmed weights still meet every population target"""

    @classmethod
    def of(cls, trimming: Trimming, raking: TrimmedRaking) -> TrimmingReport:
        return cls(cap=trimming.cap, floor=trimming.floor, applied=raking.trimmed,
                   weights_trimmed=raking.trimmed_respondents, largest_weight=round(raking.largest_weight, 4),
                   margins_met=raking.margins_met)


@dataclass(frozen=True, slots=True)
class WeightedResults:
    __pydantic_config__ = DOCUMENTED
    consultation_id: uuid.UUID
    raked_on: tuple[str, ...]
    """the bands raked on, within each area"""
    respondents: Count
    weighted_respondents: Count
    left_out: Count
    """respondents without an area with figures or a band the figures know"""
    effective_sample_size: float
    """Kish: (sum of weights)^2 / sum of squared weights"""
    design_effect: float | None
    margin_of_error: float | None
    """95%, for a share of one half, on the effective sample size"""
    converged: bool
    iterations: int
    trimming: TrimmingReport
    without_respondents: tuple[str, ...]
    """'area dimension category' with people but no respondents"""
    questions: tuple[WeightedQuestion, ...]


def weighable(cell: Cell, population: Population, dimensions: Sequence[str]) -> bool:
    return all((cell[0], dimension, band) in population for dimension, band in zip(dimensions, cell[1:], strict=True))


def weigh(consultation: Consultation, dimensions: Sequence[str], population: Population,
          cells: Mapping[Cell, float], tallies: Mapping[Cell, Tally],
          trimming: Trimming = DEFAULT_TRIMMING) -> WeightedResults:
    """``cells``: respondents per cell; ``tallies``: per cell, the tally of its respondents' answers."""
    kept = {cell: count for cell, count in cells.items() if weighable(cell, population, dimensions)}
    respondents = sum(kept.values())
    areas = sorted({cell[0] for cell in kept})
    raking = rake_and_trim(kept, population_margins(population, dimensions, areas, respondents), trimming)
    effective = effective_sample_size(kept, raking.weights)
    return WeightedResults(
        consultation_id=consultation.consultation_id, raked_on=tuple(dimensions),
        respondents=sum(cells.values()), weighted_respondents=respondents,
        left_out=sum(cells.values()) - respondents, effective_sample_size=round(effective, 2),
        design_effect=round(respondents / effective, 4) if effective else None,
        margin_of_error=_rounded(margin_of_error(0.5, effective)), converged=raking.converged,
        iterations=raking.iterations, trimming=TrimmingReport.of(trimming, raking),
        without_respondents=_without_respondents(population, dimensions, areas, kept),
        questions=_questions(consultation, {cell: tallies.get(cell, {}) for cell in kept}, raking.weights),
    )


def weighted_tally(tallies: Mapping[Cell, Tally], weights: Mapping[Cell, float]) -> Tally:
    combined: dict[tuple[str, str], dict[float | None, float]] = defaultdict(lambda: defaultdict(float))
    for cell, tally in tallies.items():
        for key, counts in tally.items():
            for value, count in counts.items():
                combined[key][value] += count * weights[cell]
    return combined


def _questions(consultation: Consultation, tallies: Mapping[Cell, Tally],
               weights: Mapping[Cell, float]) -> tuple[WeightedQuestion, ...]:
    grouped = by_question(weighted_tally(tallies, weights))
    return tuple(
        _question(question_result(q, grouped.get(q.key, {})), _answering(tallies, q.key), weights)
        for q in consultation.questions if q.type in BROKEN_DOWN
    )


def _answering(tallies: Mapping[Cell, Tally], question: str) -> dict[Cell, float]:
    """Respondents per cell who answered ``question``."""
    return {cell: sum(tally.get((question, ANSWERED), {}).values()) for cell, tally in tallies.items()}


def _question(result, answering: Mapping[Cell, float], weights: Mapping[Cell, float]) -> WeightedQuestion:  # noqa: ANN001
    effective = effective_sample_size(answering, weights)
    return WeightedQuestion(
        key=result.key, type=result.type, text=result.text, answered=round(result.answered, 2),
        effective_sample_size=round(effective, 2),
        options=tuple(WeightedOption(o.key, o.text, round(o.count, 2), o.share,
                                     _rounded(margin_of_error(o.share, effective))) for o in result.options),
        summary=_rounded_counts(result.summary),
    )


def _rounded_counts(summary: RatingSummary | None) -> RatingSummary | None:
    if summary is None:
        return None
    return replace(summary, distribution=tuple(replace(p, count=round(p.count, 2)) for p in summary.distribution))


def _without_respondents(population: Population, dimensions: Sequence[str], areas: Sequence[str],
                         kept: Mapping[Cell, float]) -> tuple[str, ...]:
    met = {(cell[0], dimension, band) for cell in kept for dimension, band in zip(dimensions, cell[1:], strict=True)}
    return tuple(sorted(f"{area} {dimension} {band}" for (area, dimension, band), people in population.items()
                        if people and area in areas and dimension in dimensions and (area, dimension, band) not in met))


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
