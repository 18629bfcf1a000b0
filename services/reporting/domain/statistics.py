"""Summaries of a distribution: how many respondents gave each value.

Quantiles interpolate between the two nearest values, as PostgreSQL's ``percentile_cont``
does: the p-quantile of n sorted values x[0..n-1] is taken at position p * (n - 1).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

Distribution = Mapping[float, float]  # value -> how many gave it (a weight, once results are weighted)


def total(distribution: Distribution) -> float:
    return sum(distribution.values())


def mean(distribution: Distribution) -> float | None:
    count = total(distribution)
    if not count:
        return None
    return sum(value * weight for value, weight in distribution.items()) / count


def quantile(distribution: Distribution, p: float) -> float | None:
    count = total(distribution)
    if not count:
        return None
    position = p * (count - 1)
    below = math.floor(position)
    lower, upper = nth(distribution, below), nth(distribution, min(below + 1, count - 1))
    return lower + (position - below) * (upper - lower)


def median(distribution: Distribution) -> float | None:
    return quantile(distribution, 0.5)


def nth(distribution: Distribution, index: float) -> float:
    """The value at 0-based ``index`` among the values sorted in ascending order."""
    seen = 0.0
    for value in sorted(distribution):
        seen += distribution[value]
        if index < seen:
            return value
    return max(distribution)


@dataclass(frozen=True, slots=True)
class Quartiles:
    lower: float
    median: float
    upper: float

    @property
    def spread(self) -> float:
        """The interquartile range."""
        return self.upper - self.lower


def quartiles(distribution: Distribution) -> Quartiles | None:
    if not total(distribution):
        return None
    lower, middle, upper = (quantile(distribution, p) for p in (0.25, 0.5, 0.75))
    return Quartiles(lower, middle, upper)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Bucket:
    """Values from ``low`` (included) to ``high`` (excluded, except in the last bucket)."""

    low: float
    high: float
    count: float


def buckets(distribution: Distribution, low: float | None = None, high: float | None = None,
            most: int = 10) -> list[Bucket]:
    """At most ``most`` equal buckets of a round width (1, 2, 2.5 or 5 times a power of ten).

    They span ``low`` to ``high`` (a question's range) and every value given; whole numbers
    get buckets at least one wide.
    """
    values = [value for value, weight in distribution.items() if weight]
    if not values and (low is None or high is None):
        return []
    start = min([*values, *([] if low is None else [low])])
    end = max([*values, *([] if high is None else [high])])
    width = round_width((end - start) / most, whole=all(float(v).is_integer() for v in values))
    first = math.floor(start / width) * width
    count = max(1, math.ceil((end - first) / width))
    counts = [0.0] * count
    for value in values:
        counts[min(int((value - first) // width), count - 1)] += distribution[value]
    return [Bucket(_edge(first + i * width), _edge(first + (i + 1) * width), counts[i]) for i in range(count)]


def _edge(value: float) -> float:
    return round(value, 9) + 0.0


def round_width(least: float, *, whole: bool) -> float:
    """The smallest round width of at least ``least``: 1, 2, 2.5 or 5 times a power of ten."""
    if least <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(least))
    width = next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= least * (1 - 1e-12))
    return max(width, 1.0) if whole else width
