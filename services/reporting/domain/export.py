"""Results as one table, a row per figure, for spreadsheets: question, type, item, measure, value."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict

from peel.reporting.domain.breakdown import Breakdown
from peel.reporting.domain.consultation_results import ConsultationResults, QuestionResult
from peel.reporting.domain.summaries import (
    BudgetSummary,
    FreeTextSummary,
    NumberSummary,
    RankingSummary,
    RatingSummary,
    Spread,
)

RESULT_COLUMNS = ("question", "question_text", "type", "item", "measure", "value")
BREAKDOWN_COLUMNS = ("by", "group", "suppressed", "responses", *RESULT_COLUMNS)
Figure = tuple[str, str, object]  # item, measure, value


def results_table(results: ConsultationResults) -> Iterator[tuple]:
    yield ("", "", "", "", "responses", results.responses)
    if results.outcome:
        for language, text in results.outcome.text.items():
            yield ("", "", "", language, "outcome", text)
    if results.channel:
        yield ("", "", "", "", "channel", results.channel)
    for channel, responses in results.channels.items():
        yield ("", "", "", channel, "channel_responses", responses)
    for question in results.questions:
        yield from question_rows(question)


def question_rows(question: QuestionResult) -> Iterator[tuple]:
    start = (question.key, question.text.get("en", ""), question.type)
    for item, measure, value in figures(question):
        yield (*start, item, measure, value)


def figures(question: QuestionResult) -> Iterator[Figure]:
    yield "", "answered", question.answered
    if question.type != "ranking":
        for option in question.options:
            yield option.key, "count", option.count
            yield option.key, "share", option.share
    match question.summary:
        case RatingSummary() as rating:
            yield from _rating(rating)
        case NumberSummary() as number:
            yield from _number(number)
        case RankingSummary() as ranking:
            yield from _ranking(ranking)
        case BudgetSummary() as budget:
            yield from _budget(budget)
        case FreeTextSummary() as texts:
            yield from _free_text(texts)


def _rating(rating: RatingSummary) -> Iterator[Figure]:
    yield "", "mean", rating.mean
    yield "", "median", rating.median
    for point in rating.distribution:
        yield number_text(point.value), "count", point.count
        yield number_text(point.value), "share", point.share


def _number(number: NumberSummary) -> Iterator[Figure]:
    for measure in ("mean", "median", "minimum", "maximum"):
        yield "", measure, getattr(number, measure)
    for bucket in number.distribution:
        yield f"{number_text(bucket.low)} to {number_text(bucket.high)}", "count", bucket.count


def _ranking(ranking: RankingSummary) -> Iterator[Figure]:
    for option in ranking.options:
        for measure in ("ranked", "first_choices", "mean_rank", "borda"):
            yield option.key, measure, getattr(option, measure)


def _budget(budget: BudgetSummary) -> Iterator[Figure]:
    for line in budget.lines:
        yield line.key, "answered", line.answered
        yield from _spread(line.key, "change_percent", line.change_percent)
        yield from _spread(line.key, "change_amount", line.change_amount)
    if budget.precept:
        yield "precept", "answered", budget.precept.answered
        yield "precept", "mean", budget.precept.mean
        yield "precept", "median", budget.precept.median
        for choice in budget.precept.distribution:
            yield f"precept {number_text(choice.value)}", "count", choice.count


def _spread(item: str, prefix: str, spread: Spread) -> Iterator[Figure]:
    for measure, value in asdict(spread).items():
        yield item, f"{prefix}_{measure}", value


def _free_text(texts: FreeTextSummary) -> Iterator[Figure]:
    yield "", "publishable", texts.publishable
    for state, count in asdict(texts.moderation).items():
        yield "", state, count
    for text in texts.approved:
        yield "", "approved_text", text


def breakdown_table(breakdown: Breakdown) -> Iterator[tuple]:
    for group in breakdown.groups:
        start = (breakdown.by.value, group.key, group.suppressed, group.responses)
        if group.suppressed:
            yield (*start, "", "", "", "", "", "")
        for question in group.questions:
            for row in question_rows(question):
                yield (*start, *row)


def number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
