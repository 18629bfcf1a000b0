"""Panel summaries and Panel question figures as tables, a row per figure, for spreadsheets."""

from __future__ import annotations

from collections.abc import Iterator

from peel.reporting.domain.export import number_text
from peel.reporting.domain.panel_questions import PanelFigures, PanelReport
from peel.reporting.domain.panel_summary import PanelSummary
from peel.reporting.domain.plan_summary import PlanSummary, SectionFigures
from peel.reporting.domain.precept_summary import PreceptOptionFigures, PreceptSummary

SUMMARY_COLUMNS = ("area", "suppressed", "item", "item_text", "measure", "value")
PANEL_QUESTION_COLUMNS = ("meeting_id", "meeting_date", "item", "measure", "value")
EVERYWHERE = "all"
OPTION_MEASURES = ("band_d_change", "percent_increase", "new_band_d", "triggers_referendum", "band_d_yearly",
                   "band_d_weekly", "count", "share", "weighted_share", "weighted_margin_of_error")
SECTION_MEASURES = ("answered", "mean", "median", "supportive", "supportive_share", "comments", "comments_approved")
PANEL_MEASURES = ("received", "awaiting_decision", "accepted", "rejected", "answered", "awaiting_answer", "overdue",
                  "answered_late", "published", "median_days_to_answer")
Figure = tuple[str, str, str, object]  # item, item text, measure, value


def summary_table(summary: PanelSummary) -> Iterator[tuple]:
    yield EVERYWHERE, False, "", "", "responses", summary.responses
    if summary.precept:
        yield from _overall(precept_figures(summary.precept))
        yield from precept_areas(summary.precept)
    if summary.plan:
        yield from _overall(plan_figures(summary.plan))
        yield from plan_areas(summary.plan)


def _overall(found: Iterator[Figure]) -> Iterator[tuple]:
    for figure in found:
        yield EVERYWHERE, False, *figure


def precept_figures(precept: PreceptSummary) -> Iterator[Figure]:
    for measure in ("band_d_current", "referendum_limit_pounds", "referendum_limit_percent", "answered"):
        yield "", "", measure, getattr(precept, measure)
    if precept.weighting:
        yield "", "", "weighted_on", " ".join(precept.weighting.raked_on)
        for measure in ("weighted_respondents", "left_out", "effective_sample_size", "converged"):
            yield "", "", measure, getattr(precept.weighting, measure)
    for option in precept.options:
        yield from _option(option, OPTION_MEASURES if precept.weighting else OPTION_MEASURES[:-2])


def _option(option: PreceptOptionFigures, measures: tuple[str, ...]) -> Iterator[Figure]:
    for measure in measures:
        yield option.key, option.text.get("en", ""), measure, getattr(option, measure)


def precept_areas(precept: PreceptSummary) -> Iterator[tuple]:
    for area in precept.by_area:
        yield area.key, area.suppressed, "", "", "responses", area.responses
        if not area.suppressed:
            yield area.key, False, "", "", "answered", area.answered
        for choice in area.options:
            yield area.key, False, choice.key, "", "count", choice.count
            yield area.key, False, choice.key, "", "share", choice.share


def plan_figures(plan: PlanSummary) -> Iterator[Figure]:
    for section in plan.sections:
        yield from _section(section)


def _section(section: SectionFigures) -> Iterator[Figure]:
    text = section.text.get("en", "")
    for measure in SECTION_MEASURES:
        yield section.key, text, measure, getattr(section, measure)
    for point in section.distribution:
        rated = f"rated_{number_text(point.value)}"
        yield section.key, text, rated, point.count
        yield section.key, text, f"{rated}_share", point.share


def plan_areas(plan: PlanSummary) -> Iterator[tuple]:
    for area in plan.by_area:
        yield area.key, area.suppressed, "", "", "responses", area.responses
        for section in area.sections:
            for figure in _section(section):
                yield area.key, False, *figure


def panel_question_table(found: PanelReport) -> Iterator[tuple]:
    for figures in (*found.meetings, found.totals):
        yield from meeting_rows(figures)


def meeting_rows(figures: PanelFigures) -> Iterator[tuple]:
    start = (str(figures.meeting_id) if figures.meeting_id else EVERYWHERE,
             figures.meeting_date.isoformat() if figures.meeting_date else "")
    for measure in PANEL_MEASURES:
        yield (*start, "", measure, getattr(figures, measure))
    for rejected in figures.rejected_by_reason:
        yield (*start, rejected.reason, "rejected", rejected.count)
