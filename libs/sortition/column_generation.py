"""Column generation over panels: the starting panels and the dual LP over the panels known so far.

The dual of "maximise the smallest unfixed probability, keeping the fixed ones" restricted to the
known panels P (as counts ``c_P`` per type of size ``n_t``):

    minimise  ŷ - Σ_{t fixed} p_t u_t
    subject to  Σ_t (c_Pt / n_t) u_t ≤ ŷ   for every known P
                Σ_{t not fixed} u_t = 1,   u, ŷ ≥ 0

A panel whose weight ``Σ_t (u_t / n_t) c_t`` exceeds ŷ is a violated row: pricing adds it. When
none exists the LP value is the level's optimum, and every type with ``u_t > 0`` is held at it in
every optimal distribution (complementary slackness), so it is fixed.
"""

from __future__ import annotations

from collections.abc import Callable

import highspy
import numpy as np

from peel.sortition.errors import SelectionError
from peel.sortition.panel_model import INFINITY, PanelModel, Priced, add_rows, new_highs

Profile = tuple[int, ...]
MULTIPLICATIVE_ROUNDS = 20


def starting_panels(model: PanelModel, sizes: np.ndarray, first: Priced,
                    report: Callable[[int], None]) -> tuple[list[Profile], list[int]]:
    """Diverse panels by multiplicative weights, then one panel per type not yet on any; and the types on none."""
    known = {first.counts: None}
    weights = np.ones(len(sizes))
    for _ in range(min(3 * len(sizes), MULTIPLICATIVE_ROUNDS)):
        found = model.best(weights / sizes)
        if found.counts in known:
            weights = 0.9 * weights + 0.1
        else:
            known[found.counts] = None
            weights[np.array(found.counts) > 0] *= 0.8
            report(len(known))
    return _cover_every_type(model, known, report)


def _cover_every_type(model: PanelModel, known: dict[Profile, None],
                      report: Callable[[int], None]) -> tuple[list[Profile], list[int]]:
    covered = np.any(np.array(list(known)) > 0, axis=0)
    never: list[int] = []
    for t in np.flatnonzero(~covered).tolist():
        if covered[t]:
            continue
        only = np.zeros(len(covered))
        only[t] = 1.0
        found = model.best(only)
        if found.counts[t] > 0:
            known[found.counts] = None
            covered |= np.array(found.counts) > 0
            report(len(known))
        else:
            never.append(t)
    return list(known), never


class DualLP:
    """The dual LP above, kept in one HiGHS model: panels add rows, fixing changes costs in place."""

    def __init__(self, sizes: np.ndarray, fixed: dict[int, float]) -> None:
        self.sizes, self.types = sizes, len(sizes)
        self.solver = new_highs()
        self.solver.addVars(self.types + 1, np.zeros(self.types + 1), np.full(self.types + 1, INFINITY))
        unfixed = np.array([t for t in range(self.types) if t not in fixed], dtype=np.int32)
        add_rows(self.solver, [(unfixed, 1.0, 1.0, 1.0)])
        self.cost = np.zeros(self.types + 1)
        self.cost[self.types] = 1.0
        self.fix(fixed)

    def add(self, profiles: list[Profile]) -> None:
        rows = []
        for counts in profiles:
            present = np.flatnonzero(np.array(counts))
            coefficients = np.append(np.array(counts)[present] / self.sizes[present], -1.0)
            rows.append((np.append(present, self.types), coefficients, -INFINITY, 0.0))
        add_rows(self.solver, rows)

    def fix(self, values: dict[int, float]) -> None:
        for t, value in values.items():
            self.cost[t] = -value
            self.solver.changeCoeff(0, t, 0.0)
        self.solver.changeColsCost(self.types + 1, np.arange(self.types + 1, dtype=np.int32), self.cost)

    def solve(self) -> tuple[np.ndarray, float, float]:
        """``(u, ŷ, objective)`` at the optimum."""
        self.solver.run()
        status = self.solver.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            raise SelectionError(f"the distribution LP stopped: {self.solver.modelStatusToString(status)}")
        values = np.asarray(self.solver.getSolution().col_value)
        return values[:self.types], float(values[self.types]), self.solver.getInfo().objective_function_value


def violated_panels(model: PanelModel, u: np.ndarray, cap: float, sizes: np.ndarray, first: Priced,
                    known: set[Profile], extra: int, eps: float) -> list[Profile]:
    """``first`` and up to ``extra`` more violated panels, pricing again with the new panel's weights damped."""
    found, weights, best = [first.counts], u / sizes, first
    for _ in range(extra):
        members = np.array(best.counts) > 0
        weights = weights.copy()
        weights[members] *= cap / best.value
        best = model.best(weights)
        if best is None or best.counts in known or best.counts in found:
            break
        if float(np.dot(u / sizes, best.counts)) <= cap + eps:
            break
        found.append(best.counts)
    return found


def final_distribution(profiles: list[Profile], sizes: np.ndarray, fixed: np.ndarray) -> np.ndarray:
    """The probabilities of ``profiles`` giving each type at least its fixed probability (up to a slack ε)."""
    m, types = len(profiles), len(sizes)
    share = np.array(profiles, dtype=np.float64) / sizes
    solver = new_highs()
    solver.addVars(m + 1, np.zeros(m + 1), np.full(m + 1, INFINITY))
    rows = [(np.arange(m), 1.0, 1.0, 1.0)]
    for t in range(types):
        on = np.flatnonzero(share[:, t])
        rows.append((np.append(on, m), np.append(share[on, t], 1.0), fixed[t], INFINITY))
    add_rows(solver, rows)
    cost = np.zeros(m + 1)
    cost[m] = 1.0
    solver.changeColsCost(m + 1, np.arange(m + 1, dtype=np.int32), cost)
    solver.run()
    if solver.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        raise SelectionError("the final distribution LP did not solve")
    weights = np.clip(np.asarray(solver.getSolution().col_value)[:m], 0.0, None)
    weights[weights < 1e-12] = 0.0
    return weights / weights.sum()
