"""Weights that make respondents look like the population: raking (iterative proportional fitting).

Respondents are grouped in cells: their area and their band in each dimension raked on.
Each dimension gives targets per (area, band): the respondents' number shared out as the
population is, between areas and, within each area, between bands. Raking scales the
weights of the cells of one (area, band) at a time so that their weighted total meets the
target, dimension after dimension, until every target is met.

A weight is per respondent; weighted totals stay on the scale of the respondents. The
effective sample size is Kish's (sum of weights)^2 / (sum of squared weights), and the 95%
margin of error of a share p is 1.96 * sqrt(p (1 - p) / effective sample size).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

Cell = tuple[str, ...]  # (area, band in each dimension raked on)
Margin = Mapping[tuple[str, str], float]  # (area, band) -> target
Z_95 = 1.959964


@dataclass(frozen=True, slots=True)
class Raking:
    weights: dict[Cell, float]  # per respondent of the cell
    iterations: int
    converged: bool


def margin_totals(cells: Mapping[Cell, float], weights: Mapping[Cell, float], dimension: int) -> dict:
    """Weighted respondents per (area, band) of one dimension (0 the first after the area)."""
    totals: dict[tuple[str, str], float] = defaultdict(float)
    for cell, respondents in cells.items():
        totals[(cell[0], cell[dimension + 1])] += respondents * weights[cell]
    return totals


def _fit(cells: Mapping[Cell, float], weights: dict[Cell, float], dimension: int, targets: Margin) -> None:
    totals = margin_totals(cells, weights, dimension)
    for cell in cells:
        key = (cell[0], cell[dimension + 1])
        if totals[key]:
            weights[cell] *= targets.get(key, 0.0) / totals[key]


def largest_gap(cells: Mapping[Cell, float], weights: Mapping[Cell, float], margins: Sequence[Margin]) -> float:
    """The largest difference between a weighted total and its target, over every margin."""
    gaps = [0.0]
    for dimension, targets in enumerate(margins):
        totals = margin_totals(cells, weights, dimension)
        gaps += [abs(totals.get(key, 0.0) - targets.get(key, 0.0)) for key in {*totals, *targets}]
    return max(gaps)


def rake(cells: Mapping[Cell, float], margins: Sequence[Margin], *, tolerance: float = 1e-9,
         most: int = 100) -> Raking:
    """``cells``: respondents per cell; ``margins``: per dimension, the target per (area, band)."""
    weights = {cell: 1.0 for cell in cells}
    respondents = sum(cells.values()) or 1.0
    for iteration in range(1, most + 1):
        for dimension, targets in enumerate(margins):
            _fit(cells, weights, dimension, targets)
        if largest_gap(cells, weights, margins) <= tolerance * respondents:
            return Raking(weights, iteration, True)
    return Raking(weights, most, False)


def effective_sample_size(respondents: Mapping[Cell, float], weights: Mapping[Cell, float]) -> float:
    """Kish's effective sample size of the respondents counted per cell."""
    total = sum(count * weights[cell] for cell, count in respondents.items())
    squares = sum(count * weights[cell] ** 2 for cell, count in respondents.items())
    return total**2 / squares if squares else 0.0


def margin_of_error(share: float, effective: float) -> float | None:
    """Half-width of the 95% confidence interval of a share, on the effective sample size."""
    return Z_95 * math.sqrt(share * (1 - share) / effective) if effective else None


def population_margins(population: Mapping[tuple[str, str, str], float], dimensions: Sequence[str],
                       areas: Sequence[str], respondents: float) -> list[dict[tuple[str, str], float]]:
    """Per dimension, the target per (area, band): ``respondents`` shared out as the population is.

    ``population``: people per (area, dimension, band). An area's people are the mean of its
    dimensions' totals, so that every dimension's targets add up to the same area totals.
    """
    people = {area: _mean(_area_total(population, area, d) for d in dimensions) for area in areas}
    everyone = sum(people.values()) or 1.0
    margins = []
    for dimension in dimensions:
        targets = {}
        for area in areas:
            in_area = _area_total(population, area, dimension) or 1.0
            for (place, dim, band), count in population.items():
                if place == area and dim == dimension:
                    targets[(area, band)] = respondents * people[area] / everyone * count / in_area
        margins.append(targets)
    return margins


def _area_total(population: Mapping[tuple[str, str, str], float], area: str, dimension: str) -> float:
    return sum(count for (place, dim, _), count in population.items() if place == area and dim == dimension)


def _mean(values) -> float:  # noqa: ANN001 - any iterable of numbers
    found = list(values)
    return sum(found) / len(found) if found else 0.0
