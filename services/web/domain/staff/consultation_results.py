"""A consultation's results as staff read them: each question's figures as a chart and a table, the channels its
responses came through (never pooled without saying so), and the groups a breakdown suppresses.

The reporting service decides every figure and which groups are too small to show; these rules only arrange what it
answered for the page."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from peel.web.domain.language import localised
from peel.web.domain.staff.charts import BarChart, bar_chart
from peel.web.domain.staff.messages import N_

CHANNELS = ("online", "paper", "telephone", "event")
CHANNEL_NAMES = {"online": N_("Online"), "paper": N_("Paper form"), "telephone": N_("Telephone"),
                 "event": N_("At an event")}
DIMENSIONS = ("area", "age_band", "sex", "ethnicity", "disability")
DIMENSION_NAMES = {"area": N_("Area"), "age_band": N_("Age band"), "sex": N_("Sex"), "ethnicity": N_("Ethnic group"),
                   "disability": N_("Disability")}
GROUP_NAMES = {
    "16_24": N_("16 to 24"), "25_34": N_("25 to 34"), "35_44": N_("35 to 44"), "45_54": N_("45 to 54"),
    "55_64": N_("55 to 64"), "65_74": N_("65 to 74"), "75_plus": N_("75 or over"),
    "prefer_not_to_say": N_("Prefer not to say"), "female": N_("Female"), "male": N_("Male"),
    "asian": N_("Asian or Asian British"), "black": N_("Black, Black British, Caribbean or African"),
    "mixed": N_("Mixed or multiple ethnic groups"), "white": N_("White"), "other": N_("Another ethnic group"),
    "yes": N_("Yes"), "no": N_("No"), "not_given": N_("Not given"), "unknown": N_("Area not known"),
}
CHARTED = frozenset({"single_choice", "multi_choice", "ranking", "rating"})
ROOM_FOR_FIGURES = 1.4  # the axis runs this far past the largest bar, so its figure fits beside it


@dataclass(frozen=True)
class QuestionFigures:
    """One question's results: its chart (with the same figures as a table) or, for other types, its summary."""

    key: str
    type: str
    text: str
    answered: float | None
    chart: BarChart | None
    summary: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class ChannelCount:
    channel: str
    responses: int
    chosen: bool = False


@dataclass(frozen=True)
class ResultsView:
    """What the results page shows: the questions, the channels' counts and the channel shown alone, if any."""

    responses: float | None
    questions: tuple[QuestionFigures, ...]
    channels: tuple[ChannelCount, ...] = ()
    channel: str | None = None
    published: bool = False
    closed: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)


def percent(share: float | None) -> str:
    return "" if share is None else f"{share * 100:.1f}%"


def figure(count: float | None) -> str:
    """A count as the table shows it: whole people as whole numbers, weighted ones to one place."""
    if count is None:
        return ""
    return f"{count:,.0f}" if float(count).is_integer() else f"{count:,.1f}"


def counted(count: float | None, share: float | None) -> str:
    return f"{figure(count)} ({percent(share)})" if share is not None else figure(count)


def option_rows(question: Mapping[str, Any], lang: str) -> list[tuple[str, float | None, str]]:
    """Each option (or, for a rating, each point of the scale) with its count and share."""
    if question.get("type") == "rating" and question.get("summary"):
        return [(_point_label(point, lang), point.get("count"), counted(point.get("count"), point.get("share")))
                for point in question["summary"].get("distribution", [])]
    return [(localised(option.get("text"), lang).text, option.get("count"),
             counted(option.get("count"), option.get("share"))) for option in question.get("options", [])]


def _point_label(point: Mapping[str, Any], lang: str) -> str:
    value = figure(point.get("value"))
    label = localised(point.get("label"), lang).text if point.get("label") else ""
    return f"{value} \N{EN DASH} {label}" if label else value


def question_figures(question: Mapping[str, Any], lang: str) -> QuestionFigures:
    text = localised(question.get("text"), lang).text
    rows = option_rows(question, lang) if question.get("type") in CHARTED else []
    return QuestionFigures(key=question.get("key", ""), type=question.get("type", ""), text=text,
                           answered=question.get("answered"), chart=_chart(text, rows) if rows else None,
                           summary=None if rows else question.get("summary"))


def _chart(title: str, rows: list[tuple[str, float | None, str]]) -> BarChart:
    largest = max((value for _, value, _ in rows if value), default=0)
    return bar_chart(title, rows, top=largest * ROOM_FOR_FIGURES or None)


def channel_counts(channels: Mapping[str, int] | None, chosen: str | None) -> tuple[ChannelCount, ...]:
    """Every channel the service counted, in the usual order; none when the service gives no channels."""
    if not channels:
        return ()
    order = [name for name in CHANNELS if name in channels] + sorted(set(channels) - set(CHANNELS))
    return tuple(ChannelCount(name, int(channels[name]), name == chosen) for name in order)


def chosen_channel(asked: str | None) -> str | None:
    """The channel asked for in the address, if it is one; anything else shows every channel."""
    return asked if asked in CHANNELS else None


def results_view(results: Mapping[str, Any], lang: str, channel: str | None = None) -> ResultsView:
    return ResultsView(
        responses=results.get("responses"),
        questions=tuple(question_figures(question, lang) for question in results.get("questions", [])),
        channels=channel_counts(results.get("channels"), channel), channel=channel,
        published=bool(results.get("results_published_at")), closed=bool(results.get("closed_at")),
    )


def chosen_dimension(asked: str | None) -> str:
    return asked if asked in DIMENSIONS else "area"


def group_name(key: str, translate: Callable[[str], str]) -> str:
    """A band or an unknown area in the page's words; an area's key as the office named it."""
    return translate(GROUP_NAMES[key]) if key in GROUP_NAMES else key


def group_rows(groups: Sequence[Mapping[str, Any]], suppressed: str,
               translate: Callable[[str], str] = str) -> list[tuple[str, float | None, str]]:
    """Each group with its responses; a suppressed group has none: the chart draws no bar and the table shows
    ``suppressed`` (the page's word for it) instead of a figure."""
    return [(group_name(group.get("key", ""), translate), None if group.get("suppressed") else group.get("responses"),
             suppressed if group.get("suppressed") else figure(group.get("responses"))) for group in groups]


def group_chart(title: str, groups: Sequence[Mapping[str, Any]], suppressed: str,
                translate: Callable[[str], str] = str) -> BarChart:
    """The responses in each group of a breakdown, suppressed groups drawn as no bar."""
    return _chart(title, group_rows(groups, suppressed, translate))
