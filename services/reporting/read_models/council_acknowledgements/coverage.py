"""Acknowledgement coverage per area: of the stakeholder bulletins sent to councils, how many a council
acknowledged (any state), shared with residents (or went further), or put on an agenda; and the coverage, the
share acknowledged, in per cent to one decimal (none sent: none)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

COLUMNS = ("area", "councils", "sent", "acknowledged", "shared", "on_agenda", "coverage_percent")


@dataclass(frozen=True, slots=True)
class AreaCoverage:
    area: str
    councils: int
    sent: int
    acknowledged: int
    shared: int
    on_agenda: int
    coverage_percent: float | None


@dataclass(frozen=True, slots=True)
class AcknowledgementCoverage:
    bulletin_id: uuid.UUID | None
    starts_on: date | None
    ends_on: date | None
    areas: tuple[AreaCoverage, ...]
    total: AreaCoverage


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def area_coverage(row: dict) -> AreaCoverage:
    return AreaCoverage(row["area"], row["councils"], row["sent"], row["acknowledged"], row["shared"],
                        row["on_agenda"], percent(row["acknowledged"], row["sent"]))


def coverage_report(rows: Sequence[dict], councils: int, bulletin_id: uuid.UUID | None, starts_on: date | None,
                    ends_on: date | None) -> AcknowledgementCoverage:
    """Per area, then the whole office (``councils`` counted once though they may span areas' rows)."""
    areas = tuple(area_coverage(row) for row in rows)
    sums = {key: sum(getattr(area, key) for area in areas) for key in ("sent", "acknowledged", "shared", "on_agenda")}
    total = AreaCoverage("all", councils, **sums, coverage_percent=percent(sums["acknowledged"], sums["sent"]))
    return AcknowledgementCoverage(bulletin_id, starts_on, ends_on, areas, total)


def coverage_table(report: AcknowledgementCoverage) -> Iterable[tuple]:
    for area in (*report.areas, report.total):
        yield (area.area, area.councils, area.sent, area.acknowledged, area.shared, area.on_agenda,
               area.coverage_percent)
