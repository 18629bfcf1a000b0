"""LEGACY: the Sortition Foundation's earlier greedy selection (Flanigan et al. 2021, Methods).

Person by person: take the feature value whose unmet minimum is largest relative to the people
left who have it, pick one of those people uniformly at random, then remove everyone who can no
longer be taken (housemates, and holders of any value whose maximum is now reached). A draw that
runs out of people or leaves a minimum unmet is abandoned and redrawn.
"""

from __future__ import annotations

import bisect
import random
from collections import Counter

from peel.sortition.errors import SelectionError
from peel.sortition.expand import from_panels
from peel.sortition.model import Distribution, Progress, ProgressSink
from peel.sortition.problem import SelectionProblem
from peel.sortition.relaxation import infeasible

MAX_ATTEMPTS = 100


class _Draw:
    """One greedy attempt: who is still available and how each quota stands."""

    def __init__(self, problem: SelectionProblem) -> None:
        self.problem = problem
        self.quotas = problem.quotas
        self.selected = [0] * len(self.quotas)
        self.holders: list[list[int]] = [[] for _ in self.quotas]
        for person, quotas in enumerate(problem.person_quota.tolist()):
            for q in quotas:
                self.holders[q].append(person)
        self.housemates = {m: group for group in problem.household_groups for m in group}
        self.available = set(range(len(problem.people)))
        for q, quota in enumerate(self.quotas):
            if quota.max == 0:
                self._remove_all(q)

    def _remove(self, person: int) -> None:
        self.available.discard(person)
        for q in self.problem.person_quota[person].tolist():
            holders = self.holders[q]
            del holders[bisect.bisect_left(holders, person)]
            if len(holders) + self.selected[q] < self.quotas[q].min:
                raise SelectionError("legacy draw ran out of people for a minimum")

    def _remove_all(self, q: int) -> None:
        for person in list(self.holders[q]):
            self._remove(person)

    def _most_urgent(self) -> int:
        best, urgency = None, -100.0
        for q, quota in enumerate(self.quotas):
            left = len(self.holders[q])
            if left and quota.max:
                ratio = (quota.min - self.selected[q]) / left
                if ratio > 1:
                    raise SelectionError("legacy draw cannot meet a minimum")
                if ratio > urgency:
                    best, urgency = q, ratio
        if best is None:
            raise SelectionError("legacy draw ran out of people")
        return best

    def take(self, rng: random.Random) -> int:
        q = self._most_urgent()
        person = self.holders[q][rng.randint(1, len(self.holders[q])) - 1]
        self._remove(person)
        for quota in self.problem.person_quota[person].tolist():
            self.selected[quota] += 1
        for housemate in self.housemates.get(person, ()):
            if housemate in self.available:
                self._remove(housemate)
        for quota in self.problem.person_quota[person].tolist():
            if self.selected[quota] == self.quotas[quota].max:
                self._remove_all(quota)
        return person

    def panel(self, rng: random.Random) -> tuple[int, ...]:
        chosen = tuple(self.take(rng) for _ in range(self.problem.panel_size))
        if any(s < quota.min for s, quota in zip(self.selected, self.quotas, strict=True)):
            raise SelectionError("legacy draw left a minimum unmet")
        return chosen


def legacy_panel(problem: SelectionProblem, rng: random.Random) -> tuple[int, ...]:
    """One panel (positions) by the greedy method, redrawn up to MAX_ATTEMPTS times."""
    for _ in range(MAX_ATTEMPTS):
        try:
            return _Draw(problem).panel(rng)
        except SelectionError:
            continue
    raise infeasible(problem) if _infeasible(problem) else SelectionError(
        f"the legacy method failed {MAX_ATTEMPTS} times in a row; try LEXIMIN")


def _infeasible(problem: SelectionProblem) -> bool:
    from peel.sortition.panel_model import PanelModel
    return PanelModel(problem).any() is None


def legacy(problem: SelectionProblem, seed: int, draws: int = 1000,
           progress: ProgressSink | None = None) -> Distribution:
    """The empirical distribution of ``draws`` legacy panels drawn with ``seed``."""
    rng, ids = random.Random(seed), problem.ids
    counts: Counter[tuple[str, ...]] = Counter()
    for done in range(1, draws + 1):
        counts[tuple(sorted(ids[p] for p in legacy_panel(problem, rng)))] += 1
        if progress is not None and (done % 100 == 0 or done == draws):
            progress(Progress("legacy draws", done, 0, len(ids)))
    selectable = {person for panel in counts for person in panel}
    return from_panels(problem, "legacy", {panel: float(c) for panel, c in counts.items()},
                       [i for i in ids if i not in selectable], {"draws": draws})
