"""The panel model: an integer programme over how many of each type a panel takes.

Columns are the counts ``c_t`` (0 to the type's size); rows are the panel size, each quota and
each household (at most one of its members). Its objective is set per call, so one model prices
every candidate panel of a selection.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import highspy
import numpy as np

from peel.sortition.errors import SelectionError
from peel.sortition.problem import SelectionProblem

INFINITY = highspy.kHighsInf
Row = tuple[np.ndarray, np.ndarray | float, float, float]


def new_highs(**options: object) -> highspy.Highs:
    solver = highspy.Highs()
    solver.setOptionValue("output_flag", False)
    solver.setOptionValue("random_seed", 0)
    for name, value in options.items():
        solver.setOptionValue(name, value)
    return solver


def add_rows(solver: highspy.Highs, rows: Sequence[Row]) -> None:
    """Add ``(columns, coefficients, lower, upper)`` rows in one call."""
    if not rows:
        return
    starts = np.cumsum([0] + [len(columns) for columns, *_ in rows[:-1]]).astype(np.int32)
    indices = np.concatenate([np.asarray(columns, dtype=np.int32) for columns, *_ in rows])
    values = np.concatenate([np.broadcast_to(np.asarray(coefficients, dtype=np.float64), (len(columns),))
                             for columns, coefficients, *_ in rows])
    solver.addRows(len(rows), np.array([row[2] for row in rows], dtype=np.float64),
                   np.array([row[3] for row in rows], dtype=np.float64), len(indices), starts, indices, values)


@dataclass(frozen=True)
class Priced:
    """The best panel (counts per type) for some weights, its value and the solver's proved bound."""

    counts: tuple[int, ...]
    value: float
    bound: float


def quota_rows(problem: SelectionProblem, quotas: Sequence[tuple[int, int]] | None = None) -> list[Row]:
    """Panel size, every quota (``quotas`` overrides the bounds) and the household rows, over type counts."""
    types = len(problem.type_members)
    rows: list[Row] = [(np.arange(types), 1.0, problem.panel_size, problem.panel_size)]
    for index, quota in enumerate(problem.quotas):
        low, high = quotas[index] if quotas is not None else (quota.min, quota.max)
        rows.append((problem.types_with(index), 1.0, low, high))
    type_of = {member: t for t, members in enumerate(problem.type_members) for member in members}
    rows.extend((np.array(sorted({type_of[m] for m in group})), 1.0, -INFINITY, 1.0)
                for group in problem.household_groups)
    return rows


# These models are small and their LP bound is tight: HiGHS's primal heuristics (feasibility jump
# above all) cost more than the branching they save, and presolve finds nothing to remove.
QUICK_MIP = {"presolve": "off", "mip_heuristic_effort": 0.0} | {
    f"mip_heuristic_run_{name}": False
    for name in ("feasibility_jump", "rins", "rens", "root_reduced_cost", "zi_round", "shifting")
}


class PanelModel:
    """Finds the panel of greatest total weight, or any panel at all.

    Each question goes first to the LP relaxation (a millisecond, where the integer programme
    costs ten or more): when its optimum is integral it is the answer, and when its value is at
    most the caller's threshold no panel beats the threshold. Only otherwise does the integer
    programme run.
    """

    def __init__(self, problem: SelectionProblem) -> None:
        self.types = len(problem.type_members)
        self.columns = np.arange(self.types, dtype=np.int32)
        self.relaxed = self._model(problem)
        self.exact = self._model(problem)
        self.exact.changeColsIntegrality(self.types, self.columns,
                                         np.array([highspy.HighsVarType.kInteger] * self.types))
        for option, value in QUICK_MIP.items():
            self.exact.setOptionValue(option, value)
        self.solves = 0

    def _model(self, problem: SelectionProblem) -> highspy.Highs:
        solver = new_highs(mip_rel_gap=1e-9, mip_abs_gap=1e-10)
        solver.addVars(self.types, np.zeros(self.types), problem.type_sizes)
        add_rows(solver, quota_rows(problem))
        solver.changeObjectiveSense(highspy.ObjSense.kMaximize)
        return solver

    def _solve(self, solver: highspy.Highs, weights: np.ndarray) -> tuple[np.ndarray, float, float] | None:
        solver.changeColsCost(self.types, self.columns, weights)
        solver.run()
        status = solver.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            return None
        if status != highspy.HighsModelStatus.kOptimal:
            raise SelectionError(f"the panel solver stopped: {solver.modelStatusToString(status)}")
        info = solver.getInfo()
        bound = info.mip_dual_bound if solver is self.exact else info.objective_function_value
        return np.asarray(solver.getSolution().col_value), info.objective_function_value, bound

    def best(self, weights: np.ndarray, threshold: float = -INFINITY) -> Priced | None:
        """The panel maximising ``Σ weights[t] · c_t``; None when no panel meets the constraints.

        When no panel's weight exceeds ``threshold`` the answer may be ``Priced((), bound, bound)``.
        """
        weights = np.asarray(weights, dtype=np.float64)
        relaxed = self._solve(self.relaxed, weights)
        if relaxed is None:
            return None
        values, value, bound = relaxed
        counts = np.rint(values)
        if np.all(np.abs(values - counts) <= 1e-9):
            return Priced(tuple(counts.astype(int).tolist()), value, bound)
        if bound <= threshold:
            return Priced((), bound, bound)
        self.solves += 1
        values, value, bound = self._solve(self.exact, weights)
        return Priced(tuple(np.rint(values).astype(int).tolist()), value, bound)

    def any(self) -> Priced | None:
        """Any panel at all: with nothing to optimise, the feasibility-jump heuristic finds one fastest."""
        self.exact.setOptionValue("mip_heuristic_run_feasibility_jump", True)
        try:
            return self.best(np.zeros(self.types))
        finally:
            self.exact.setOptionValue("mip_heuristic_run_feasibility_jump", False)
