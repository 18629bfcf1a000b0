"""When no panel meets the quotas: the smallest relaxation, within ``min_flex``/``max_flex``, that lets one.

An integer programme over the panel (counts per type) and how far each quota's min is lowered
(``d_min``) and max raised (``d_max``). It minimises ``Σ (1 + 2/min) d_min + Σ d_max`` as the
Sortition Foundation's tools do, so lowering an already small minimum costs more. Without flex
columns a min may fall to 0 and a max rise to the panel size.
"""

from __future__ import annotations

import highspy
import numpy as np

from peel.sortition.errors import CannotRelax, InfeasibleQuotas, Relaxation, SelectionError
from peel.sortition.panel_model import INFINITY, add_rows, new_highs, quota_rows
from peel.sortition.problem import SelectionProblem


def _room(problem: SelectionProblem) -> tuple[np.ndarray, np.ndarray]:
    """How far each min may fall and each max may rise."""
    lower = [q.min - (q.min_flex if q.min_flex is not None else 0) for q in problem.quotas]
    upper = [max(0, (q.max_flex if q.max_flex is not None else problem.panel_size) - q.max)
             for q in problem.quotas]
    return np.array(lower, dtype=np.float64), np.array(upper, dtype=np.float64)


def _relaxation_model(problem: SelectionProblem) -> highspy.Highs:
    types, quotas = len(problem.type_members), len(problem.quotas)
    solver = new_highs()
    lower_room, upper_room = _room(problem)
    solver.addVars(types + 2 * quotas, np.zeros(types + 2 * quotas),
                   np.concatenate([problem.type_sizes, lower_room, upper_room]))
    columns = types + 2 * quotas
    solver.changeColsIntegrality(columns, np.arange(columns, dtype=np.int32),
                                 np.array([highspy.HighsVarType.kInteger] * columns))
    rows = quota_rows(problem, [(-INFINITY, INFINITY)] * quotas)
    for q, quota in enumerate(problem.quotas):
        on = problem.types_with(q)
        rows.append((np.append(on, types + q), np.append(np.ones(len(on)), 1.0), quota.min, INFINITY))
        rows.append((np.append(on, types + quotas + q), np.append(np.ones(len(on)), -1.0), -INFINITY, quota.max))
    add_rows(solver, rows)
    weights = [1.0 + 2.0 / q.min if q.min else 0.0 for q in problem.quotas] + [1.0] * quotas
    solver.changeColsCost(2 * quotas, np.arange(types, columns, dtype=np.int32), np.array(weights))
    return solver


def suggest_relaxation(problem: SelectionProblem) -> list[Relaxation]:
    """The quota changes that make a panel possible at the least cost; raises CannotRelax if none does."""
    solver = _relaxation_model(problem)
    solver.run()
    status = solver.getModelStatus()
    if status == highspy.HighsModelStatus.kInfeasible:
        raise CannotRelax()
    if status != highspy.HighsModelStatus.kOptimal:
        raise SelectionError(f"the relaxation solver stopped: {solver.modelStatusToString(status)}")
    values = np.rint(np.asarray(solver.getSolution().col_value)).astype(int)
    types, quotas = len(problem.type_members), len(problem.quotas)
    changes = []
    for q, quota in enumerate(problem.quotas):
        lowered, raised = values[types + q], values[types + quotas + q]
        if lowered:
            changes.append(Relaxation(quota.feature, quota.value, "min", quota.min, quota.min - lowered))
        if raised:
            changes.append(Relaxation(quota.feature, quota.value, "max", quota.max, quota.max + raised))
    return changes


def infeasible(problem: SelectionProblem) -> SelectionError:
    """The error to raise when no panel meets the quotas: InfeasibleQuotas with its fix, or CannotRelax."""
    try:
        return InfeasibleQuotas(suggest_relaxation(problem))
    except CannotRelax as error:
        return error
