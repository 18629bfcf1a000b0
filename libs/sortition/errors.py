"""Why a selection cannot go ahead, in words an office can act on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class SelectionError(Exception):
    """The selection cannot be made (bad input or a solver failure)."""


class PoolError(SelectionError):
    """A person in the pool (by position) has a missing or unknown value in ``column``."""

    def __init__(self, index: int, column: str, reason: str) -> None:
        super().__init__(f"person {index + 1}, column {column!r}: {reason}")
        self.index, self.column, self.reason = index, column, reason


class QuotaError(SelectionError):
    """A quota row (by position) is malformed or contradicts the others."""

    def __init__(self, index: int | None, column: str, reason: str) -> None:
        where = "quotas" if index is None else f"quota {index + 1}"
        super().__init__(f"{where}, column {column!r}: {reason}")
        self.index, self.column, self.reason = index, column, reason


@dataclass(frozen=True)
class Relaxation:
    """One quota bound to change: ``bound`` is "min" or "max"."""

    feature: str
    value: str
    bound: str
    current: int
    suggested: int

    def __str__(self) -> str:
        verb = "lower" if self.bound == "min" else "raise"
        return f"{verb} the {self.bound} of {self.feature}:{self.value} from {self.current} to {self.suggested}"


class InfeasibleQuotas(SelectionError):
    """No panel meets every quota; ``relaxations`` is the smallest change that makes one possible."""

    def __init__(self, relaxations: Sequence[Relaxation]) -> None:
        lines = [f"- {change}" for change in relaxations]
        super().__init__("no panel of this size meets every quota; the smallest relaxation that makes one "
                         "possible:\n" + "\n".join(lines))
        self.relaxations = tuple(relaxations)


class CannotRelax(SelectionError):
    """No relaxation within ``min_flex``/``max_flex`` makes a panel possible."""

    def __init__(self) -> None:
        super().__init__("no panel of this size meets every quota, and no relaxation within the min_flex and "
                         "max_flex columns makes one possible")
