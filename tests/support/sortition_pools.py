"""Pools and quotas for the selection engine's tests, generated here from a seed."""

from __future__ import annotations

import random

from peel.sortition import Person, Quota

SKEWED_FEATURES = {
    "sex": {"female": 52, "male": 46, "other": 2},
    "age": {"16-29": 12, "30-44": 22, "45-64": 38, "65+": 28},
    "ethnicity": {"white": 82, "asian": 9, "black": 5, "mixed": 4},
    "grade": {"ab": 34, "c1": 30, "c2": 20, "de": 16},
    "area": {"north": 40, "south": 25, "east": 20, "west": 15},
}


def alternate_example() -> tuple[list[Person], list[Quota]]:
    """The paper's "alternate" pool: 1 female-conservative, 99 female-liberal, 100 male-conservative."""
    groups = [("female", "conservative", 1), ("female", "liberal", 99), ("male", "conservative", 100)]
    people: list[Person] = []
    for gender, leaning, count in groups:
        people += [Person(f"p{len(people) + j}", {"gender": gender, "leaning": leaning}) for j in range(count)]
    quotas = [Quota("gender", "female", 9, 20), Quota("gender", "male", 9, 20),
              Quota("leaning", "conservative", 9, 20), Quota("leaning", "liberal", 9, 20)]
    return people, quotas


def _household_addresses(rng: random.Random, n: int, share: float) -> list[tuple[str, str]]:
    """Street and postcode per person; a ``share`` of people live with someone, spelt inconsistently."""
    addresses = [(f"{i} High Street", f"AB{i % 90 + 10} {i % 9}CD") for i in range(n)]
    for i in range(n):
        if rng.random() < share and i > 0:
            street, postcode = addresses[rng.randrange(i)]
            addresses[i] = (f"  {street.upper()} ", postcode.lower().replace(" ", "  "))
    return addresses


def skewed_pool(n: int, k: int, seed: int, features: int = 5, household_share: float = 0.15,
                slack: int = 1) -> tuple[list[Person], list[Quota]]:
    """A pool with skewed features and households; quotas around a real panel, so they can be met."""
    rng = random.Random(seed)
    chosen = dict(list(SKEWED_FEATURES.items())[:features])
    addresses = _household_addresses(rng, n, household_share)
    people = [Person(f"v{i:04d}", {f: rng.choices(list(v), weights=list(v.values()))[0] for f, v in chosen.items()},
                     addresses[i]) for i in range(n)]
    panel = _one_per_household(rng, people, k)
    quotas = []
    for feature, values in chosen.items():
        for value in values:
            count = sum(person.features[feature] == value for person in panel)
            quotas.append(Quota(feature, value, max(0, count - slack), count + slack))
    return people, quotas


def _one_per_household(rng: random.Random, people: list[Person], k: int) -> list[Person]:
    seen, panel = set(), []
    for person in rng.sample(people, len(people)):
        key = tuple(" ".join(part.split()).casefold() for part in person.address)
        if key not in seen:
            seen.add(key)
            panel.append(person)
        if len(panel) == k:
            return panel
    raise ValueError("too few households for the panel")


def tiny_pool(seed: int) -> tuple[list[Person], list[Quota], int]:
    """8 to 10 people, two features, maybe a household: small enough to list every panel."""
    rng = random.Random(seed)
    n, k = rng.randint(8, 10), rng.randint(3, 4)
    people = [Person(f"t{i}", {"sex": rng.choice("fm"), "age": rng.choice(["young", "middle", "old"])},
                     (f"{i} Lane",)) for i in range(n)]
    if rng.random() < 0.5:
        people[1] = Person("t1", dict(people[1].features), ("0 lane",))
    quotas = [Quota("sex", "f", 1, 3), Quota("sex", "m", 1, 3),
              Quota("age", "young", 0, 2), Quota("age", "middle", 1, 2), Quota("age", "old", 0, 2)]
    return people, quotas, k
