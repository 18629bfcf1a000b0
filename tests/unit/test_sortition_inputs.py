"""The selection engine's input checks, households, infeasible quotas and their relaxation."""

from __future__ import annotations

import pytest

from peel.sortition import (
    CannotRelax,
    InfeasibleQuotas,
    Person,
    PoolError,
    Quota,
    QuotaError,
    Relaxation,
    any_panel,
    check_feasible,
    panel_problems,
    selection_problem,
    suggest_relaxation,
)
from peel.sortition.problem import households

QUOTAS = [Quota("Sex", "Female", 1, 2), Quota("Sex", "Male", 1, 2)]


def pool(n=6):
    return [Person(f"p{i}", {"sex": "female" if i % 2 else "MALE "}) for i in range(n)]


def test_values_and_feature_names_match_whatever_their_case_and_spacing():
    problem = selection_problem(pool(), QUOTAS, 3)
    assert len(problem.type_members) == 2


@pytest.mark.parametrize("person, column, reason", [
    (Person("x", {"sex": "unknown"}), "sex", "value 'unknown' has no quota"),
    (Person("x", {"age": "30"}), "sex", "has no value"),
    (Person("p0", {"sex": "male"}), "id", "'p0' is also person 1"),
    (Person(" ", {"sex": "male"}), "id", "is blank"),
])
def test_a_bad_person_is_named_by_position_and_column(person, column, reason):
    with pytest.raises(PoolError) as error:
        selection_problem([*pool(), person], QUOTAS, 3)
    assert (error.value.index, error.value.column, error.value.reason) == (6, column, reason)


@pytest.mark.parametrize("quota, column", [
    (Quota("Age", "Old", 3, 2), "max"), (Quota("Age", "Old", -1, 2), "min"),
    (Quota("Sex", "female", 0, 2), "value"), (Quota("Age", "Old", 2, 3, min_flex=3), "min_flex"),
    (Quota("Age", "Old", 2, 3, max_flex=2), "max_flex"), (Quota(" ", "Old", 2, 3), "feature"),
])
def test_a_bad_quota_is_named_by_position_and_column(quota, column):
    with pytest.raises(QuotaError) as error:
        selection_problem(pool(), [*QUOTAS, quota], 3)
    assert (error.value.index, error.value.column) == (2, column)


def test_a_panel_larger_than_the_pool_is_refused():
    with pytest.raises(QuotaError, match="more than the 6 people"):
        selection_problem(pool(), QUOTAS, 7)


def test_households_ignore_case_and_white_space_and_blank_addresses():
    addresses = [("1 High St", "AB1 2CD"), ("1  high st ", "ab1 2cd"), ("", ""), ("", ""), ("2 High St", "AB1 2CD")]
    assert households(addresses) == [[0, 1]]


def test_infeasible_quotas_suggest_the_smallest_relaxation():
    quotas = [Quota("sex", "female", 3, 3, min_flex=0, max_flex=6), Quota("sex", "male", 3, 3, min_flex=0, max_flex=6)]
    problem = selection_problem(pool(8), quotas, 7)
    assert any_panel(problem) is None
    with pytest.raises(InfeasibleQuotas) as error:
        check_feasible(problem)
    assert len(error.value.relaxations) == 1
    change = error.value.relaxations[0]
    assert (change.bound, change.current, change.suggested) == ("max", 3, 4)
    assert "raise the max of sex:" in str(error.value)


def test_the_suggested_relaxation_makes_a_panel_possible():
    quotas = [Quota("sex", "female", 5, 5), Quota("sex", "male", 1, 1)]
    problem = selection_problem(pool(10), quotas, 4)
    changes = suggest_relaxation(problem)
    assert changes == [Relaxation("sex", "female", "min", 5, 3)]
    relaxed = [Quota("sex", "female", 3, 5), Quota("sex", "male", 1, 1)]
    panel = any_panel(selection_problem(pool(10), relaxed, 4))
    assert panel is not None and panel_problems(selection_problem(pool(10), relaxed, 4), panel) == []


def test_no_relaxation_within_the_flex_columns_is_reported_as_such():
    quotas = [Quota("sex", "female", 3, 3, max_flex=3), Quota("sex", "male", 3, 3, max_flex=3)]
    with pytest.raises(CannotRelax):
        check_feasible(selection_problem(pool(8), quotas, 7))


def test_the_quick_check_finds_a_panel_meeting_every_constraint():
    problem = selection_problem(pool(8), QUOTAS, 4)
    panel = any_panel(problem)
    assert panel is not None and panel_problems(problem, panel) == []
