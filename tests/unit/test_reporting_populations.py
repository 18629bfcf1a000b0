"""Population figures uploaded as CSV: every mistake is reported with its line."""

import pytest

from peel.common.errors import InvalidInput
from peel.reporting.domain.populations import PopulationFigure, parse_population


def test_a_good_file_gives_a_figure_per_row():
    text = "Area,Dimension,Category,Count\r\nhalton,sex,female,66000\r\n\r\nhalton,age_band,65_plus, 24000 \r\n"
    assert parse_population(text) == [PopulationFigure("halton", "sex", "female", 66000),
                                      PopulationFigure("halton", "age_band", "65_plus", 24000)]


def test_every_mistake_is_reported_with_its_line_and_column():
    text = ("area,dimension,category,count\n"
            "halton,shoe_size,9,100\n"
            "halton,sex,female,-5\n"
            ",sex,,10\n"
            "halton,sex,male\n"
            "halton,sex,male,10\n"
            "halton,sex,male,12\n")
    with pytest.raises(InvalidInput) as refused:
        parse_population(text)
    assert [(e.location, e.code) for e in refused.value.errors] == [
        (("csv", 2, "dimension"), "dimension"), (("csv", 3, "count"), "count"), (("csv", 4, "area"), "missing"),
        (("csv", 4, "category"), "missing"), (("csv", 5), "columns"), (("csv", 7), "duplicate")]


@pytest.mark.parametrize("text", ["", "area,band,count\nhalton,x,1\n", "area,dimension,category,count\n"])
def test_a_file_without_the_header_or_figures_is_refused(text):
    with pytest.raises(InvalidInput):
        parse_population(text)
