"""The CSV files an admin uploads to replace the office's areas or its population figures: read and checked as a
file here (chosen, not empty, small enough, UTF-8); the service that owns the data checks each row, and its
refusals are read back into line, column and message so the page can say where each mistake is."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from peel.web.domain.staff.messages import N_
from peel.web.domain.staff.settings import Checked

MOST_BYTES = 1_000_000
MOST_REQUEST_BYTES = MOST_BYTES + 65_536  # the file and the rest of the form around it
MOST_PROBLEMS_SHOWN = 50
FIELD = "file"
NO_FILE = N_("Select a CSV file")
EMPTY = N_("The selected file is empty")
TOO_LARGE = N_("The selected file must be smaller than 1 MB")
NOT_UTF8 = N_("The selected file must be saved as UTF-8 (in Excel, CSV UTF-8)")
REFUSED = N_("The file was not loaded: correct the mistakes listed and upload it again")


@dataclass(frozen=True)
class CsvFile:
    """What the service takes for each kind of file: its columns, in order, each with what it holds."""

    key: str
    columns: tuple[tuple[str, str], ...]
    example: str

    @property
    def header(self) -> str:
        return ",".join(name for name, _ in self.columns)


AREAS = CsvFile("areas", (
    ("postcode_district", N_("the outward part of a postcode, like CW1")),
    ("area_key", N_("a short key for the area: lower-case letters, digits and _")),
    ("area_name", N_("the area's name as staff read it (the key when left empty)"))),
    "postcode_district,area_key,area_name\nCW1,cheshire_east,Cheshire East\nCH1,cheshire_west,Cheshire West\n")
POPULATIONS = CsvFile("populations", (
    ("area", N_("the area's key, as in the areas table")),
    ("dimension", N_("age_band, sex, ethnicity or disability")),
    ("category", N_("the band, as residents give it, like 16_24 or female")),
    ("count", N_("how many people: a whole number"))),
    "area,dimension,category,count\ncheshire_east,age_band,16_24,41200\ncheshire_east,sex,female,196300\n"
    "cheshire_east,sex,male,189900\n")
FILES = {kind.key: kind for kind in (AREAS, POPULATIONS)}


@dataclass(frozen=True)
class FileProblem:
    """One mistake the service found: on which line (the header is line 1) and in which column, when it says."""

    message: str
    line: int | None = None
    column: str | None = None


def read_csv_file(content: bytes | None) -> Checked:
    """The uploaded file's text, or why it cannot be sent: none chosen, empty, over 1 MB or not UTF-8 (a byte order
    mark, as Excel writes, is dropped)."""
    if content is None:
        return Checked(errors={FIELD: NO_FILE})
    if len(content) > MOST_BYTES:
        return Checked(errors={FIELD: TOO_LARGE})
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Checked(errors={FIELD: NOT_UTF8})
    return Checked(text) if text.strip() else Checked(errors={FIELD: EMPTY})


def file_problems(detail: Iterable[Mapping[str, Any]]) -> list[FileProblem]:
    """A service's 422 ``detail`` (``loc`` like ``["body", "csv", 3, "area"]``) as the mistakes it names."""
    return [_problem(item) for item in detail]


def _problem(item: Mapping[str, Any]) -> FileProblem:
    place = [part for part in item.get("loc", []) if part not in ("body", "csv")]
    line = next((part for part in place if isinstance(part, int)), None)
    column = next((part for part in place if isinstance(part, str)), None)
    return FileProblem(str(item.get("msg", "")), line, column)


def shown_problems(problems: list[FileProblem]) -> tuple[list[FileProblem], int]:
    """The first mistakes to list, and how many more there are (a file can have thousands)."""
    return problems[:MOST_PROBLEMS_SHOWN], max(0, len(problems) - MOST_PROBLEMS_SHOWN)
