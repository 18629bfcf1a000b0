"""CSV uploaded as text, read into rows; a file the csv module cannot read is a 422 naming the line."""

from __future__ import annotations

import csv
import io

from peel.common.errors import FieldError, InvalidInput


def csv_rows(text: str) -> list[list[str]]:
    """Every row of ``text`` (line breaks inside quoted cells kept); refused, at the line it stopped on, when a
    row cannot be read (a stray carriage return, a cell longer than the csv module's limit)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return list(reader)
    except csv.Error as error:
        raise InvalidInput([FieldError(("csv", reader.line_num), f"cannot be read as CSV: {error}",
                                       "csv_unreadable")]) from None
