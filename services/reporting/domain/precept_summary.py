"""What a Panel report needs from a precept consultation: each option, what it means for Band D,
how many respondents chose it (also weighted to the population, when figures exist) and by area.

Shares are of the respondents who answered the precept question. An option's Band D figures
are those residents were shown; a consultation published without them has none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from peel.common.contracts.consultation import PreceptOptionSpec, PreceptProposalSpec, QuestionSpec
from peel.reporting.domain.consultation_results import Consultation, QuestionResult, Tally, by_question, question_result
from peel.reporting.domain.documented import DOCUMENTED
from peel.reporting.domain.summaries import Count, Text
from peel.reporting.domain.weighted_results import WeightedOption, WeightedResults

PRECEPT_QUESTION = "precept_option"  # the question's key when the consultation named none


@dataclass(frozen=True, slots=True)
class PreceptOptionFigures:
    __pydantic_config__ = DOCUMENTED
    key: str
    text: Text
    band_d_change: float | None
    """pounds a year on Band D"""
    percent_increase: float | None
    """the Band D change as a percentage of the current Band D"""
    new_band_d: float | None
    triggers_referendum: bool | None
    band_d_yearly: float | None
    """the Band D change a year, to the penny"""
    band_d_weekly: float | None
    """the Band D change a week, to the penny"""
    count: Count
    """respondents who chose it"""
    share: float
    """count / respondents who answered the precept question"""
    weighted_share: float | None = None
    """the share weighted to the population; none without figures"""
    weighted_margin_of_error: float | None = None
    """half-width of the 95% confidence interval"""


@dataclass(frozen=True, slots=True)
class Weighting:
    raked_on: tuple[str, ...]
    weighted_respondents: Count
    left_out: Count
    effective_sample_size: float
    converged: bool


@dataclass(frozen=True, slots=True)
class AreaChoice:
    key: str
    count: Count
    share: float


@dataclass(frozen=True, slots=True)
class AreaChoices:
    __pydantic_config__ = DOCUMENTED
    key: str
    """the area or band; 'unknown' area, 'not_given' band"""
    suppressed: bool
    responses: Count | None
    """none when suppressed"""
    answered: Count | None
    options: tuple[AreaChoice, ...]


@dataclass(frozen=True, slots=True)
class PreceptSummary:
    __pydantic_config__ = DOCUMENTED
    question: str
    band_d_current: float | None
    referendum_limit_pounds: float | None
    referendum_limit_percent: float | None
    answered: Count
    options: tuple[PreceptOptionFigures, ...]
    weighting: Weighting | None
    """none until population figures are uploaded"""
    by_area: tuple[AreaChoices, ...]


def precept_question(consultation: Consultation) -> QuestionSpec | None:
    return consultation.question(consultation.precept.question if consultation.precept else PRECEPT_QUESTION)


def precept_summary(consultation: Consultation, tally: Tally, weighted: WeightedResults | None,
                    areas: Sequence[tuple[str, float | None]], area_tallies: dict[str, Tally]) -> PreceptSummary:
    """``tally``: every respondent's answers; ``areas``: each area with its responses (None when
    suppressed); ``area_tallies``: per area, its respondents' answers."""
    question, spec = precept_question(consultation), consultation.precept
    assert question is not None
    result = _result(question, tally)
    chosen = _weighted_options(weighted, question.key)
    return PreceptSummary(
        question=question.key, band_d_current=spec.band_d_current if spec else None,
        referendum_limit_pounds=spec.referendum_limit_pounds if spec else None,
        referendum_limit_percent=spec.referendum_limit_percent if spec else None, answered=result.answered,
        options=tuple(option_figures(o.key, o.text, o.count, o.share, _spec_of(spec, o.key), chosen.get(o.key))
                      for o in result.options),
        weighting=weighting(weighted) if weighted else None,
        by_area=tuple(_area(question, key, size, area_tallies.get(key, {})) for key, size in areas),
    )


def option_figures(key: str, text: Text, count: float, share: float, spec: PreceptOptionSpec | None,
                   weighted: WeightedOption | None) -> PreceptOptionFigures:
    band_d = next((band for band in spec.bands if band.band == "D"), None) if spec else None
    return PreceptOptionFigures(
        key=key, text=text, band_d_change=spec.band_d_change if spec else None,
        percent_increase=spec.percent_increase if spec else None, new_band_d=spec.new_band_d if spec else None,
        triggers_referendum=spec.triggers_referendum if spec else None,
        band_d_yearly=band_d.yearly if band_d else None, band_d_weekly=band_d.weekly if band_d else None,
        count=count, share=share, weighted_share=weighted.share if weighted else None,
        weighted_margin_of_error=weighted.margin_of_error if weighted else None,
    )


def weighting(weighted: WeightedResults) -> Weighting:
    return Weighting(weighted.raked_on, weighted.weighted_respondents, weighted.left_out,
                     weighted.effective_sample_size, weighted.converged)


def _result(question: QuestionSpec, tally: Tally) -> QuestionResult:
    return question_result(question, by_question(tally).get(question.key, {}))


def _spec_of(spec: PreceptProposalSpec | None, key: str) -> PreceptOptionSpec | None:
    return next((option for option in spec.options if option.key == key), None) if spec else None


def _weighted_options(weighted: WeightedResults | None, question: str) -> dict[str, WeightedOption]:
    found = next((q for q in weighted.questions if q.key == question), None) if weighted else None
    return {option.key: option for option in found.options} if found else {}


def _area(question: QuestionSpec, key: str, size: float | None, tally: Tally) -> AreaChoices:
    if size is None:
        return AreaChoices(key, True, None, None, ())
    result = _result(question, tally)
    return AreaChoices(key, False, size, result.answered,
                       tuple(AreaChoice(o.key, o.count, o.share) for o in result.options))
