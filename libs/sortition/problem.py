"""A selection problem checked and compiled: people grouped into interchangeable types.

People with the same value for every quota feature and no housemate are interchangeable: any
feasible panel stays feasible when one is swapped for another, so the leximin-optimal
probabilities give them the same value. The solvers therefore count how many of each type a
panel takes instead of deciding person by person; people in a household of two or more are
each a type of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from peel.sortition.errors import PoolError, QuotaError
from peel.sortition.model import Person, Quota


def normalise(text: str) -> str:
    """Case and runs of white space do not matter: ``" Flat 1 "`` and ``"flat  1"`` are equal."""
    return " ".join(text.split()).casefold()


def households(addresses: Sequence[tuple[str, ...]]) -> list[list[int]]:
    """Positions of people sharing a normalised address (two or more; a blank address is no household)."""
    groups: dict[tuple[str, ...], list[int]] = {}
    for index, address in enumerate(addresses):
        key = tuple(normalise(part) for part in address)
        if any(key):
            groups.setdefault(key, []).append(index)
    return [group for group in groups.values() if len(group) > 1]


@dataclass(frozen=True)
class SelectionProblem:
    """Validated input: ``quotas[q]`` bounds how many of the panel have ``value_of[:, feature(q)] == q``."""

    people: tuple[Person, ...]
    quotas: tuple[Quota, ...]
    panel_size: int
    features: tuple[str, ...]
    person_quota: np.ndarray          # (n, features): the quota index each person falls under, per feature
    household_groups: tuple[tuple[int, ...], ...]
    type_members: tuple[tuple[int, ...], ...]

    @property
    def ids(self) -> list[str]:
        return [person.id for person in self.people]

    @property
    def type_sizes(self) -> np.ndarray:
        return np.array([len(members) for members in self.type_members], dtype=np.float64)

    def types_with(self, quota: int) -> np.ndarray:
        """The types whose members count towards ``quota``."""
        column = self.features.index(normalise(self.quotas[quota].feature))
        firsts = [members[0] for members in self.type_members]
        return np.flatnonzero(self.person_quota[firsts, column] == quota).astype(np.int32)

    def quota_counts(self, members: Iterable[int]) -> np.ndarray:
        """How many of ``members`` (positions) fall under each quota."""
        counts = np.zeros(len(self.quotas), dtype=np.int64)
        for index in members:
            counts[self.person_quota[index]] += 1
        return counts


def selection_problem(people: Sequence[Person], quotas: Sequence[Quota], panel_size: int) -> SelectionProblem:
    """Check ``people`` and ``quotas`` against each other and compile them; errors name the row and column."""
    check_quotas(quotas, panel_size)
    features = tuple(dict.fromkeys(normalise(quota.feature) for quota in quotas))
    person_quota = _quota_of_each_person(people, quotas, features)
    _check_pool(people, panel_size)
    groups = households([person.address for person in people])
    return SelectionProblem(tuple(people), tuple(quotas), panel_size, features, person_quota,
                            tuple(tuple(group) for group in groups), _types(person_quota, groups))


def check_quotas(quotas: Sequence[Quota], panel_size: int) -> None:
    if panel_size < 1:
        raise QuotaError(None, "panel_size", f"must be at least 1, not {panel_size}")
    if not quotas:
        raise QuotaError(None, "feature", "there are no quotas")
    seen: set[tuple[str, str]] = set()
    for index, quota in enumerate(quotas):
        _check_quota(index, quota)
        key = (normalise(quota.feature), normalise(quota.value))
        if key in seen:
            raise QuotaError(index, "value", f"{quota.feature}:{quota.value} appears twice")
        seen.add(key)


def _check_quota(index: int, quota: Quota) -> None:
    if not normalise(quota.feature):
        raise QuotaError(index, "feature", "is blank")
    if not normalise(quota.value):
        raise QuotaError(index, "value", "is blank")
    if quota.min < 0:
        raise QuotaError(index, "min", f"must not be negative, not {quota.min}")
    if quota.max < quota.min:
        raise QuotaError(index, "max", f"{quota.max} is below min {quota.min}")
    if quota.min_flex is not None and quota.min_flex > quota.min:
        raise QuotaError(index, "min_flex", f"{quota.min_flex} is above min {quota.min}")
    if quota.max_flex is not None and quota.max_flex < quota.max:
        raise QuotaError(index, "max_flex", f"{quota.max_flex} is below max {quota.max}")


def _quota_of_each_person(people: Sequence[Person], quotas: Sequence[Quota],
                          features: tuple[str, ...]) -> np.ndarray:
    lookup = {(normalise(q.feature), normalise(q.value)): index for index, q in enumerate(quotas)}
    result = np.zeros((len(people), len(features)), dtype=np.int32)
    for row, person in enumerate(people):
        given = {normalise(name): value for name, value in person.features.items()}
        for column, feature in enumerate(features):
            if feature not in given:
                raise PoolError(row, feature, "has no value")
            quota = lookup.get((feature, normalise(given[feature])))
            if quota is None:
                raise PoolError(row, feature, f"value {given[feature]!r} has no quota")
            result[row, column] = quota
    return result


def _check_pool(people: Sequence[Person], panel_size: int) -> None:
    seen: dict[str, int] = {}
    for row, person in enumerate(people):
        if not person.id.strip():
            raise PoolError(row, "id", "is blank")
        if person.id in seen:
            raise PoolError(row, "id", f"{person.id!r} is also person {seen[person.id] + 1}")
        seen[person.id] = row
    if panel_size > len(people):
        raise QuotaError(None, "panel_size", f"{panel_size} is more than the {len(people)} people in the pool")


def _types(person_quota: np.ndarray, groups: list[list[int]]) -> tuple[tuple[int, ...], ...]:
    in_household = {index for group in groups for index in group}
    types: dict[object, list[int]] = {}
    for index, row in enumerate(person_quota.tolist()):
        key = ("household", index) if index in in_household else tuple(row)
        types.setdefault(key, []).append(index)
    return tuple(tuple(members) for members in types.values())
