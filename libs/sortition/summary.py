"""What an office publishes about a selection: how evenly the chances were spread."""

from __future__ import annotations

import math
import statistics

from peel.sortition.model import Distribution


def gini(values: list[float]) -> float:
    """The Gini coefficient of the probabilities: 0 when everyone has the same chance."""
    ordered, n = sorted(values), len(values)
    total = sum(ordered)
    if not n or total <= 0:
        return 0.0
    return sum((2 * i - n + 1) * p for i, p in enumerate(ordered)) / (n * total)


def probability_summary(distribution: Distribution) -> dict[str, float | int]:
    """Smallest, largest, median and mean chance, their spread, and how many can never be selected."""
    values = list(distribution.marginals.values())
    positive = [p for p in values if p > 0]
    quartiles = statistics.quantiles(values, n=4) if len(values) > 1 else [values[0]] * 3
    return {
        "pool_size": len(values),
        "min": min(values), "lower_quartile": quartiles[0], "median": quartiles[1],
        "upper_quartile": quartiles[2], "max": max(values), "mean": statistics.fmean(values),
        "gini": gini(values),
        "geometric_mean": math.exp(statistics.fmean(math.log(p) for p in positive)) if positive else 0.0,
        "never_selectable": len(distribution.never_selectable),
        "panels": len(distribution.panels),
    }
