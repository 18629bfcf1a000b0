"""Draws, lotteries, replacements, LEGACY and the spread of a profile over concrete panels."""

from __future__ import annotations

import random
from collections import Counter
from fractions import Fraction

import pytest

from peel.sortition import (
    Distribution,
    SelectionError,
    draw,
    find_distribution,
    lottery_error,
    panel_problems,
    replacement_problem,
    select,
    selection_problem,
    uniform_lottery,
)
from peel.sortition.expand import concrete_panels
from peel.sortition.legacy import legacy_panel
from tests.support.sortition_pools import alternate_example, skewed_pool


@pytest.fixture(scope="module")
def skewed():
    people, quotas = skewed_pool(n=100, k=12, seed=21)
    problem = selection_problem(people, quotas, 12)
    return problem, find_distribution(problem, "leximin")


def test_the_same_seed_draws_the_same_panel_from_the_published_distribution(skewed):
    problem, distribution = skewed
    published = Distribution("leximin", tuple(distribution.panels), tuple(distribution.probabilities),
                             dict(distribution.marginals))
    assert draw(published, 42) == draw(distribution, 42) == select(problem, seed=42).selected
    assert len({draw(distribution, seed) for seed in range(30)}) > 1


def test_draws_follow_the_distribution(skewed):
    _problem, distribution = skewed
    counts = Counter(person for seed in range(3000) for person in draw(distribution, seed))
    worst = max(abs(counts[p] / 3000 - q) for p, q in distribution.marginals.items())
    assert worst < 0.04          # about five standard errors at 3,000 draws


def test_a_uniform_lottery_keeps_each_panel_within_one_of_its_share(skewed):
    _, distribution = skewed
    lottery = uniform_lottery(distribution, 500, seed=3)
    counts = Counter(lottery)
    assert len(lottery) == 500
    for panel, probability in zip(distribution.panels, distribution.probabilities, strict=True):
        assert abs(counts[panel] - 500 * probability) < 1 + 1e-9
    assert lottery_error(distribution, lottery) < 12 / 50
    assert uniform_lottery(distribution, 500, seed=3) == lottery


def test_a_profile_spreads_evenly_over_each_types_members():
    people, quotas = alternate_example()
    problem = selection_problem(people, quotas, 20)
    counts = [10 if len(m) == 100 else 9 if len(m) == 99 else 1 for m in problem.type_members]
    pieces = concrete_panels(problem, counts)
    assert sum(Fraction(share).limit_denominator(10**6) for _, share in pieces) == 1
    chance = Counter()
    for members, share in pieces:
        assert len(set(members)) == 20
        for member in members:
            chance[member] += share
    for t, group in enumerate(problem.type_members):
        for member in group:
            assert chance[member] == pytest.approx(counts[t] / len(group), abs=1e-12)


def test_replacements_keep_the_whole_panels_quotas_and_skip_everyone_already_chosen(skewed):
    problem, distribution = skewed
    panel = draw(distribution, 5)
    dropouts = list(panel[:3])
    replacements = replacement_problem(problem, panel, dropouts)
    chosen = select(replacements, seed=9).selected
    assert len(chosen) == 3 and not set(chosen) & set(panel)
    full = [p for p in panel if p not in dropouts] + list(chosen)
    assert panel_problems(problem, full) == []


def test_replacements_exclude_housemates_of_those_who_stay(skewed):
    problem, distribution = skewed
    panel = draw(distribution, 6)
    staying = set(panel[1:])
    replacements = replacement_problem(problem, panel, [panel[0]])
    ids = set(replacements.ids)
    for group in problem.household_groups:
        if {problem.ids[m] for m in group} & staying:
            assert not {problem.ids[m] for m in group} & ids


def test_replacements_refuse_drop_outs_not_on_the_panel(skewed):
    problem, distribution = skewed
    with pytest.raises(SelectionError, match="not on the panel"):
        replacement_problem(problem, distribution.panels[0], ["nobody"])


def test_legacy_panels_meet_the_quotas_and_repeat_with_the_seed():
    people, quotas = skewed_pool(n=100, k=12, seed=4)
    problem = selection_problem(people, quotas, 12)
    assert legacy_panel(problem, random.Random(8)) == legacy_panel(problem, random.Random(8))
    rng = random.Random(1)
    for _ in range(50):
        assert panel_problems(problem, [problem.ids[p] for p in legacy_panel(problem, rng)]) == []


def test_legacy_rarely_picks_the_alternate_examples_lone_female_conservative():
    people, quotas = alternate_example()
    problem = selection_problem(people, quotas, 20)
    distribution = find_distribution(problem, "legacy", seed=0, legacy_draws=1500)
    assert distribution.marginals["p0"] < 0.03 < 0.1 - 1e-6
    assert sum(distribution.marginals.values()) == pytest.approx(20)


def test_the_published_summary_describes_the_spread_of_chances():
    from peel.sortition import probability_summary

    people, quotas = alternate_example()
    problem = selection_problem(people, quotas, 20)
    fair = probability_summary(find_distribution(problem, "leximin"))
    greedy = probability_summary(find_distribution(problem, "legacy", seed=1, legacy_draws=400))
    assert fair["min"] == pytest.approx(0.1) and fair["max"] == pytest.approx(0.1)
    assert fair["gini"] == pytest.approx(0.0, abs=1e-9) and fair["geometric_mean"] == pytest.approx(0.1)
    assert fair["mean"] == pytest.approx(20 / 200) and fair["pool_size"] == 200
    assert greedy["gini"] > fair["gini"] and greedy["min"] < fair["min"]
