"""Replacements after drop-outs: r more people, from those never selected, keeping the whole panel's quotas."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from peel.sortition.errors import SelectionError
from peel.sortition.problem import SelectionProblem, selection_problem


def replacement_problem(problem: SelectionProblem, panel: Sequence[str], dropouts: Sequence[str],
                        count: int | None = None) -> SelectionProblem:
    """The problem of choosing ``count`` (default: one per drop-out) people to join those who stay.

    Candidates are the pool minus everyone on the panel (drop-outs included) and minus the
    housemates of those who stay; each quota is reduced by those who stay.
    """
    position = {person: index for index, person in enumerate(problem.ids)}
    _check_members(position, panel, dropouts)
    staying = [position[p] for p in panel if p not in set(dropouts)]
    excluded = {position[p] for p in panel} | _housemates(problem, staying)
    counts = problem.quota_counts(staying)
    quotas = [replace(quota, min=max(0, quota.min - c), max=quota.max - c,
                      min_flex=None if quota.min_flex is None else max(0, quota.min_flex - c),
                      max_flex=None if quota.max_flex is None else max(0, quota.max_flex - c))
              for quota, c in zip(problem.quotas, counts.tolist(), strict=True)]
    if any(quota.max < 0 for quota in quotas):
        raise SelectionError("the panel that stays already exceeds a maximum")
    candidates = [person for index, person in enumerate(problem.people) if index not in excluded]
    return selection_problem(candidates, quotas, len(dropouts) if count is None else count)


def _check_members(position: dict[str, int], panel: Sequence[str], dropouts: Sequence[str]) -> None:
    unknown = [p for p in panel if p not in position]
    if unknown:
        raise SelectionError(f"not in the pool: {', '.join(unknown)}")
    strays = [p for p in dropouts if p not in set(panel)]
    if strays:
        raise SelectionError(f"drop-outs not on the panel: {', '.join(strays)}")


def _housemates(problem: SelectionProblem, members: Sequence[int]) -> set[int]:
    staying = set(members)
    return {m for group in problem.household_groups if staying & set(group) for m in group}
