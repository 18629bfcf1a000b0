"""From a distribution over panel profiles (counts per type) to one over concrete panels.

Within a type every member must get the same chance. For a profile taking ``c`` of a type's
``n`` members, lay the members end to end on [0, c), each an interval of length c/n, and take the
members covering u, u+1, ..., u+c-1 for one u in [0, 1) shared by every type (systematic
sampling): exactly c members, each for a share c/n of the values of u. The values of u where some
type's choice changes cut [0, 1) into pieces; each piece is one concrete panel with the piece's
length as its share of the profile's probability. Every concrete panel has the profile's counts,
so it meets every constraint the profile meets.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction

import numpy as np

from peel.sortition.model import Distribution
from peel.sortition.problem import SelectionProblem

Panel = tuple[str, ...]


def _cuts(counts: Sequence[int], sizes: Sequence[int]) -> list[Fraction]:
    cuts = {Fraction(0)}
    for c, n in zip(counts, sizes, strict=True):
        if 0 < c < n:
            cuts.update(Fraction(j * c % n, n) for j in range(n))
    return [*sorted(cuts), Fraction(1)]


def _members_at(u: Fraction, counts: Sequence[int], members: Sequence[Sequence[int]]) -> list[int]:
    """The members covering u, u+1, ..., u+c-1 in each type (integer arithmetic: u = p/q)."""
    p, q = u.numerator, u.denominator
    chosen: list[int] = []
    for c, group in zip(counts, members, strict=True):
        if c == len(group):
            chosen.extend(group)
        elif c:
            n = len(group)
            chosen.extend(group[(p + i * q) * n // (q * c)] for i in range(c))
    return chosen


def concrete_panels(problem: SelectionProblem, counts: Sequence[int]) -> list[tuple[list[int], float]]:
    """The concrete panels (positions) a profile stands for, with their shares of it (summing to 1)."""
    members = problem.type_members
    cuts = _cuts(counts, [len(group) for group in members])
    return [(_members_at((low + high) / 2, counts, members), float(high - low))
            for low, high in itertools.pairwise(cuts)]


def canonical(panels: Mapping[Panel, float]) -> tuple[tuple[Panel, ...], tuple[float, ...]]:
    order = sorted(panels)
    return tuple(order), tuple(panels[panel] for panel in order)


def distribution_over_people(problem: SelectionProblem, algorithm: str, profiles: Sequence[Sequence[int]],
                             weights: np.ndarray, never: Sequence[int],
                             stats: Mapping[str, float]) -> Distribution:
    """The distribution over concrete panels, each person's probability, and who can never be selected."""
    ids = problem.ids
    panels: dict[Panel, float] = {}
    for counts, weight in zip(profiles, weights, strict=True):
        if weight <= 0.0:
            continue
        for positions, share in concrete_panels(problem, counts):
            panel = tuple(sorted(ids[p] for p in positions))
            panels[panel] = panels.get(panel, 0.0) + weight * share
    return from_panels(problem, algorithm, panels,
                       [ids[m] for t in never for m in problem.type_members[t]], stats)


def from_panels(problem: SelectionProblem, algorithm: str, panels: Mapping[Panel, float],
                never: Sequence[str], stats: Mapping[str, float]) -> Distribution:
    total = sum(panels.values())
    normalised = {panel: float(p / total) for panel, p in panels.items()}
    marginals = dict.fromkeys(problem.ids, 0.0)
    for panel, p in normalised.items():
        for person in panel:
            marginals[person] += p
    order, probabilities = canonical(normalised)
    return Distribution(algorithm, order, probabilities, marginals, tuple(sorted(never)), dict(stats))
