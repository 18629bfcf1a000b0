"""Uploaded CSV read into rows: carriage returns are line breaks, and a file the csv module cannot read is a 422
naming the line, never an error of the server."""

import pytest

from peel.common.csv_text import csv_rows
from peel.common.errors import InvalidInput
from peel.reporting.domain.populations import parse_population

HEADER = "area,dimension,category,count"


def test_rows_end_at_any_line_break_and_quoted_cells_keep_theirs():
    assert csv_rows('a,b\rc,d\r\ne,"f\ng"\n') == [["a", "b"], ["c", "d"], ["e", "f\ng"]]


def test_a_cell_longer_than_the_csv_module_reads_is_refused_at_its_line():
    with pytest.raises(InvalidInput) as refused:
        csv_rows("a,b\n" + "x" * 200_000 + ",b\n")
    assert refused.value.errors[0].location == ("csv", 2)


def test_population_figures_with_a_bare_carriage_return_are_read_and_an_unreadable_file_is_refused():
    figures = parse_population(f"{HEADER}\rhalton,sex,female,100\rhalton,sex,male,90\r")
    assert [(figure.category, figure.people) for figure in figures] == [("female", 100), ("male", 90)]
    with pytest.raises(InvalidInput) as refused:
        parse_population(f"{HEADER}\nhalton,sex,{'x' * 200_000},1\n")
    assert refused.value.errors[0].location == ("csv", 2)
