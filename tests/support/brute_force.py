"""LEXIMIN by listing every feasible panel: the engine's oracle on pools small enough to enumerate."""

from __future__ import annotations

import itertools

import highspy
import numpy as np

from peel.sortition import SelectionProblem, panel_problems


def feasible_panels(problem: SelectionProblem) -> list[tuple[str, ...]]:
    return [panel for panel in itertools.combinations(problem.ids, problem.panel_size)
            if not panel_problems(problem, panel)]


def _best(panels, ids, floors: dict[str, float], objective) -> float:
    """max objective over distributions on ``panels`` keeping each probability above its floor."""
    solver = highspy.Highs()
    solver.setOptionValue("output_flag", False)
    m = len(panels)
    solver.addVars(m + 1, np.zeros(m + 1), np.full(m + 1, highspy.kHighsInf))
    solver.addRow(1.0, 1.0, m, np.arange(m, dtype=np.int32), np.ones(m))
    for person in ids:
        on = [j for j, panel in enumerate(panels) if person in panel]
        if person in floors:
            solver.addRow(floors[person], highspy.kHighsInf, len(on), np.array(on, dtype=np.int32), np.ones(len(on)))
        elif objective == "min":
            index = np.array([*on, m], dtype=np.int32)
            solver.addRow(0.0, highspy.kHighsInf, len(index), index, np.append(np.ones(len(on)), -1.0))
    cost = np.zeros(m + 1)
    if objective == "min":
        cost[m] = 1.0
    else:
        cost[[j for j, panel in enumerate(panels) if objective in panel]] = 1.0
    solver.changeColsCost(m + 1, np.arange(m + 1, dtype=np.int32), cost)
    solver.changeObjectiveSense(highspy.ObjSense.kMaximize)
    solver.run()
    return solver.getInfo().objective_function_value


def brute_force_leximin(problem: SelectionProblem) -> dict[str, float]:
    """Each person's leximin probability: fix, level by level, everyone who cannot rise above the level."""
    panels = feasible_panels(problem)
    on_some = {person for panel in panels for person in panel}
    fixed = {person: 0.0 for person in problem.ids if person not in on_some}
    while len(fixed) < len(problem.ids):
        level = _best(panels, problem.ids, fixed, "min")
        floors = dict(fixed) | {p: level - 1e-9 for p in problem.ids if p not in fixed}
        stuck = [p for p in problem.ids if p not in fixed
                 and _best(panels, problem.ids, {q: v for q, v in floors.items() if q != p} | {p: level - 1e-9}, p)
                 <= level + 1e-7]
        fixed.update(dict.fromkeys(stuck, level))
    return fixed
