"""Does a panel meet every constraint? Used on every panel a distribution puts weight on."""

from __future__ import annotations

from collections.abc import Sequence

from peel.sortition.problem import SelectionProblem


def panel_problems(problem: SelectionProblem, panel: Sequence[str]) -> list[str]:
    """What is wrong with ``panel`` (empty when it meets size, quotas and the household rule)."""
    position = {person: index for index, person in enumerate(problem.ids)}
    members = [position[p] for p in panel if p in position]
    found = [f"{p} is not in the pool" for p in panel if p not in position]
    if len(set(panel)) != problem.panel_size:
        found.append(f"{len(set(panel))} members, not {problem.panel_size}")
    for quota, count in zip(problem.quotas, problem.quota_counts(members).tolist(), strict=True):
        if not quota.min <= count <= quota.max:
            found.append(f"{quota.feature}:{quota.value} has {count}, outside {quota.min}-{quota.max}")
    chosen = set(members)
    found += [f"household of {problem.ids[group[0]]} has {len(chosen & set(group))} members on the panel"
              for group in problem.household_groups if len(chosen & set(group)) > 1]
    return found
