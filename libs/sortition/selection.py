"""The engine's front door: check feasibility, find the distribution, draw the panel."""

from __future__ import annotations

from dataclasses import dataclass

from peel.sortition.expand import concrete_panels
from peel.sortition.legacy import legacy
from peel.sortition.leximin import leximin, maximin
from peel.sortition.lottery import draw
from peel.sortition.model import Distribution, ProgressSink
from peel.sortition.panel_model import PanelModel
from peel.sortition.problem import SelectionProblem
from peel.sortition.relaxation import infeasible

ALGORITHMS = ("leximin", "legacy", "maximin")


@dataclass(frozen=True)
class Selection:
    """The published distribution, the seed, and the panel the seed draws from it."""

    distribution: Distribution
    seed: int
    selected: tuple[str, ...]


def any_panel(problem: SelectionProblem) -> tuple[str, ...] | None:
    """One panel meeting every constraint, or None: the quick feasibility check."""
    found = PanelModel(problem).any()
    if found is None:
        return None
    positions, _ = concrete_panels(problem, found.counts)[0]
    return tuple(sorted(problem.ids[p] for p in positions))


def check_feasible(problem: SelectionProblem) -> None:
    """Raise InfeasibleQuotas (with the smallest relaxation) or CannotRelax when no panel exists."""
    if any_panel(problem) is None:
        raise infeasible(problem)


def find_distribution(problem: SelectionProblem, algorithm: str = "leximin", seed: int = 0,
                      progress: ProgressSink | None = None, legacy_draws: int = 1000) -> Distribution:
    if algorithm == "leximin":
        return leximin(problem, progress)
    if algorithm == "maximin":
        return maximin(problem, progress)
    if algorithm == "legacy":
        return legacy(problem, seed, legacy_draws, progress)
    raise ValueError(f"unknown algorithm {algorithm!r}; choose from {', '.join(ALGORITHMS)}")


def select(problem: SelectionProblem, algorithm: str = "leximin", seed: int = 0,
           progress: ProgressSink | None = None, legacy_draws: int = 1000) -> Selection:
    """The distribution by ``algorithm`` and the panel ``seed`` draws from it."""
    distribution = find_distribution(problem, algorithm, seed, progress, legacy_draws)
    return Selection(distribution, seed, draw(distribution, seed))
