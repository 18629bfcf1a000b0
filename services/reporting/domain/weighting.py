"""Weights that make respondents look like the population: raking (iterative proportional fitting).

Respondents are grouped in cells: their area and their band in each dimension raked on.
Each dimension gives targets per (area, band): the respondents' number shared out as the
population is, between areas and, within each area, between bands. Raking scales the
weights of the cells of one (area, band) at a time so that their weighted total meets the
target, dimension after dimension, until every target is met. Weights beyond a cap or floor
(multiples of the mean weight) are then trimmed to it and held while the others are raked again.

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


def _fit(cells: Mapping[Cell, float], weights: dict[Cell, float], dimension: int, targets: Margin,
         held: Mapping[Cell, float]) -> None:
    """Scale the weights not held so that, with the held ones, each (area, band) meets its target."""
    free = margin_totals({c: n for c, n in cells.items() if c not in held}, weights, dimension)
    fixed = margin_totals({c: n for c, n in cells.items() if c in held}, weights, dimension)
    for cell in cells:
        key = (cell[0], cell[dimension + 1])
        if cell not in held and free[key]:
            weights[cell] *= max(targets.get(key, 0.0) - fixed[key], 0.0) / free[key]


def largest_gap(cells: Mapping[Cell, float], weights: Mapping[Cell, float], margins: Sequence[Margin]) -> float:
    """The largest difference between a weighted total and its target, over every margin."""
    gaps = [0.0]
    for dimension, targets in enumerate(margins):
        totals = margin_totals(cells, weights, dimension)
        gaps += [abs(totals.get(key, 0.0) - targets.get(key, 0.0)) for key in {*totals, *targets}]
    return max(gaps)


def margins_met(cells: Mapping[Cell, float], weights: Mapping[Cell, float], margins: Sequence[Margin],
                tolerance: float = 1e-9) -> bool:
    return largest_gap(cells, weights, margins) <= tolerance * (sum(cells.values()) or 1.0)


def rake(cells: Mapping[Cell, float], margins: Sequence[Margin], *, tolerance: float = 1e-9,
         most: int = 100, held: Mapping[Cell, float] | None = None) -> Raking:
    """``cells``: respondents per cell; ``margins``: per dimension, the target per (area, band).

    Every weight starts at 1, but those ``held``: they keep the weight given and raking adjusts the others.
    """
    held = held or {}
    weights = {cell: held.get(cell, 1.0) for cell in cells}
    for iteration in range(1, most + 1):
        for dimension, targets in enumerate(margins):
            _fit(cells, weights, dimension, targets, held)
        if margins_met(cells, weights, margins, tolerance):
            return Raking(weights, iteration, True)
    return Raking(weights, most, False)


@dataclass(frozen=True, slots=True)
class Trimming:
    """Weights are kept between ``floor`` and ``cap`` times the mean weight, for ``rounds`` of trimming at most."""

    cap: float = 5.0
    floor: float = 0.2
    rounds: int = 50

    def __post_init__(self) -> None:
        if not (self.cap > 1 and 0 <= self.floor < 1 and self.rounds >= 1):
            raise ValueError("trimming needs a cap above 1, a floor from 0 to below 1, and at least one round")

    def bounds(self, cells: Mapping[Cell, float], weights: Mapping[Cell, float]) -> tuple[float, float]:
        """The lowest and highest weight allowed: the floor and cap times the mean weight of a respondent."""
        mean = sum(count * weights[cell] for cell, count in cells.items()) / (sum(cells.values()) or 1.0)
        return self.floor * mean, self.cap * mean


@dataclass(frozen=True, slots=True)
class TrimmedRaking:
    weights: dict[Cell, float]
    iterations: int  # of raking, in every round
    converged: bool  # the last raking met every target
    rounds: int  # of trimming: none when every weight was within bounds
    trimmed_respondents: float  # whose weight was capped or raised to the floor
    largest_weight: float
    margins_met: bool  # the final weights still meet every target (within the tolerance)

    @property
    def trimmed(self) -> bool:
        return self.rounds > 0


def beyond(weights: Mapping[Cell, float], low: float, high: float) -> dict[Cell, float]:
    """The weights above ``high`` or below ``low`` (by more than rounding), brought to it; a weight of 0 stays 0."""
    slack = 1e-9
    return {cell: min(max(w, low), high) for cell, w in weights.items()
            if w > high * (1 + slack) or 0 < w < low * (1 - slack)}


def rake_and_trim(cells: Mapping[Cell, float], margins: Sequence[Margin], trimming: Trimming = Trimming(), *,
                  tolerance: float = 1e-9, most: int = 100) -> TrimmedRaking:
    """Rake; then, in turn, trim the weights beyond bounds and rake the others, until all are within bounds.

    The bounds are the floor and cap times the mean weight of the first raking. A trimmed weight
    stays at its bound. When the rounds run out, the weights still beyond bounds are trimmed and
    the targets may be missed: ``margins_met`` says whether they are met.
    """
    raking = rake(cells, margins, tolerance=tolerance, most=most)
    low, high = trimming.bounds(cells, raking.weights)
    held: dict[Cell, float] = {}
    iterations, rounds = raking.iterations, 0
    while rounds < trimming.rounds and (trimmed := beyond(raking.weights, low, high)):
        held |= trimmed
        raking = rake(cells, margins, tolerance=tolerance, most=most, held=held)
        iterations, rounds = iterations + raking.iterations, rounds + 1
    held |= beyond(raking.weights, low, high)
    weights = raking.weights | held
    return TrimmedRaking(weights, iterations, raking.converged, rounds, sum(cells[cell] for cell in held),
                         max((w for cell, w in weights.items() if cells[cell]), default=0.0),
                         margins_met(cells, weights, margins, tolerance))


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
