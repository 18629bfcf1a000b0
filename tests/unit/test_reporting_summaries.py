"""Each question type's summary, computed from responses worked through by hand."""

import uuid
from collections import Counter, defaultdict
from datetime import UTC, datetime

import pytest

from peel.common.contracts.consultation import (
    BudgetAnswer,
    ChoiceAnswer,
    NumberAnswer,
    QuestionSpec,
    RankingAnswer,
    RatingAnswer,
    TextAnswer,
)
from peel.common.errors import Conflict
from peel.reporting.domain.answers import ANSWERED, AnswerRow, answer_rows, free_texts
from peel.reporting.domain.consultation_results import EMBARGOED, Consultation, assemble
from peel.reporting.domain.summaries import TextAnswers

EN = {"en": "x"}
QUESTIONS = tuple(QuestionSpec.model_validate(q) for q in [
    {"key": "priority", "type": "single_choice", "text": EN, "required": True,
     "options": [{"key": "asb", "text": {"en": "ASB"}}, {"key": "roads", "text": {"en": "Roads"}}]},
    {"key": "safety", "type": "rating", "text": EN, "required": False,
     "scale": {"minimum": 1, "maximum": 5, "labels": {"1": {"en": "Very unsafe"}, "5": {"en": "Very safe"}}}},
    {"key": "officers", "type": "number", "text": EN, "required": False,
     "range": {"minimum": 0, "maximum": 50, "unit": "officers"}},
    {"key": "order", "type": "ranking", "text": EN, "required": False,
     "options": [{"key": "a", "text": {"en": "A"}}, {"key": "b", "text": {"en": "B"}},
                 {"key": "c", "text": {"en": "C"}}]},
    {"key": "budget", "type": "budget_allocation", "text": EN, "required": False,
     "budget": {"target_change": 0, "tolerance": 1,
                "lines": [{"key": "patrols", "text": {"en": "Patrols"}, "current_spend": 1_000_000,
                           "min_change_percent": -10, "max_change_percent": 10, "step_percent": 5},
                          {"key": "cyber", "text": {"en": "Cyber"}, "current_spend": 200_000,
                           "min_change_percent": -10, "max_change_percent": 10, "step_percent": 2}],
                "precept": {"band_d_current": 250, "max_change": 15, "income_per_pound": 400_000}}},
    {"key": "comments", "type": "free_text", "text": EN, "required": False},
])
CONSULTATION = Consultation(uuid.uuid4(), "cheshire", {"en": "Priorities"}, "survey", QUESTIONS)


def budget(patrols, cyber=None, precept=None):
    changes = {"patrols": patrols} | ({} if cyber is None else {"cyber": cyber})
    return BudgetAnswer(question="budget", type="budget_allocation", changes_percent=changes, precept_change=precept)


def ranking(*order):
    return RankingAnswer(question="order", type="ranking", order=order)


RESPONSES = [
    [ChoiceAnswer(question="priority", type="single_choice", options=("asb",)),
     RatingAnswer(question="safety", type="rating", value=5), NumberAnswer(question="officers", type="number", value=3),
     ranking("a", "b", "c"), budget(-5, 2, 0)],
    [ChoiceAnswer(question="priority", type="single_choice", options=("asb",)),
     RatingAnswer(question="safety", type="rating", value=4),
     NumberAnswer(question="officers", type="number", value=17),
     ranking("b", "a", "c"), budget(0, 4, 10)],
    [ChoiceAnswer(question="priority", type="single_choice", options=("roads",)),
     RatingAnswer(question="safety", type="rating", value=4),
     NumberAnswer(question="officers", type="number", value=17),
     ranking("a", "c"), budget(0, 6, 10)],
    [RatingAnswer(question="safety", type="rating", value=2),
     NumberAnswer(question="officers", type="number", value=50),
     ranking("c", "a", "b"), budget(5, 8, 14.99)],
    [budget(10)],
]


def tally_of(responses):
    """What the read model's GROUP BY question, item, value gives."""
    counts = defaultdict(Counter)
    for answers in responses:
        for row in answer_rows(answers):
            counts[(row.question, row.item)][row.value] += 1
    return counts


@pytest.fixture(scope="module")
def results():
    texts = {"comments": TextAnswers(publishable=3, pending=1, approved=2, redacted=1,
                                     approved_text=("More patrols", "Fix the lights"))}
    found = assemble(CONSULTATION, len(RESPONSES), tally_of(RESPONSES), texts)
    return {question.key: question for question in found.questions}


def test_choices_count_and_share_of_those_who_answered(results):
    priority = results["priority"]
    assert priority.answered == 3
    assert [(o.key, o.count, o.share) for o in priority.options] == [("asb", 2, 0.6667), ("roads", 1, 0.3333)]
    assert priority.summary is None


def test_ratings_have_a_mean_a_median_and_every_point_of_the_scale(results):
    safety = results["safety"].summary
    assert (safety.mean, safety.median) == (3.75, 4.0)  # 2, 4, 4, 5
    assert [(p.value, p.count, p.share) for p in safety.distribution] == [
        (1, 0, 0), (2, 1, 0.25), (3, 0, 0), (4, 2, 0.5), (5, 1, 0.25)]
    assert [p.label for p in safety.distribution][::4] == [{"en": "Very unsafe"}, {"en": "Very safe"}]


def test_numbers_are_bucketed_over_the_questions_range(results):
    officers = results["officers"].summary
    assert (officers.mean, officers.median, officers.minimum, officers.maximum) == (21.75, 17.0, 3, 50)
    assert officers.unit == "officers"
    assert [(b.low, b.high, b.count) for b in officers.distribution] == [
        (0, 5, 1), (5, 10, 0), (10, 15, 0), (15, 20, 2), (20, 25, 0), (25, 30, 0), (30, 35, 0), (35, 40, 0),
        (40, 45, 0), (45, 50, 1)]


def test_rankings_give_mean_ranks_and_borda_scores(results):
    # Three options: first earns 2 points, second 1, third 0; an option left unranked earns nothing.
    # a: ranks 1, 2, 1, 2 -> 2 + 1 + 2 + 1 = 6;  b: 2, 1, 3 -> 1 + 2 + 0 = 3;  c: 3, 3, 2, 1 -> 0 + 0 + 1 + 2 = 3
    order = results["order"]
    assert [(o.key, o.ranked, o.first_choices, o.mean_rank, o.borda) for o in order.summary.options] == [
        ("a", 4, 2, 1.5, 6), ("b", 3, 1, 2.0, 3), ("c", 4, 1, 2.25, 3)]
    assert [(o.key, o.count) for o in order.options] == [("a", 2), ("b", 1), ("c", 1)]


def test_budget_lines_have_quartiles_in_percent_and_in_pounds(results):
    patrols, cyber = results["budget"].summary.lines
    # patrols: -5, 0, 0, 5, 10 -> quartiles at positions 1, 2, 3
    assert patrols.answered == 5
    assert (patrols.change_percent.mean, patrols.change_percent.median) == (2, 0)
    assert (patrols.change_percent.lower_quartile, patrols.change_percent.upper_quartile) == (0, 5)
    assert patrols.change_percent.interquartile_range == 5
    assert (patrols.change_amount.mean, patrols.change_amount.median, patrols.change_amount.upper_quartile,
            patrols.change_amount.interquartile_range) == (20_000, 0, 50_000, 50_000)
    # cyber: 2, 4, 6, 8 -> positions 0.75, 1.5, 2.25
    assert (cyber.change_percent.lower_quartile, cyber.change_percent.median,
            cyber.change_percent.upper_quartile, cyber.change_percent.interquartile_range) == (3.5, 5, 6.5, 3)
    assert (cyber.change_amount.lower_quartile, cyber.change_amount.upper_quartile) == (7_000, 13_000)


def test_the_precept_change_chosen_has_a_mean_median_and_counts(results):
    precept = results["budget"].summary.precept
    assert (precept.answered, precept.mean, precept.median) == (4, 8.7475, 10)  # 0, 10, 10, 14.99
    assert [(c.value, c.count) for c in precept.distribution] == [(0, 1), (10, 2), (14.99, 1)]


def test_free_text_shows_moderation_counts_and_only_approved_words(results):
    comments = results["comments"].summary
    assert comments.publishable == 3
    assert (comments.moderation.pending, comments.moderation.approved, comments.moderation.redacted) == (1, 2, 1)
    assert comments.approved == ("More patrols", "Fix the lights")


def test_questions_nobody_answered_have_no_figures():
    found = {q.key: q for q in assemble(CONSULTATION, 0, {}).questions}
    assert found["safety"].summary.mean is None
    assert found["budget"].summary.lines[0].change_percent.median is None
    assert found["comments"].summary.moderation.pending == 0


def test_answers_become_a_row_each_and_one_per_option_rank_or_line():
    rows = answer_rows([ranking("b", "a"), budget(-5, 2, 3.5), RatingAnswer(question="safety", type="rating", value=4),
                        ChoiceAnswer(question="priority", type="multi_choice", options=("asb", "roads")),
                        RatingAnswer(question="safety", type="rating", value=1)])
    assert rows == [
        AnswerRow("order", ANSWERED), AnswerRow("order", "b", 1), AnswerRow("order", "a", 2),
        AnswerRow("budget", ANSWERED, 3.5), AnswerRow("budget", "patrols", -5), AnswerRow("budget", "cyber", 2),
        AnswerRow("safety", ANSWERED, 4.0),
        AnswerRow("priority", ANSWERED), AnswerRow("priority", "asb"), AnswerRow("priority", "roads"),
    ]


def test_free_text_words_are_kept_only_when_publishable():
    kept = free_texts([TextAnswer(question="comments", type="free_text", text="Mine", publishable=False),
                       TextAnswer(question="other", type="free_text", text="Share it", publishable=True)])
    assert [(t.question, t.publishable, t.text) for t in kept] == [
        ("comments", False, None), ("other", True, "Share it")]


def test_embargoed_results_are_refused_until_the_consultation_closes():
    embargoed = Consultation(uuid.uuid4(), "cheshire", EN, "survey", (), results_embargoed=True)
    with pytest.raises(Conflict, match=EMBARGOED):
        embargoed.check_results_visible()
    closed = Consultation(uuid.uuid4(), "cheshire", EN, "survey", (), results_embargoed=True,
                          closed_at=datetime(2027, 1, 1, tzinfo=UTC))
    closed.check_results_visible()
