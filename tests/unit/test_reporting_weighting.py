"""Raking checked against a hand-worked example.

One area; respondents by sex and age (a 2 x 2 table of 100) raked to a population that is
60% female and 30% young. Raking keeps the sample's odds ratio, (20 x 20) / (30 x 30) = 4/9,
so the weighted table [[a, 60 - a], [30 - a, 10 + a]] has a (10 + a) / ((60 - a)(30 - a)) = 4/9,
that is a^2 + 90a - 1440 = 0, a = (-90 + sqrt(13860)) / 2 = 13.8643.
"""

import math
import uuid

import pytest

from peel.common.contracts.consultation import QuestionSpec
from peel.reporting.domain.consultation_results import Consultation
from peel.reporting.domain.weighted_results import weigh
from peel.reporting.domain.weighting import effective_sample_size, margin_of_error, population_margins, rake

A = (-90 + math.sqrt(13860)) / 2
CELLS = {("x", "female", "young"): 20, ("x", "female", "old"): 30, ("x", "male", "young"): 30, ("x", "male", "old"): 20}
POPULATION = {("x", "sex", "female"): 600, ("x", "sex", "male"): 400,
              ("x", "age_band", "young"): 300, ("x", "age_band", "old"): 700}
EXPECTED_TOTALS = {("x", "female", "young"): A, ("x", "female", "old"): 60 - A,
                   ("x", "male", "young"): 30 - A, ("x", "male", "old"): 10 + A}


def test_targets_share_the_respondents_as_the_population_is():
    margins = population_margins(POPULATION, ["sex", "age_band"], ["x"], 100)
    assert margins == [{("x", "female"): 60, ("x", "male"): 40}, {("x", "young"): 30, ("x", "old"): 70}]


def test_targets_share_between_areas_then_within_each():
    population = {("p", "sex", "female"): 500, ("p", "sex", "male"): 500,
                  ("q", "sex", "female"): 1000, ("q", "sex", "male"): 2000}
    [sex] = population_margins(population, ["sex"], ["p", "q"], 40)
    assert sex == {("p", "female"): 5, ("p", "male"): 5, ("q", "female"): 10, ("q", "male"): 20}


def test_raking_meets_every_margin_and_keeps_the_samples_odds_ratio():
    raking = rake(CELLS, population_margins(POPULATION, ["sex", "age_band"], ["x"], 100))
    assert raking.converged
    for cell, total in EXPECTED_TOTALS.items():
        assert CELLS[cell] * raking.weights[cell] == pytest.approx(total, abs=1e-6)
    assert raking.weights[("x", "female", "young")] == pytest.approx(0.693213, abs=1e-6)


def test_effective_sample_size_and_margin_of_error():
    weights = {cell: total / CELLS[cell] for cell, total in EXPECTED_TOTALS.items()}
    expected = 100**2 / sum(total**2 / CELLS[cell] for cell, total in EXPECTED_TOTALS.items())
    assert effective_sample_size(CELLS, weights) == pytest.approx(expected)
    assert expected == pytest.approx(84.95, abs=0.01)
    assert margin_of_error(0.5, expected) == pytest.approx(1.96 * math.sqrt(0.25 / 84.95), abs=1e-4)  # 0.1063
    assert effective_sample_size(CELLS, dict.fromkeys(CELLS, 1.0)) == 100  # equal weights lose nothing


def test_weighted_results_reweigh_answers_and_leave_out_who_cannot_be_weighted():
    question = QuestionSpec.model_validate(
        {"key": "priority", "type": "single_choice", "text": {"en": "Which?"}, "required": True,
         "options": [{"key": "asb", "text": {"en": "ASB"}}, {"key": "roads", "text": {"en": "Roads"}}]})
    consultation = Consultation(uuid.uuid4(), "cheshire", {"en": "P"}, "survey", (question,))
    cells = {**CELLS, ("x", "not_given", "young"): 5, ("elsewhere", "male", "old"): 3}
    tallies = {cell: {("priority", ""): {None: count},
                      ("priority", "asb" if cell[1:] == ("female", "young") else "roads"): {None: count}}
               for cell, count in cells.items()}
    found = weigh(consultation, ["sex", "age_band"], POPULATION, cells, tallies)
    assert (found.respondents, found.weighted_respondents, found.left_out, found.converged) == (108, 100, 8, True)
    [priority] = found.questions
    asb, roads = priority.options
    assert (asb.count, asb.share, roads.count) == (round(A, 2), round(A / 100, 4), round(100 - A, 2))
    assert priority.effective_sample_size == pytest.approx(84.95, abs=0.01)
    assert asb.margin_of_error == pytest.approx(1.959964 * math.sqrt(0.1386 * 0.8614 / 84.95), abs=1e-4)
    assert found.design_effect == pytest.approx(100 / 84.95, abs=1e-3)


def test_population_without_respondents_is_named_and_raking_says_it_did_not_converge():
    population = {**POPULATION, ("x", "sex", "other"): 100}
    question = QuestionSpec.model_validate({"key": "q", "type": "rating", "text": {"en": "?"}, "required": False,
                                            "scale": {"minimum": 1, "maximum": 3}})
    consultation = Consultation(uuid.uuid4(), "cheshire", {"en": "P"}, "survey", (question,))
    found = weigh(consultation, ["sex", "age_band"], population, CELLS, {})
    assert found.without_respondents == ("x sex other",)
    assert not found.converged
