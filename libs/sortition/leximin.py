"""LEXIMIN (Flanigan et al., Nature 2021) and MAXIMIN on HiGHS.

Level by level: column generation finds the largest probability every unfixed type can be given
while the fixed ones keep theirs; the types the level's dual solution puts weight on are fixed at
that value. A final LP finds a distribution over the panels found that gives every type its value.
"""

from __future__ import annotations

import time

import numpy as np

from peel.sortition.column_generation import DualLP, final_distribution, starting_panels, violated_panels
from peel.sortition.expand import distribution_over_people
from peel.sortition.model import Distribution, Progress, ProgressSink
from peel.sortition.panel_model import PanelModel, Priced
from peel.sortition.problem import SelectionProblem
from peel.sortition.relaxation import infeasible

EPS = 1e-7          # optimality gap accepted at each level, on the solver's proved bound
EXTRA_PANELS = 3    # further violated panels priced per LP solve


class _Run:
    """The state of one selection: the panel model, panels found, fixed probabilities, progress."""

    def __init__(self, problem: SelectionProblem, progress: ProgressSink | None) -> None:
        self.problem, self.progress = problem, progress
        self.sizes = problem.type_sizes
        self.model = PanelModel(problem)
        self.fixed: dict[int, float] = {}
        self.levels = 0
        self.started = time.perf_counter()

    def report(self, stage: str, panels: int, value: float | None = None) -> None:
        if self.progress is not None:
            people = int(sum(self.sizes[t] for t in self.fixed))
            self.progress(Progress(stage, panels, people, len(self.problem.people), self.levels, value))

    def start(self) -> None:
        """The starting panels, the types on none (fixed at 0) and the dual LP over the panels."""
        first = self.model.any()
        if first is None:
            raise infeasible(self.problem)
        self.profiles, self.never = starting_panels(self.model, self.sizes, first,
                                                    lambda count: self.report("starting panels", count))
        self.fixed.update(dict.fromkeys(self.never, 0.0))
        self.lp = DualLP(self.sizes, self.fixed)
        self.lp.add(self.profiles)
        self.known = set(self.profiles)

    @property
    def unfixed(self) -> bool:
        return len(self.fixed) < len(self.sizes)

    def level(self) -> float:
        """Generate panels until this level is optimal; fix its types and return its value."""
        while True:
            u, cap, value = self.lp.solve()
            priced: Priced = self.model.best(u / self.sizes, cap + EPS)
            if priced.bound <= cap + EPS:
                newly = {t: max(0.0, value) for t in range(len(self.sizes)) if t not in self.fixed and u[t] > EPS}
                if not newly:   # numerically flat: fix the weakest remaining type
                    newly = {max((t for t in range(len(u)) if t not in self.fixed), key=lambda t: u[t]): value}
                self.fixed.update(newly)
                self.lp.fix(newly)
                self.levels += 1
                self.report("level fixed", len(self.profiles), value)
                return value
            found = violated_panels(self.model, u, cap, self.sizes, priced, self.known, EXTRA_PANELS, EPS)
            self.profiles.extend(found)
            self.known.update(found)
            self.lp.add(found)
            self.report("generating panels", len(self.profiles), value)

    def finish(self, algorithm: str, floors: np.ndarray) -> Distribution:
        """The final LP over the panels found, spread over concrete panels."""
        weights = final_distribution(self.profiles, self.sizes, floors)
        stats = {"seconds": time.perf_counter() - self.started, "levels": self.levels,
                 "panel_solves": self.model.solves, "types": len(self.sizes), "profiles": len(self.profiles)}
        return distribution_over_people(self.problem, algorithm, self.profiles, weights, self.never, stats)


def leximin(problem: SelectionProblem, progress: ProgressSink | None = None) -> Distribution:
    """The leximin-optimal distribution over feasible panels."""
    run = _Run(problem, progress)
    run.start()
    while run.unfixed:
        run.level()
    return run.finish("leximin", np.array([run.fixed[t] for t in range(len(run.sizes))]))


def maximin(problem: SelectionProblem, progress: ProgressSink | None = None) -> Distribution:
    """A distribution maximising only the smallest probability (the first level of LEXIMIN)."""
    run = _Run(problem, progress)
    run.start()
    value = run.level() if run.unfixed else 0.0
    return run.finish("maximin", np.array([0.0 if t in run.never else value for t in range(len(run.sizes))]))
