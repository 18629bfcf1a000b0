"""Reading a selection's files: quotas in the Sortition Foundation's format and the pool of people.

Every complaint names the file, the row (the header is row 1) and the column.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from peel.sortition import Person, PoolError, Quota, QuotaError, SelectionProblem, selection_problem

QUOTA_COLUMNS = ("feature", "value", "min", "max")
FLEX_COLUMNS = ("min_flex", "max_flex")


class FileProblem(Exception):
    """A file the command cannot use, and where the trouble is."""

    def __init__(self, path: Path, reason: str, row: int | None = None, column: str | None = None) -> None:
        where = str(path) + (f", row {row}" if row is not None else "") + (f", column {column!r}" if column else "")
        super().__init__(f"{where}: {reason}")


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
            header = [name.strip() for name in reader.fieldnames or []]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise FileProblem(path, f"cannot be read ({error})") from None
    if not header:
        raise FileProblem(path, "is empty: it needs a header row", row=1)
    return header, [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in rows]


def _column(path: Path, header: Sequence[str], wanted: str) -> str:
    for name in header:
        if name.casefold() == wanted.casefold():
            return name
    raise FileProblem(path, f"has no column {wanted!r} (columns: {', '.join(header)})", row=1, column=wanted)


def _whole(path: Path, row: int, column: str, text: str, optional: bool = False) -> int | None:
    if optional and text == "":
        return None
    try:
        return int(text)
    except ValueError:
        raise FileProblem(path, f"{text!r} is not a whole number", row=row, column=column) from None


def read_quotas(path: Path) -> list[Quota]:
    header, rows = _rows(path)
    names = {wanted: _column(path, header, wanted) for wanted in QUOTA_COLUMNS}
    flex = {wanted: name for wanted in FLEX_COLUMNS for name in header if name.casefold() == wanted}
    quotas = []
    for number, row in enumerate(rows, start=2):
        if not any(row.values()):
            continue
        values = {w: _whole(path, number, n, row[n]) for w, n in names.items() if w in ("min", "max")}
        flexes = {w: _whole(path, number, n, row[n], optional=True) for w, n in flex.items()}
        quotas.append(Quota(row[names["feature"]], row[names["value"]], values["min"], values["max"], **flexes))
    return quotas


def read_people(path: Path, quotas: Sequence[Quota], id_column: str,
                household_columns: Sequence[str]) -> tuple[list[Person], list[int], dict[str, str]]:
    """The pool, each person's row number in the file, and the file's column for each feature."""
    header, rows = _rows(path)
    id_name = _column(path, header, id_column)
    features = {" ".join(q.feature.split()).casefold(): _column(path, header, q.feature) for q in quotas}
    address = [_column(path, header, name) for name in household_columns]
    people, row_numbers = [], []
    for number, row in enumerate(rows, start=2):
        if not any(row.values()):
            continue
        people.append(Person(row[id_name], {name: row[name] for name in features.values()},
                             tuple(row[name] for name in address)))
        row_numbers.append(number)
    return people, row_numbers, features


def load_problem(features: Path, people: Path, panel_size: int, id_column: str = "id",
                 household_columns: Sequence[str] = ()) -> SelectionProblem:
    quotas = read_quotas(features)
    pool, row_numbers, columns = read_people(people, quotas, id_column, household_columns)
    try:
        return selection_problem(pool, quotas, panel_size)
    except PoolError as error:
        column = id_column if error.column == "id" else columns.get(error.column, error.column)
        raise FileProblem(people, error.reason, row=row_numbers[error.index], column=column) from None
    except QuotaError as error:
        if error.column == "panel_size":
            raise
        row = None if error.index is None else _data_row(features, error.index)
        raise FileProblem(features, error.reason, row=row, column=error.column) from None


def _data_row(path: Path, index: int) -> int:
    """The file row of the ``index``-th non-blank quota row."""
    _, rows = _rows(path)
    numbers = [number for number, row in enumerate(rows, start=2) if any(row.values())]
    return numbers[index]
