"""Precept and draft Plan summaries for the Police and Crime Panel, checked on small hand-worked examples."""

import math
import uuid

import pytest

from peel.common.contracts.consultation import PreceptProposalSpec, QuestionSpec
from peel.common.errors import Conflict
from peel.reporting.domain.breakdown import Dimension, shown_groups
from peel.reporting.domain.consultation_results import Consultation
from peel.reporting.domain.panel_export import SUMMARY_COLUMNS, summary_table
from peel.reporting.domain.panel_summary import check_summarised, panel_summary
from peel.reporting.domain.plan_summary import plan_sections, plan_summary
from peel.reporting.domain.precept_summary import precept_summary
from peel.reporting.domain.weighted_results import weigh

OPTIONS = [("freeze", 0), ("plus14", 14), ("plus20", 20)]
PRECEPT_QUESTION = QuestionSpec.model_validate(
    {"key": "precept_option", "type": "single_choice", "text": {"en": "Which change?"}, "required": True,
     "options": [{"key": key, "text": {"en": f"£{change} a year"}} for key, change in OPTIONS]})
SPEC = PreceptProposalSpec.model_validate({
    "question": "precept_option", "band_d_current": 250, "referendum_limit_pounds": 14,
    "options": [{"key": "freeze", "band_d_change": 0, "percent_increase": 0, "new_band_d": 250,
                 "triggers_referendum": False, "bands": [{"band": "D", "yearly": 0, "weekly": 0}]},
                {"key": "plus14", "band_d_change": 14, "percent_increase": 5.6, "new_band_d": 264,
                 "triggers_referendum": False,
                 "bands": [{"band": "A", "yearly": 9.33, "weekly": 0.18}, {"band": "D", "yearly": 14, "weekly": 0.27}]},
                {"key": "plus20", "band_d_change": 20, "percent_increase": 8, "new_band_d": 270,
                 "triggers_referendum": True, "bands": [{"band": "D", "yearly": 20, "weekly": 0.38}]}]})
PRECEPT = Consultation(uuid.uuid4(), "cheshire", {"en": "Precept 2030-31"}, "precept", (PRECEPT_QUESTION,),
                       areas=("halton", "warrington"), precept=SPEC)


def chosen(answered: int, **counts: int) -> dict:
    return {("precept_option", ""): {None: answered}} | {("precept_option", k): {None: n} for k, n in counts.items()}


TALLY = chosen(10, freeze=3, plus14=5, plus20=2)
AREAS = shown_groups(Dimension.AREA, PRECEPT, {"halton": 12, "warrington": 3, "unknown": 25})
AREA_TALLIES = {"halton": chosen(12, freeze=4, plus14=6, plus20=2), "warrington": chosen(3, plus20=3),
                "unknown": chosen(25, plus14=25)}


def test_each_precept_option_shows_its_band_d_change_referendum_and_how_many_chose_it():
    found = precept_summary(PRECEPT, TALLY, None, AREAS, AREA_TALLIES)
    assert (found.question, found.band_d_current, found.referendum_limit_pounds, found.answered) == (
        "precept_option", 250, 14, 10)
    rows = [(o.key, o.band_d_change, o.percent_increase, o.triggers_referendum, o.band_d_yearly, o.band_d_weekly,
             o.count, o.share) for o in found.options]
    assert rows == [("freeze", 0, 0, False, 0, 0, 3, 0.3), ("plus14", 14, 5.6, False, 14, 0.27, 5, 0.5),
                    ("plus20", 20, 8, True, 20, 0.38, 2, 0.2)]
    assert found.weighting is None and found.options[0].weighted_share is None


def test_areas_under_ten_responses_are_suppressed_as_in_every_breakdown():
    found = precept_summary(PRECEPT, TALLY, None, AREAS, AREA_TALLIES)
    # warrington (3) alone could be worked out from the totals, so halton (12), the next smallest, goes too
    assert [(a.key, a.suppressed, a.responses, a.answered) for a in found.by_area] == [
        ("halton", True, None, None), ("warrington", True, None, None), ("unknown", False, 25, 25)]
    assert [(o.key, o.count, o.share) for o in found.by_area[2].options] == [
        ("freeze", 0, 0.0), ("plus14", 25, 1.0), ("plus20", 0, 0.0)]
    assert found.by_area[0].options == ()


def test_weighted_shares_come_from_raking_to_the_population():
    # halton is half women, half men; of the 10 respondents 2 are women (weight 2.5), 8 men (weight 0.625).
    # Both women chose plus20, so its weighted count is 5 of 10; the men chose freeze (3) and plus14 (5).
    population = {("halton", "sex", "female"): 100, ("halton", "sex", "male"): 100}
    cells = {("halton", "female"): 2, ("halton", "male"): 8}
    tallies = {("halton", "female"): chosen(2, plus20=2), ("halton", "male"): chosen(8, freeze=3, plus14=5)}
    weighted = weigh(PRECEPT, ["sex"], population, cells, tallies)
    found = precept_summary(PRECEPT, TALLY, weighted, AREAS, AREA_TALLIES)
    assert [(o.key, o.weighted_share) for o in found.options] == [
        ("freeze", 0.1875), ("plus14", 0.3125), ("plus20", 0.5)]
    # Kish: 10^2 / (2 x 2.5^2 + 8 x 0.625^2) = 6.4
    assert (found.weighting.raked_on, found.weighting.effective_sample_size) == (("sex",), 6.4)
    assert found.options[2].weighted_margin_of_error == round(1.959964 * math.sqrt(0.25 / 6.4), 4)


SECTIONS = tuple(QuestionSpec.model_validate(q) for q in [
    {"key": f"{section}_{part}", "type": kind, "text": {"en": f"{section} {part}"}, "required": False,
     **({"scale": {"minimum": 1, "maximum": 5}} if kind == "rating" else {})}
    for section in ("victims", "roads") for part, kind in (("support", "rating"), ("comment", "free_text"))
] + [{"key": "safety", "type": "rating", "text": {"en": "How safe?"}, "required": False,
      "scale": {"minimum": 1, "maximum": 5}}])
PLAN = Consultation(uuid.uuid4(), "cheshire", {"en": "Draft Plan"}, "draft_plan", SECTIONS, areas=("halton",))


def test_a_draft_plans_sections_are_its_support_ratings_with_their_comments():
    assert [(s.key, s.support.key, s.comment) for s in plan_sections(SECTIONS)] == [
        ("victims", "victims_support", "victims_comment"), ("roads", "roads_support", "roads_comment")]


def test_each_section_shows_support_and_comments_overall_and_by_area():
    tally = {("victims_support", ""): {5.0: 3, 4.0: 2, 2.0: 1, 1.0: 1}, ("victims_comment", ""): {None: 4}}
    halton = {("victims_support", ""): {4.0: 6, 3.0: 6}, ("victims_comment", ""): {None: 2}}
    areas = shown_groups(Dimension.AREA, PLAN, {"halton": 12, "unknown": 9})
    approved = {"halton": {"victims_comment": 2}, "unknown": {"victims_comment": 1}}
    found = plan_summary(PLAN, tally, areas, {"halton": halton}, approved)
    victims, roads = found.sections
    # ratings 1, 2, 4, 4, 5, 5, 5: mean 26 / 7, median 4, supportive (4 or 5) 5 of 7
    assert (victims.answered, victims.mean, victims.median, victims.supportive, victims.supportive_share) == (
        7, 3.7143, 4, 5, 0.7143)
    assert [(p.value, p.count) for p in victims.distribution] == [(1, 1), (2, 1), (3, 0), (4, 2), (5, 3)]
    assert (victims.comments, victims.comments_approved) == (4, 3)
    assert (roads.answered, roads.mean, roads.supportive_share, roads.comments) == (0, None, 0.0, 0)
    # unknown (9) is the only small group: halton (12), the next smallest, is suppressed too
    assert [(a.key, a.suppressed) for a in found.by_area] == [("halton", True), ("unknown", True)]
    shown = plan_summary(PLAN, tally, [("halton", 12)], {"halton": halton}, approved).by_area[0].sections[0]
    assert (shown.answered, shown.supportive, shown.supportive_share, shown.comments, shown.comments_approved) == (
        12, 6, 0.5, 2, 2)


def test_only_precept_and_draft_plan_consultations_are_summarised():
    check_summarised(PRECEPT)
    check_summarised(PLAN)
    with pytest.raises(Conflict, match="this one is a survey"):
        check_summarised(Consultation(uuid.uuid4(), "cheshire", {"en": "Survey"}, "survey", SECTIONS))
    with pytest.raises(Conflict, match="no precept question"):
        check_summarised(Consultation(uuid.uuid4(), "cheshire", {"en": "Precept"}, "precept", SECTIONS))


def test_the_csv_has_a_row_per_figure_and_none_for_a_suppressed_area():
    summary = panel_summary(PRECEPT, 10, precept=precept_summary(PRECEPT, TALLY, None, AREAS, AREA_TALLIES))
    rows = list(summary_table(summary))
    assert all(len(row) == len(SUMMARY_COLUMNS) for row in rows)
    assert rows[0] == ("all", False, "", "", "responses", 10)
    assert ("all", False, "plus20", "£20 a year", "triggers_referendum", True) in rows
    assert ("all", False, "plus14", "£14 a year", "share", 0.5) in rows
    assert [row for row in rows if row[0] == "warrington"] == [("warrington", True, "", "", "responses", None)]
    assert ("unknown", False, "plus14", "", "count", 25) in rows
    assert not [row for row in rows if row[4] == "weighted_share"]
