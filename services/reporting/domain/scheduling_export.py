"""Surgery figures and assembly compositions as tables for spreadsheets."""

from __future__ import annotations

from collections.abc import Iterator

from peel.reporting.domain.assembly_composition import Composition, SelectionRun, ValueFigures
from peel.reporting.domain.surgeries import SurgeryFigures, SurgeryReport

SURGERY_MEASURES = ("sessions_scheduled", "sessions_cancelled", "sessions_held", "slots_offered", "slots_booked",
                    "utilisation", "attended", "no_shows")
SURGERY_COLUMNS = ("area", "quarter", "quarter_starts_on", "quarter_ends_on", *SURGERY_MEASURES)
COMPOSITION_COLUMNS = ("part", "feature", "value", "measure", "figure")
VALUE_MEASURES = ("quota_min", "quota_max", "pool", "pool_suppressed", "pool_share", "panel", "panel_share",
                  "within_quota", "population", "population_share", "confirmed", "declined", "awaiting_reply")
REPLY_MEASURES = ("confirmed", "declined", "awaiting_reply", "replaced_after_confirming", "replaced_after_declining")
RUN_MEASURES = ("kind", "ran_at", "algorithm", "seed", "pool_size", "min_probability", "max_probability", "gini",
                "selected", "dropouts", "replacements")


def surgery_table(report: SurgeryReport) -> Iterator[tuple]:
    """A row per area and quarter, then a row per quarter for every area."""
    for found in (*report.areas, *report.totals):
        yield _surgery_row(found)


def _surgery_row(found: SurgeryFigures) -> tuple:
    quarter = found.quarter
    return (found.area, quarter.label, quarter.starts_on.isoformat(), quarter.ends_on.isoformat(),
            *(getattr(found, measure) for measure in SURGERY_MEASURES))


def composition_table(found: Composition) -> Iterator[tuple]:
    """A row per figure: the assembly's, its members' replies, each feature value's, then each selection run's."""
    for measure in ("panel_size", "pool", "panel"):
        yield "assembly", "", "", measure, getattr(found, measure)
    for measure in REPLY_MEASURES:
        yield "replies", "", "", measure, getattr(found.replies, measure)
    for feature in found.features:
        if feature.population_dimension:
            yield "composition", feature.feature, "", "population_dimension", feature.population_dimension
        for value in feature.values:
            yield from _value_rows(feature.feature, value)
    for run in found.runs:
        yield from _run_rows(run)


def _value_rows(feature: str, value: ValueFigures) -> Iterator[tuple]:
    for measure in VALUE_MEASURES:
        yield "composition", feature, value.value, measure, getattr(value, measure)


def _run_rows(run: SelectionRun) -> Iterator[tuple]:
    for measure in RUN_MEASURES:
        figure = getattr(run, measure)
        yield "selection", "", str(run.run_id), measure, figure.isoformat() if measure == "ran_at" else figure
