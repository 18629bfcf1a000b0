"""Fair stratified random selection of citizens' assembly members; pure: no I/O, no service imports.

LEXIMIN (Flanigan, Gölz, Gupta, Hennig and Procaccia, Nature 596, 2021) by column generation on
HiGHS, LEGACY for comparison, infeasible-quota relaxations, replacements, and reproducible draws.
"""

from peel.sortition.errors import (
    CannotRelax,
    InfeasibleQuotas,
    PoolError,
    QuotaError,
    Relaxation,
    SelectionError,
)
from peel.sortition.lottery import draw, lottery_error, uniform_lottery
from peel.sortition.model import Distribution, Person, Progress, Quota
from peel.sortition.problem import SelectionProblem, check_quotas, selection_problem
from peel.sortition.relaxation import suggest_relaxation
from peel.sortition.replacement import replacement_problem
from peel.sortition.selection import ALGORITHMS, Selection, any_panel, check_feasible, find_distribution, select
from peel.sortition.summary import probability_summary
from peel.sortition.verify import panel_problems

__all__ = [
    "ALGORITHMS",
    "CannotRelax",
    "Distribution",
    "InfeasibleQuotas",
    "Person",
    "PoolError",
    "Progress",
    "Quota",
    "QuotaError",
    "Relaxation",
    "Selection",
    "SelectionError",
    "SelectionProblem",
    "any_panel",
    "check_feasible",
    "check_quotas",
    "draw",
    "find_distribution",
    "lottery_error",
    "panel_problems",
    "probability_summary",
    "replacement_problem",
    "select",
    "selection_problem",
    "suggest_relaxation",
    "uniform_lottery",
]
