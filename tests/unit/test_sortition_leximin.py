"""LEXIMIN on HiGHS: exact on the paper's example, feasible and fair on skewed pools, equal to brute force."""

from __future__ import annotations

import math

import pytest

from peel.sortition import Person, Quota, find_distribution, panel_problems, selection_problem
from tests.support.brute_force import brute_force_leximin
from tests.support.sortition_pools import alternate_example, skewed_pool, tiny_pool


def assert_sound(problem, distribution):
    """Probabilities form a distribution, marginals sum to k, and every panel meets every constraint."""
    assert math.isclose(sum(distribution.probabilities), 1.0, abs_tol=1e-9)
    assert all(p > 0 for p in distribution.probabilities)
    assert math.isclose(sum(distribution.marginals.values()), problem.panel_size, abs_tol=1e-6)
    assert set(distribution.marginals) == set(problem.ids)
    for panel in distribution.panels:
        assert panel_problems(problem, panel) == []


def test_the_alternate_example_gives_everyone_exactly_one_in_ten():
    people, quotas = alternate_example()
    problem = selection_problem(people, quotas, 20)
    distribution = find_distribution(problem, "leximin")
    assert_sound(problem, distribution)
    assert max(abs(p - 0.1) for p in distribution.marginals.values()) < 1e-6
    assert distribution.marginals["p0"] == pytest.approx(0.1, abs=1e-6)   # the lone female conservative


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_skewed_pools_with_households_are_sound_and_beat_maximin(seed):
    people, quotas = skewed_pool(n=120, k=15, seed=seed)
    problem = selection_problem(people, quotas, 15)
    assert problem.household_groups, "the generated pool should have households"
    leximin = find_distribution(problem, "leximin")
    maximin = find_distribution(problem, "maximin")
    assert_sound(problem, leximin)
    assert_sound(problem, maximin)
    assert leximin.min_probability >= maximin.min_probability - 1e-6


@pytest.mark.parametrize("features", [4, 5])
def test_leximin_vector_is_lexicographically_at_least_maximins(features):
    people, quotas = skewed_pool(n=90, k=12, seed=10 + features, features=features)
    problem = selection_problem(people, quotas, 12)
    leximin = sorted(find_distribution(problem, "leximin").marginals.values())
    maximin = sorted(find_distribution(problem, "maximin").marginals.values())
    for mine, theirs in zip(leximin, maximin, strict=True):
        if abs(mine - theirs) > 1e-6:
            assert mine > theirs
            break


@pytest.mark.parametrize("seed", range(12))
def test_matches_brute_force_on_pools_small_enough_to_enumerate(seed):
    people, quotas, k = tiny_pool(seed)
    problem = selection_problem(people, quotas, k)
    expected = brute_force_leximin(problem)
    distribution = find_distribution(problem, "leximin")
    assert_sound(problem, distribution)
    for person, probability in expected.items():
        assert distribution.marginals[person] == pytest.approx(probability, abs=1e-4), person


def test_people_on_no_feasible_panel_get_zero_and_are_reported():
    people = [Person(f"a{i}", {"sex": "f" if i < 6 else "m", "age": "old" if i == 0 else "young"})
              for i in range(12)]
    quotas = [Quota("sex", "f", 2, 2), Quota("sex", "m", 2, 2), Quota("age", "old", 0, 0), Quota("age", "young", 0, 4)]
    problem = selection_problem(people, quotas, 4)
    distribution = find_distribution(problem, "leximin")
    assert distribution.never_selectable == ("a0",)
    assert distribution.marginals["a0"] == 0.0
    assert distribution.min_probability == 0.0
    assert sorted(distribution.marginals.values())[1] == pytest.approx(2 / 6, abs=1e-6)
    assert_sound(problem, distribution)


def test_a_household_shares_one_chance():
    people = [Person(f"h{i}", {"sex": "f" if i % 2 else "m"}, (f"{i} Road",)) for i in range(8)]
    people[1] = Person("h1", {"sex": "f"}, ("0  ROAD",))             # lives with h0
    quotas = [Quota("sex", "f", 1, 1), Quota("sex", "m", 1, 1)]
    problem = selection_problem(people, quotas, 2)
    distribution = find_distribution(problem, "leximin")
    assert problem.household_groups == ((0, 1),)
    assert not any({"h0", "h1"} <= set(panel) for panel in distribution.panels)
    assert_sound(problem, distribution)
    assert distribution.min_probability == pytest.approx(0.25, abs=1e-6)
