"""The budget simulator: line rules, the balance with and without the precept lever, definitions.

The force's example: £16m across three lines, £500,000 to save, give or take £50,000; each
£1 on Band D raises £400,000 (400,000 Band D equivalent homes).
"""

from dataclasses import replace
from decimal import Decimal

import pytest

from peel.common.contracts.consultation import BudgetAnswer, BudgetSpec
from peel.consultation.domain.budget import Budget, BudgetLine, Consequence, Position, PreceptLever, money, percent
from peel.consultation.domain.questions import AnswerRefused, Question, QuestionType, Text
from peel.consultation.domain.routing import check_answers

D = Decimal
NEIGHBOURHOOD = BudgetLine("neighbourhood", Text("Neighbourhood policing"), D(10_000_000), D(-10), D(10), D("2.5"),
                           consequences=(Consequence(D(-10), Text("Twenty fewer PCSOs")),))
ROADS = BudgetLine("roads", Text("Roads policing"), D(4_000_000), D(-20), D(5), D(5))
CUSTODY = BudgetLine("custody", Text("Custody"), D(2_000_000), D(-5), D(0), D(5))
LEVER = PreceptLever(band_d_current=D("250.00"), max_change=D(14), income_per_pound=D(400_000))
BUDGET = Budget(lines=(NEIGHBOURHOOD, ROADS, CUSTODY), target_change=D(-500_000), tolerance=D(50_000))
WITH_LEVER = replace(BUDGET, precept=LEVER)


def allocation(neighbourhood=0, roads=0, custody=0, **extra) -> dict:
    return {"changes_percent": {"neighbourhood": neighbourhood, "roads": roads, "custody": custody}, **extra}


def refused(budget: Budget, value: object) -> dict:
    with pytest.raises(AnswerRefused) as refusal:
        budget.check(value)
    return {part.location: part.reason for part in refusal.value.parts}


# Balancing by spending alone.

def test_cuts_within_the_tolerance_balance():
    # -2.5% of £10m = -£250,000; -5% of £4m = -£200,000; -5% of £2m = -£100,000:
    # -£550,000, £50,000 past the target.
    checked = BUDGET.check(allocation(-2.5, -5, -5))
    assert checked.position == Position(spend_change=D(-550_000), precept_income=D(0))
    assert checked.position.balance == D(-550_000) and BUDGET.gap(checked.position) == D(-50_000)
    assert checked.answer("spend") == BudgetAnswer(
        question="spend", type="budget_allocation",
        changes_percent={"neighbourhood": -2.5, "roads": -5.0, "custody": -5.0}, precept_change=None)


def test_too_little_saved_does_not_balance_and_says_by_how_much():
    # Only roads -5%: -£200,000, so £300,000 more must go.
    assert refused(BUDGET, allocation(roads=-5)) == {(): (
        "does not balance: £300,000.00 more must be saved or raised (spending changes by -£200,000.00: "
        "a balance of -£200,000.00 against a target of -£500,000.00, give or take £50,000.00)")}


def test_saving_too_much_does_not_balance_either():
    # -10% of £10m, -20% of £4m, -5% of £2m: -£1,900,000, £1,400,000 past the target.
    assert refused(BUDGET, allocation(-10, -20, -5)) == {(): (
        "does not balance: it saves or raises £1,400,000.00 more than needed (spending changes by -£1,900,000.00: "
        "a balance of -£1,900,000.00 against a target of -£500,000.00, give or take £50,000.00)")}


def test_the_edge_of_the_tolerance_still_balances():
    # -2.5% of £10m = -£250,000 and -5% of £4m = -£200,000: -£450,000, exactly £50,000 short.
    assert BUDGET.check(allocation(-2.5, -5, 0)).position.balance == D(-450_000)


# Balancing with the precept lever.

def test_precept_income_counts_towards_the_target():
    # Roads -5% = -£200,000; +£0.75 on Band D raises 0.75 x £400,000 = £300,000: balance -£500,000, on target.
    checked = WITH_LEVER.check(allocation(roads=-5, precept_change=0.75))
    assert checked.position == Position(spend_change=D(-200_000), precept_income=D(300_000))
    assert checked.position.balance == D(-500_000) and checked.precept_change == D("0.75")
    assert checked.answer("spend").precept_change == 0.75


def test_raising_too_much_from_the_precept_does_not_balance():
    # Roads -5% and +£1 on Band D: -£200,000 - £400,000 = -£600,000, £100,000 past the target.
    assert refused(WITH_LEVER, allocation(roads=-5, precept_change=1)) == {(): (
        "does not balance: it saves or raises £100,000.00 more than needed (spending changes by -£200,000.00, "
        "the precept raises £400,000.00: a balance of -£600,000.00 against a target of -£500,000.00, "
        "give or take £50,000.00)")}


def test_leaving_the_lever_alone_means_no_precept_change():
    checked = WITH_LEVER.check(allocation(-2.5, -5, -5))
    assert checked.precept_change == D(0) and checked.position.precept_income == D(0)


@pytest.mark.parametrize(("change", "reason"), [
    (15, "a precept change of £15.00 a year is above the cap of £14.00"),
    (-1, "the precept change cannot be negative; choose from £0 to £14.00 a year"),
    (0.755, "the precept change must be in whole pence, not £0.755"),
    ("lots", "must be a number of pounds a year"),
])
def test_precept_changes_outside_the_lever_are_refused(change, reason):
    assert refused(WITH_LEVER, allocation(-2.5, -5, -5, precept_change=change)) == {("precept_change",): reason}


def test_a_budget_without_a_lever_refuses_a_precept_change_but_accepts_none_or_zero():
    assert refused(BUDGET, allocation(-2.5, -5, -5, precept_change=5)) == {
        ("precept_change",): "this budget has no precept lever; leave it out"}
    assert BUDGET.check(allocation(-2.5, -5, -5, precept_change=0)).precept_change is None


# Line rules.

def test_every_line_problem_is_named_at_once_and_balance_waits_for_them():
    value = {"changes_percent": {"neighbourhood": 3, "roads": 10, "horses": -5}, "colour": "blue"}
    assert refused(WITH_LEVER, {**value, "precept_change": 20}) == {
        ("changes_percent", "neighbourhood"): "the change for 'neighbourhood' (Neighbourhood policing) must be in "
                                              "steps of 2.5% (such as +2.5% or +5%), not +3%",
        ("changes_percent", "roads"): "the change for 'roads' (Roads policing) must be between -20% and +5%, not +10%",
        ("changes_percent", "horses"): "'horses' is not a budget line; the lines are ['neighbourhood', 'roads', "
                                       "'custody']",
        ("changes_percent", "custody"): "no change given for 'custody' (Custody); give 0 to leave it as it is",
        ("precept_change",): "a precept change of £20.00 a year is above the cap of £14.00",
        ("colour",): "unexpected field 'colour'; give only ['changes_percent', 'precept_change']",
    }


def test_steps_below_zero_name_the_steps_either_side():
    assert refused(BUDGET, allocation(neighbourhood=-3))[("changes_percent", "neighbourhood")].endswith(
        "must be in steps of 2.5% (such as -5% or -2.5%), not -3%")


def test_a_change_must_be_a_number():
    for value in ("ten", True, None, [5]):
        assert refused(BUDGET, allocation(roads=value))[("changes_percent", "roads")] == (
            "the change for 'roads' (Roads policing) must be a number (per cent)")


def test_changes_must_come_as_an_object_of_lines():
    assert refused(BUDGET, {"changes_percent": [1, 2]}) == {
        ("changes_percent",): "must give the change in per cent for every line: ['neighbourhood', 'roads', 'custody']"}
    with pytest.raises(AnswerRefused, match="must be an object"):
        BUDGET.check("cut everything")


def test_fractional_json_numbers_are_taken_as_written():
    # 0.3 has no exact binary form; read as written it is a step of 0.1% and changes £1m by exactly £3,000.
    fine = Budget((BudgetLine("pcsos", Text("PCSOs"), D(1_000_000), D(-1), D(1), D("0.1")),), D(3_000), D(0))
    checked = fine.check({"changes_percent": {"pcsos": 0.3}})
    assert checked.changes_percent == {"pcsos": D("0.3")} and checked.position.spend_change == D(3_000)


def test_a_line_knows_its_steps_and_consequences():
    assert CUSTODY.steps() == (D(-5), D(0))
    assert ROADS.steps() == tuple(D(n) for n in (-20, -15, -10, -5, 0, 5))
    assert NEIGHBOURHOOD.consequence_of(D(-10)) == Text("Twenty fewer PCSOs")
    assert NEIGHBOURHOOD.consequence_of(D(-5)) is None


def test_the_simulator_running_total_counts_only_what_is_given():
    assert WITH_LEVER.position({"roads": D(-5)}, D(2)) == Position(D(-200_000), D(800_000))


# Through a question and a whole response.

def test_budget_problems_are_located_inside_the_answer():
    question = Question("spend", QuestionType.BUDGET_ALLOCATION, Text("Balance the budget"), budget=WITH_LEVER)
    accepted, errors = check_answers((question,), {"spend": allocation(roads=-5, precept_change=0.75)})
    assert errors == [] and accepted[0].changes_percent == {"neighbourhood": 0.0, "roads": -5.0, "custody": 0.0}
    _, errors = check_answers((question,), {"spend": allocation(roads=7, precept_change=0.75)})
    assert [(e.location, e.code) for e in errors] == [(("answers", "spend", "changes_percent", "roads"), "invalid")]
    _, errors = check_answers((question,), {"spend": allocation()})
    assert [(e.location, e.code) for e in errors] == [(("answers", "spend"), "unbalanced")]


# Definitions.

def line(**changes) -> BudgetLine:
    return replace(ROADS, **{name: D(value) for name, value in changes.items()})


def test_a_sound_budget_has_no_problems():
    assert BUDGET.problems() == [] and WITH_LEVER.problems() == []


@pytest.mark.parametrize(("bad_line", "location", "reason"), [
    (line(min_change_percent=5), ("min_change_percent",), "must be 0 or less, so that leaving the line as it is "
                                                          "is allowed"),
    (line(min_change_percent=-120), ("min_change_percent",), "cannot cut a line by more than 100%"),
    (line(max_change_percent=-5), ("max_change_percent",), "must be 0 or more, so that leaving the line as it is "
                                                           "is allowed"),
    (line(step_percent=0), ("step_percent",), "must be more than 0"),
    (line(step_percent=3), ("step_percent",), "must divide both limits (-20% and +5%), so that no change and each "
                                              "limit are steps"),
    (line(current_spend=-1), ("current_spend",), "must not be negative"),
    (replace(ROADS, consequences=(Consequence(D(-7), Text("?")),)), ("consequences", 0, "change_percent"),
     "-7% is not a change residents can choose for this line"),
])
def test_line_definitions_are_checked(bad_line, location, reason):
    budget = replace(BUDGET, lines=(NEIGHBOURHOOD, bad_line, CUSTODY))
    assert {p.location: p.reason for p in budget.problems()} == {("lines", 1, *location): reason}


def test_budget_definitions_are_checked():
    budget = Budget(lines=(ROADS, ROADS), target_change=D(0), tolerance=D(-1),
                    precept=PreceptLever(D(0), D(14), D(-3)))
    assert {p.location: p.reason for p in budget.problems()} == {
        ("lines", 1, "key"): "'roads' is already the key of an earlier line",
        ("tolerance",): "must not be negative",
        ("precept", "band_d_current"): "must be more than 0",
        ("precept", "income_per_pound"): "must be more than 0",
    }
    assert [p.reason for p in Budget((), D(0), D(0)).problems()] == ["a budget needs at least one line"]


def test_a_target_the_lines_cannot_reach_is_refused():
    # The deepest cuts: -£1,000,000 - £800,000 - £100,000 = -£1,900,000;
    # the lever's +£14 x £400,000 raises £5,600,000 more.
    far = replace(BUDGET, target_change=D(-5_000_000))
    assert [(p.location, p.reason) for p in far.problems()] == [
        (("target_change",), "cannot be reached: the lowest balance the changes allow is -£1,900,000.00")]
    assert replace(far, precept=LEVER).problems() == []
    growth = replace(BUDGET, target_change=D(2_000_000))
    assert [p.reason for p in growth.problems()] == [
        "cannot be reached: the highest balance the changes allow is +£1,200,000.00"]


def test_spec_gives_the_contracts_budget():
    spec = WITH_LEVER.spec()
    assert isinstance(spec, BudgetSpec)
    assert spec.model_dump() == {
        "lines": (
            {"key": "neighbourhood", "text": {"en": "Neighbourhood policing", "cy": None},
             "current_spend": 10_000_000.0, "min_change_percent": -10.0, "max_change_percent": 10.0,
             "step_percent": 2.5},
            {"key": "roads", "text": {"en": "Roads policing", "cy": None}, "current_spend": 4_000_000.0,
             "min_change_percent": -20.0, "max_change_percent": 5.0, "step_percent": 5.0},
            {"key": "custody", "text": {"en": "Custody", "cy": None}, "current_spend": 2_000_000.0,
             "min_change_percent": -5.0, "max_change_percent": 0.0, "step_percent": 5.0},
        ),
        "target_change": -500_000.0, "tolerance": 50_000.0,
        "precept": {"band_d_current": 250.0, "max_change": 14.0, "income_per_pound": 400_000.0},
    }


def test_money_and_percentages_read_as_people_write_them():
    assert money(D("1234.5")) == "£1,234.50" and money(D(-5), signed=True) == "-£5.00"
    assert money(D("0.125")) == "£0.13" and money(D(7), signed=True) == "+£7.00"
    assert percent(D("2.50")) == "+2.5%" and percent(D(-10)) == "-10%" and percent(D(0)) == "0%"
