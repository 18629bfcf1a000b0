"""Breakdowns by area or band: small groups suppressed so that no count can be worked out."""

import uuid

import pytest

from peel.common.contracts.consultation import QuestionSpec
from peel.reporting.domain.breakdown import NOT_GIVEN, Dimension, breakdown, group_order, suppressed
from peel.reporting.domain.consultation_results import Consultation
from peel.reporting.domain.export import BREAKDOWN_COLUMNS, breakdown_table

QUESTIONS = tuple(QuestionSpec.model_validate(q) for q in [
    {"key": "priority", "type": "single_choice", "text": {"en": "Which?"}, "required": True,
     "options": [{"key": "asb", "text": {"en": "ASB"}}, {"key": "roads", "text": {"en": "Roads"}}]},
    {"key": "comments", "type": "free_text", "text": {"en": "Anything?"}, "required": False},
])
CONSULTATION = Consultation(uuid.uuid4(), "cheshire", {"en": "Priorities"}, "survey", QUESTIONS,
                            areas=("halton", "warrington", "chester"))


@pytest.mark.parametrize(("sizes", "hidden"), [
    ({"a": 50, "b": 30}, set()),
    ({"a": 50, "b": 5, "c": 20, "d": 30}, {"b", "c"}),  # b alone could be worked out: c, the next smallest, too
    ({"a": 50, "b": 5, "c": 4}, {"b", "c"}),  # two already: neither can be worked out alone
    ({"a": 50, "b": 0, "c": 5, "d": 12}, {"b", "c", "d"}),  # an empty group does not protect c
    ({"a": 9}, {"a"}),
    ({"a": 10, "b": 10}, set()),
])
def test_groups_under_ten_are_suppressed_and_never_alone(sizes, hidden):
    assert suppressed(sizes) == hidden


def test_areas_come_in_the_consultations_order_then_others_then_unknown():
    assert group_order(Dimension.AREA, CONSULTATION, {"unknown", "cheshire_east", "halton"}) == [
        "halton", "warrington", "chester", "cheshire_east", "unknown"]
    assert group_order(Dimension.SEX, CONSULTATION, {NOT_GIVEN, "male", "female"}) == ["female", "male", NOT_GIVEN]


def test_suppressed_groups_show_no_counts_and_others_show_choice_questions_only():
    tallies = {"halton": {("priority", ""): {None: 30}, ("priority", "asb"): {None: 20},
                          ("priority", "roads"): {None: 10}, ("comments", ""): {None: 4}},
               "warrington": {("priority", ""): {None: 4}, ("priority", "asb"): {None: 4}},
               "unknown": {("priority", ""): {None: 12}, ("priority", "roads"): {None: 12}}}
    found = breakdown(CONSULTATION, Dimension.AREA, {"halton": 30, "warrington": 4, "unknown": 12}, tallies)
    groups = {group.key: group for group in found.groups}
    assert list(groups) == ["halton", "warrington", "chester", "unknown"]
    # warrington (4) and chester (0, listed) are under ten; warrington is the only one with responses,
    # so unknown, the next smallest, is suppressed too.
    assert [(g.key, g.suppressed, g.responses) for g in found.groups] == [
        ("halton", False, 30), ("warrington", True, None), ("chester", True, None), ("unknown", True, None)]
    assert groups["warrington"].questions == ()
    [priority] = groups["halton"].questions
    assert [(o.key, o.count, o.share) for o in priority.options] == [("asb", 20, 0.6667), ("roads", 10, 0.3333)]
    rows = list(breakdown_table(found))
    assert rows[-1] == ("area", "unknown", True, None, "", "", "", "", "", "")
    assert len(BREAKDOWN_COLUMNS) == len(rows[0])
