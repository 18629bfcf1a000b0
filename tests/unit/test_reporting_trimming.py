"""Weight trimming checked by hand on the raking example of test_reporting_weighting.py.

Raked, the 2 x 2 table of 100 respondents has weights female-young 0.6932, female-old 1.5379,
male-young 0.5379 and male-old 1.1932; the mean weight is 1 (weighted totals stay on the scale
of the respondents).

- Capped at 1.5: female-old's 30 respondents weigh 1.5, 45 in all; the margins then fix the
  rest: female-young 60 - 45 = 15 (weight 0.75), male-young 30 - 15 = 15 (0.5), male-old
  40 - 15 = 25 (1.25). Effective sample size 100^2 / (20 x 0.75^2 + 30 x 1.5^2 + 30 x 0.5^2
  + 20 x 1.25^2) = 10000 / 117.5 = 85.11, up from 84.95.
- Floored at 0.55: male-young's 30 weigh 0.55, 16.5 in all: female-young 30 - 16.5 = 13.5
  (0.675), female-old 60 - 13.5 = 46.5 (1.55), male-old 40 - 16.5 = 23.5 (1.175).
- Both: female-old 45 and male-young 16.5 leave female-young 15 by sex but 13.5 by age: no
  weights meet every margin within those bounds.
"""

import uuid

import pytest

from peel.common.contracts.consultation import QuestionSpec
from peel.reporting.domain.consultation_results import Consultation
from peel.reporting.domain.weighted_results import weigh
from peel.reporting.domain.weighting import Trimming, effective_sample_size, population_margins, rake, rake_and_trim
from tests.unit.test_reporting_weighting import CELLS, POPULATION

MARGINS = population_margins(POPULATION, ["sex", "age_band"], ["x"], 100)
FY, FO, MY, MO = ("x", "female", "young"), ("x", "female", "old"), ("x", "male", "young"), ("x", "male", "old")


def weights_of(raking) -> dict:
    return {cell: pytest.approx(weight, abs=1e-6) for cell, weight in raking.weights.items()}


def test_weights_within_the_default_bounds_are_left_alone():
    raking = rake_and_trim(CELLS, MARGINS)
    assert raking.weights == rake(CELLS, MARGINS).weights
    assert (raking.trimmed, raking.rounds, raking.trimmed_respondents, raking.margins_met) == (False, 0, 0, True)
    assert raking.largest_weight == pytest.approx(1.537858, abs=1e-6)


def test_a_binding_cap_holds_the_weight_and_raking_the_others_meets_the_margins():
    raking = rake_and_trim(CELLS, MARGINS, Trimming(cap=1.5))
    assert weights_of(raking) == {FY: 0.75, FO: 1.5, MY: 0.5, MO: 1.25}
    assert (raking.trimmed, raking.trimmed_respondents, raking.largest_weight) == (True, 30, 1.5)
    assert raking.margins_met and raking.converged
    assert effective_sample_size(CELLS, raking.weights) == pytest.approx(10000 / 117.5, abs=1e-4)


def test_a_binding_floor_raises_the_weight():
    raking = rake_and_trim(CELLS, MARGINS, Trimming(floor=0.55))
    assert weights_of(raking) == {FY: 0.675, FO: 1.55, MY: 0.55, MO: 1.175}
    assert (raking.trimmed_respondents, raking.margins_met) == (30, True)


def test_when_no_weights_within_bounds_meet_the_margins_the_bounds_win_and_it_is_said():
    raking = rake_and_trim(CELLS, MARGINS, Trimming(cap=1.5, floor=0.55))
    assert (raking.weights[FO], raking.weights[MY]) == (1.5, 0.55)
    assert (raking.trimmed_respondents, raking.largest_weight) == (60, 1.5)
    assert not raking.margins_met and not raking.converged


def test_one_dimension_leaves_no_room_so_the_capped_margin_is_missed():
    # 10 women and 90 men raked to half and half: women weigh 5, men 50/90; capped at 2, women count 20, not 50.
    cells, margins = {("x", "female"): 10, ("x", "male"): 90}, [{("x", "female"): 50, ("x", "male"): 50}]
    raking = rake_and_trim(cells, margins, Trimming(cap=2))
    assert weights_of(raking) == {("x", "female"): 2, ("x", "male"): 50 / 90}
    assert (raking.trimmed_respondents, raking.largest_weight, raking.margins_met) == (10, 2, False)


def test_the_bounds_are_times_the_mean_weight():
    assert Trimming(cap=4, floor=0.25).bounds({("x", "a"): 10, ("x", "b"): 30}, {("x", "a"): 2, ("x", "b"): 1}) == (
        0.3125, 5.0)  # mean (10 x 2 + 30 x 1) / 40 = 1.25


@pytest.mark.parametrize("nonsense", [{"cap": 1}, {"cap": 0.5}, {"floor": 1}, {"floor": -0.1}, {"rounds": 0}])
def test_nonsense_bounds_are_refused(nonsense):
    with pytest.raises(ValueError, match="cap above 1"):
        Trimming(**nonsense)


def test_weighted_results_report_the_trimming():
    question = QuestionSpec.model_validate(
        {"key": "priority", "type": "single_choice", "text": {"en": "Which?"}, "required": True,
         "options": [{"key": "asb", "text": {"en": "ASB"}}, {"key": "roads", "text": {"en": "Roads"}}]})
    consultation = Consultation(uuid.uuid4(), "cheshire", {"en": "P"}, "survey", (question,))
    tallies = {cell: {("priority", ""): {None: count}, ("priority", "asb" if cell == FY else "roads"): {None: count}}
               for cell, count in CELLS.items()}
    found = weigh(consultation, ["sex", "age_band"], POPULATION, CELLS, tallies, Trimming(cap=1.5))
    assert (found.trimming.applied, found.trimming.weights_trimmed, found.trimming.largest_weight) == (True, 30, 1.5)
    assert (found.trimming.cap, found.trimming.floor, found.trimming.margins_met) == (1.5, 0.2, True)
    assert found.effective_sample_size == pytest.approx(85.11, abs=0.01)
    asb, roads = found.questions[0].options
    assert (asb.count, asb.share, roads.count) == (15.0, 0.15, 85.0)
    untrimmed = weigh(consultation, ["sex", "age_band"], POPULATION, CELLS, tallies)
    assert (untrimmed.trimming.applied, untrimmed.trimming.weights_trimmed, untrimmed.trimming.cap) == (False, 0, 5.0)
