"""Results side by side: weighted shares beside the unweighted ones with their margins of error, and a breakdown's
groups as the columns of one table per question (a suppressed group's column says so, never a figure)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from peel.web.domain.language import localised
from peel.web.domain.staff.charts import BarChart, bar_chart
from peel.web.domain.staff.consultation_results import figure, group_name, percent


@dataclass(frozen=True)
class WeightedRow:
    option: str
    unweighted: str
    weighted: str
    margin: str  # "± 3.1%", or "" when the service gives none


@dataclass(frozen=True)
class WeightedQuestion:
    """One question weighted: the chart of weighted shares with their margins, and the rows beside the unweighted."""

    key: str
    text: str
    chart: BarChart
    rows: tuple[WeightedRow, ...]
    effective_sample_size: float | None


def weighted_questions(results: Mapping[str, Any], weighted: Mapping[str, Any],
                       lang: str) -> tuple[WeightedQuestion, ...]:
    """Every question the service weighted, matched with its unweighted result by key."""
    unweighted = {question.get("key"): question for question in results.get("questions", [])}
    return tuple(weighted_question(question, unweighted.get(question.get("key"), {}), lang)
                 for question in weighted.get("questions", []))


def weighted_question(weighted: Mapping[str, Any], unweighted: Mapping[str, Any], lang: str) -> WeightedQuestion:
    text = localised(weighted.get("text"), lang).text
    raw = {option.get("key"): option for option in unweighted.get("options", [])}
    options = weighted.get("options", [])
    rows = tuple(_row(option, raw.get(option.get("key"), {}), lang) for option in options)
    chart = bar_chart(text, [(row.option, option.get("share"), row.weighted) for row, option in zip(rows, options,
                                                                                                   strict=True)],
                      top=1.0, margins=[_margin(option) for option in options])
    return WeightedQuestion(key=weighted.get("key", ""), text=text, chart=chart, rows=rows,
                            effective_sample_size=weighted.get("effective_sample_size"))


def _row(option: Mapping[str, Any], raw: Mapping[str, Any], lang: str) -> WeightedRow:
    margin = option.get("margin_of_error")
    return WeightedRow(option=localised(option.get("text"), lang).text, unweighted=percent(raw.get("share")),
                       weighted=percent(option.get("share")), margin=f"± {percent(margin)}" if margin else "")


def _margin(option: Mapping[str, Any]) -> tuple[float, float] | None:
    share, margin = option.get("share"), option.get("margin_of_error")
    if share is None or margin is None:
        return None
    return max(0.0, share - margin), min(1.0, share + margin)


@dataclass(frozen=True)
class GroupedTable:
    """One question broken down: a row per option, a column per group; ``None`` cells belong to suppressed groups."""

    key: str
    text: str
    groups: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str | None, ...]], ...]


def grouped_tables(groups: Sequence[Mapping[str, Any]], lang: str,
                   translate: Callable[[str], str] = str) -> tuple[GroupedTable, ...]:
    """Each question of a breakdown as one table, the groups (suppressed ones too) as its columns."""
    names = tuple(group_name(group.get("key", ""), translate) for group in groups)
    shown = [group for group in groups if not group.get("suppressed")]
    questions = shown[0].get("questions", []) if shown else []
    return tuple(_grouped(question, groups, names, lang) for question in questions)


def _grouped(question: Mapping[str, Any], groups: Sequence[Mapping[str, Any]], names: tuple[str, ...],
             lang: str) -> GroupedTable:
    key = question.get("key")
    per_group = [_options_of(group, key) for group in groups]
    rows = tuple((localised(option.get("text"), lang).text,
                  tuple(None if found is None else _cell(found.get(option.get("key"))) for found in per_group))
                 for option in question.get("options", []))
    return GroupedTable(key=key or "", text=localised(question.get("text"), lang).text, groups=names, rows=rows)


def _options_of(group: Mapping[str, Any], key: Any) -> dict[str, Mapping[str, Any]] | None:
    if group.get("suppressed"):
        return None
    found = next((q for q in group.get("questions", []) if q.get("key") == key), {})
    return {option.get("key"): option for option in found.get("options", [])}


def _cell(option: Mapping[str, Any] | None) -> str:
    if not option:
        return "0"
    share = option.get("share")
    return f"{figure(option.get('count'))} ({percent(share)})" if share is not None else figure(option.get("count"))
