"""Drawing from a published distribution, reproducibly.

The panels are in canonical order (member ids sorted, panels sorted), so the distribution itself
fixes the order. ``u = random.Random(seed).random()`` (the same on every Python 3, by the
``random`` module's guarantee for integer seeds) picks the panel whose stretch of the cumulative
probabilities holds ``u``. A public lottery of m panels uses the m points (u + j) / m
(systematic sampling), so each panel appears round(m · p) times give or take one.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Sequence

from peel.sortition.model import Distribution


def _cumulative(probabilities: Sequence[float]) -> list[float]:
    running = list(itertools.accumulate(probabilities))
    return [value / running[-1] for value in running]


def _panel_at(distribution: Distribution, cumulative: list[float], point: float) -> tuple[str, ...]:
    index = min(bisect.bisect_right(cumulative, point), len(cumulative) - 1)
    return distribution.panels[index]


def draw(distribution: Distribution, seed: int) -> tuple[str, ...]:
    """The panel that ``seed`` picks from ``distribution``."""
    return _panel_at(distribution, _cumulative(distribution.probabilities), random.Random(seed).random())


def uniform_lottery(distribution: Distribution, size: int, seed: int) -> list[tuple[str, ...]]:
    """``size`` panels, each to be drawn with chance 1/size, whose frequencies approximate the distribution."""
    if size < 1:
        raise ValueError(f"a lottery needs at least one panel, not {size}")
    cumulative = _cumulative(distribution.probabilities)
    start = random.Random(seed).random()
    return [_panel_at(distribution, cumulative, (start + j) / size) for j in range(size)]


def lottery_error(distribution: Distribution, lottery: Sequence[tuple[str, ...]]) -> float:
    """The largest difference between a person's share of the lottery and their probability."""
    shares = dict.fromkeys(distribution.marginals, 0.0)
    for panel in lottery:
        for person in panel:
            shares[person] += 1 / len(lottery)
    return max(abs(shares[p] - q) for p, q in distribution.marginals.items())
