"""The selection benchmark's instances, generated here: a 150-person pool shaped like the Sortition
Foundation's test fixture (sex, age bracket, education, area), scaled up the way their own
benchmark scales it (each new person copies a random base person's features; quotas are the
pool's share of the panel ± 2), and the paper's 2,000-person demo pool (k=200)."""

from __future__ import annotations

import random
from dataclasses import dataclass

BASE_FEATURES = {
    "sex": {"Female": 77, "Male": 72, "Non-binary or other": 1},
    "age_bracket": {"16-29": 40, "30-44": 29, "45-59": 39, "60+": 42},
    "edu_level": {"No qualifications": 38, "Level 1": 40, "Level 2 or 3": 30, "Level 4 and above": 42},
    "area": {"North": 26, "South": 22, "East": 19, "West": 18, "Central": 17, "Coast": 16, "Valleys": 16,
             "City": 16},
}


@dataclass(frozen=True)
class Instance:
    name: str
    panel_size: int
    quota_rows: list[dict[str, str]]      # feature,value,min,max,min_flex,max_flex
    people_rows: list[dict[str, str]]     # id and one column per feature


def base_pool(seed: int = 150) -> list[dict[str, str]]:
    rng = random.Random(seed)
    return [{"id": f"b{i}"} | {f: rng.choices(list(v), list(v.values()))[0] for f, v in BASE_FEATURES.items()}
            for i in range(150)]


def scaled(size: int, seed: int = 42, tight: bool = False) -> Instance:
    """``size`` people copied from the base pool; panel ~15% of the pool (at least 22); quotas target ± 2,
    or target to target + 1 when ``tight`` (their benchmark's two settings)."""
    rng, base = random.Random(seed), base_pool()
    people = base if size == 150 else [{**rng.choice(base), "id": f"gen_{i}"} for i in range(size)]
    k = max(22, int(size * 0.15))
    rows = []
    for feature, values in BASE_FEATURES.items():
        for value in values:
            target = round(sum(p[feature] == value for p in people) / size * k)
            low, high = (target, target + 1) if tight else (max(0, target - 2), target + 2)
            rows.append({"feature": feature, "value": value, "min": str(low), "max": str(high),
                         "min_flex": "0", "max_flex": str(high + 2)})
    return Instance(f"n={size},k={k}" + (" tight" if tight else ""), k, rows, people)


def with_households(instance: Instance, share: float = 0.15, seed: int = 7) -> Instance:
    """The same pool where a ``share`` of people live at an earlier person's address (column ``address``)."""
    rng = random.Random(seed)
    people = [dict(row, address=f"{i} High Street") for i, row in enumerate(instance.people_rows)]
    for i in range(1, len(people)):
        if rng.random() < share:
            people[i]["address"] = people[rng.randrange(i)]["address"]
    return Instance(instance.name + " households", instance.panel_size, instance.quota_rows, people)


def demo_2000() -> Instance:
    """The paper's example_large_200: 1 female-conservative, 999 female-liberal, 1,000 male-conservative."""
    groups = [("female", "conservative", 1), ("female", "liberal", 999), ("male", "conservative", 1000)]
    people: list[dict[str, str]] = []
    for gender, leaning, count in groups:
        people += [{"id": f"p{len(people) + j}", "gender": gender, "leaning": leaning} for j in range(count)]
    rows = [{"feature": f, "value": v, "min": "99", "max": "200", "min_flex": "0", "max_flex": "200"}
            for f, v in (("gender", "female"), ("gender", "male"), ("leaning", "conservative"), ("leaning", "liberal"))]
    return Instance("demo n=2000,k=200", 200, rows, people)


def instances() -> list[Instance]:
    return [scaled(150), scaled(150, tight=True), scaled(300), scaled(500), scaled(750),
            with_households(scaled(750)), demo_2000()]
