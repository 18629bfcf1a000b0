"""Each question type's summary, from how many respondents gave each value.

- rating: mean, median and how many chose each point of the scale;
- number: mean, median, range and counts in round buckets;
- ranking: per option, how many ranked it, its mean rank and its Borda score (with n options,
  rank r earns n - r points; an option left unranked earns none);
- budget allocation: per line, mean, median and quartiles of the % change, and the same in
  pounds of the line's current spend; the precept change chosen: mean, median, counts;
- free text: how many may be published, how many are pending, approved or redacted, and the
  approved publishable words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import PlainSerializer

from peel.common.contracts.consultation import BudgetLineSpec, QuestionSpec
from peel.reporting.domain import statistics
from peel.reporting.domain.documented import DOCUMENTED
from peel.reporting.domain.statistics import Distribution

Text = Mapping[str, str]
Count = int | float  # people: counted, or weighted
Whole = Annotated[float, PlainSerializer(int, return_type=int, when_used="json")]  # a whole number held as a float
ValueCounts = Mapping[float | None, float]  # value (None: none given) -> how many


def text_of(model) -> Text:  # noqa: ANN001 - any LocalisedText
    return model.model_dump(exclude_none=True)


def given(counts: ValueCounts) -> Distribution:
    """The distribution of the values given, leaving out answers without one."""
    return {value: count for value, count in counts.items() if value is not None and count}


def rounded(value: float | None, places: int = 4) -> float | None:
    return None if value is None else round(value, places) + 0.0


@dataclass(frozen=True, slots=True)
class Point:
    value: float
    label: Text | None
    count: Count | None
    share: float | None


@dataclass(frozen=True, slots=True)
class RatingSummary:
    mean: float | None
    median: float | None
    distribution: tuple[Point, ...]
    kind: Literal["rating"] = "rating"


def share(count: float, of: float) -> float:
    return round(count / of, 4) if of else 0.0


def rating_summary(question: QuestionSpec, counts: ValueCounts) -> RatingSummary:
    values = given(counts)
    scale = question.scale
    points = range(scale.minimum, scale.maximum + 1) if scale else ()
    labels = scale.labels if scale else {}
    every = sorted({*map(float, points), *values})
    answered = statistics.total(values)
    return RatingSummary(
        mean=rounded(statistics.mean(values)), median=rounded(statistics.median(values)),
        distribution=tuple(
            Point(value, _label(labels, value), values.get(value, 0), share(values.get(value, 0), answered))
            for value in every
        ),
    )


def _label(labels: Mapping, value: float) -> Text | None:
    label = labels.get(str(int(value))) if float(value).is_integer() else None
    return text_of(label) if label else None


@dataclass(frozen=True, slots=True)
class Bucket:
    __pydantic_config__ = DOCUMENTED
    low: float
    """included"""
    high: float
    """excluded, except in the last bucket"""
    count: Whole | None


@dataclass(frozen=True, slots=True)
class NumberSummary:
    mean: float | None
    median: float | None
    minimum: float | None
    maximum: float | None
    unit: str | None
    distribution: tuple[Bucket, ...]
    kind: Literal["number"] = "number"


def number_summary(question: QuestionSpec, counts: ValueCounts) -> NumberSummary:
    values = given(counts)
    declared = question.range
    found = statistics.buckets(values, *((declared.minimum, declared.maximum) if declared else (None, None)))
    return NumberSummary(
        mean=rounded(statistics.mean(values)), median=rounded(statistics.median(values)),
        minimum=min(values, default=None), maximum=max(values, default=None),
        unit=declared.unit if declared else None,
        distribution=tuple(Bucket(b.low, b.high, b.count) for b in found),
    )


@dataclass(frozen=True, slots=True)
class RankedOption:
    __pydantic_config__ = DOCUMENTED
    key: str
    text: Text
    ranked: Count | None
    """respondents who ranked it"""
    first_choices: Count | None
    mean_rank: float | None
    """1 is the most important"""
    borda: Whole | None
    """with n options, rank r earns n - r points; unranked earns none"""


@dataclass(frozen=True, slots=True)
class RankingSummary:
    options: tuple[RankedOption, ...]
    kind: Literal["ranking"] = "ranking"


def ranking_summary(question: QuestionSpec, ranks: Mapping[str, ValueCounts]) -> RankingSummary:
    """``ranks``: per option, how many put it at each rank."""
    size = len(question.options)
    options = []
    for option in question.options:
        placed = given(ranks.get(option.key, {}))
        options.append(RankedOption(
            key=option.key, text=text_of(option.text), ranked=statistics.total(placed),
            first_choices=placed.get(1.0, 0), mean_rank=rounded(statistics.mean(placed)),
            borda=borda(placed, size),
        ))
    return RankingSummary(tuple(options))


def borda(ranks: Distribution, options: int) -> float:
    """Points for one option: rank r among ``options`` earns options - r, from everyone who ranked it there."""
    return sum((options - rank) * count for rank, count in ranks.items())


@dataclass(frozen=True, slots=True)
class Spread:
    mean: float | None
    median: float | None
    lower_quartile: float | None
    upper_quartile: float | None
    interquartile_range: float | None


def spread(values: Distribution, scale: float = 1.0, places: int = 4) -> Spread:
    centre, found = statistics.mean(values), statistics.quartiles(values)
    if centre is None or found is None:
        return Spread(None, None, None, None, None)
    return Spread(*(rounded(x * scale, places) for x in (centre, found.median, found.lower, found.upper, found.spread)))


@dataclass(frozen=True, slots=True)
class BudgetLine:
    __pydantic_config__ = DOCUMENTED
    key: str
    text: Text
    current_spend: float
    answered: Count | None
    change_percent: Spread
    change_amount: Spread
    """the % change in pounds of the current spend"""


@dataclass(frozen=True, slots=True)
class ValueCount:
    value: float
    count: Count | None


@dataclass(frozen=True, slots=True)
class PreceptChoice:
    answered: Count | None
    mean: float | None
    median: float | None
    distribution: tuple[ValueCount, ...]


@dataclass(frozen=True, slots=True)
class BudgetSummary:
    lines: tuple[BudgetLine, ...]
    precept: PreceptChoice | None
    kind: Literal["budget_allocation"] = "budget_allocation"


def budget_summary(question: QuestionSpec, lines: Mapping[str, ValueCounts], precept: ValueCounts) -> BudgetSummary:
    """``lines``: per line, how many chose each % change; ``precept``: how many chose each change."""
    specs = question.budget.lines if question.budget else ()
    return BudgetSummary(
        lines=tuple(budget_line(spec, given(lines.get(spec.key, {}))) for spec in specs),
        precept=precept_choice(given(precept)) if question.budget and question.budget.precept else None,
    )


def budget_line(spec: BudgetLineSpec, changes: Distribution) -> BudgetLine:
    return BudgetLine(
        key=spec.key, text=text_of(spec.text), current_spend=spec.current_spend,
        answered=statistics.total(changes), change_percent=spread(changes),
        change_amount=spread(changes, scale=spec.current_spend / 100, places=2),
    )


def precept_choice(changes: Distribution) -> PreceptChoice:
    return PreceptChoice(
        answered=statistics.total(changes), mean=rounded(statistics.mean(changes)),
        median=rounded(statistics.median(changes)),
        distribution=tuple(ValueCount(value, changes[value]) for value in sorted(changes)),
    )


@dataclass(frozen=True, slots=True)
class TextAnswers:
    """What the read model holds about one free-text question's answers."""

    publishable: int = 0
    pending: int = 0
    approved: int = 0
    redacted: int = 0
    approved_text: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Moderation:
    pending: int | None
    approved: int | None
    redacted: int | None


@dataclass(frozen=True, slots=True)
class FreeTextSummary:
    __pydantic_config__ = DOCUMENTED
    publishable: int | None
    """answers whose respondents agreed to their publication"""
    moderation: Moderation
    approved: tuple[str, ...]
    """the approved publishable answers, oldest first"""
    kind: Literal["free_text"] = "free_text"


def free_text_summary(answers: TextAnswers) -> FreeTextSummary:
    return FreeTextSummary(
        publishable=answers.publishable,
        moderation=Moderation(answers.pending, answers.approved, answers.redacted),
        approved=answers.approved_text,
    )


Summary = RatingSummary | NumberSummary | RankingSummary | BudgetSummary | FreeTextSummary
