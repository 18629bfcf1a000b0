"""Population figures a PCC office uploads: how many people of each band live in each area.

A CSV file with the header ``area,dimension,category,count``; a row per area, dimension
(age_band, sex, ethnicity or disability) and category (a band, as respondents give it).
"""

from __future__ import annotations

from dataclasses import dataclass

from peel.common.csv_text import csv_rows
from peel.common.errors import FieldError, InvalidInput
from peel.reporting.domain.breakdown import Dimension

COLUMNS = ("area", "dimension", "category", "count")
DIMENSIONS = tuple(d.value for d in Dimension if d is not Dimension.AREA)
MOST_ROWS = 100_000


@dataclass(frozen=True, slots=True)
class PopulationFigure:
    area: str
    dimension: str
    category: str
    people: int


def parse_population(text: str) -> list[PopulationFigure]:
    """Every figure of the file, or every mistake in it (line numbers count the header as line 1)."""
    rows = iter(csv_rows(text))
    header = tuple(cell.strip().lower() for cell in next(rows, ()))
    if header != COLUMNS:
        raise InvalidInput([FieldError(("csv", 1), f"the header must be {','.join(COLUMNS)}", "header")])
    figures, errors, seen = [], [], set()
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        found = _figure(line, row, errors)
        if found and (found.area, found.dimension, found.category) in seen:
            repeated = "repeats an earlier row's area, dimension and category"
            errors.append(FieldError(("csv", line), repeated, "duplicate"))
        elif found:
            seen.add((found.area, found.dimension, found.category))
            figures.append(found)
    if len(figures) > MOST_ROWS:
        errors.append(FieldError(("csv",), f"has more than {MOST_ROWS} rows", "too_long"))
    if errors or not figures:
        raise InvalidInput(errors or [FieldError(("csv",), "has no figures", "empty")])
    return figures


def _figure(line: int, row: list[str], errors: list[FieldError]) -> PopulationFigure | None:
    if len(row) != len(COLUMNS):
        errors.append(FieldError(("csv", line), f"has {len(row)} columns; expected {len(COLUMNS)}", "columns"))
        return None
    area, dimension, category, count = (cell.strip() for cell in row)
    mistakes = [
        *([FieldError(("csv", line, "area"), "is empty", "missing")] if not area else []),
        *([FieldError(("csv", line, "category"), "is empty", "missing")] if not category else []),
        *([] if dimension in DIMENSIONS else
          [FieldError(("csv", line, "dimension"), f"must be one of {', '.join(DIMENSIONS)}", "dimension")]),
        *([] if count.isdigit() else [FieldError(("csv", line, "count"), "must be a whole number of people", "count")]),
    ]
    errors.extend(mistakes)
    return None if mistakes else PopulationFigure(area, dimension, category, int(count))
