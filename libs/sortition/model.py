"""What a selection is about: the pool, the quotas, the panel size; and what it produces."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Person:
    """A volunteer in the pool: an id, one value per feature, and the address fields that make a household."""

    id: str
    features: Mapping[str, str]
    address: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quota:
    """How many of the panel may have ``value`` for ``feature``; ``min_flex``/``max_flex`` bound any relaxation."""

    feature: str
    value: str
    min: int
    max: int
    min_flex: int | None = None
    max_flex: int | None = None


@dataclass(frozen=True)
class Progress:
    """Where a long selection has got to: shown to whoever started it."""

    stage: str
    panels: int
    people_fixed: int
    pool_size: int
    levels: int = 0
    value: float | None = None


ProgressSink = Callable[[Progress], None]


@dataclass(frozen=True)
class Distribution:
    """A probability distribution over feasible panels (member ids sorted; panels in canonical order)."""

    algorithm: str
    panels: tuple[tuple[str, ...], ...]
    probabilities: tuple[float, ...]
    marginals: Mapping[str, float]
    never_selectable: tuple[str, ...] = ()
    stats: Mapping[str, float] = field(default_factory=dict)

    @property
    def min_probability(self) -> float:
        return min(self.marginals.values(), default=0.0)
