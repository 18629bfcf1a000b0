"""Published results for the public: the staff's summaries with counts of fewer than ten people withheld,
never one alone among counts that add up; and the outcome shown with the results."""

import uuid
from datetime import UTC, datetime

import pytest
from pydantic import TypeAdapter

from peel.common.contracts.consultation import QuestionSpec
from peel.reporting.domain.consultation_results import Consultation, ConsultationResults, Outcome, assemble
from peel.reporting.domain.export import results_table
from peel.reporting.domain.public_results import PUBLIC_RULE, public_results
from peel.reporting.domain.summaries import TextAnswers
from tests.support.reporting_events import QUESTIONS

PUBLISHED = datetime(2027, 5, 1, tzinfo=UTC)
OUTCOME = Outcome({"en": "We asked about priorities; you said roads; we funded speed checks."}, PUBLISHED)
CONSULTATION = Consultation(uuid.uuid4(), "cheshire", {"en": "Priorities"}, "survey",
                            tuple(QuestionSpec.model_validate(q) for q in QUESTIONS),
                            closed_at=PUBLISHED, results_published_at=PUBLISHED, outcome=OUTCOME)
TALLY = {
    ("priority", ""): {None: 30}, ("priority", "asb"): {None: 15}, ("priority", "roads"): {None: 12},
    ("priority", "burglary"): {None: 3},
    ("also", ""): {None: 16}, ("also", "asb"): {None: 12}, ("also", "roads"): {None: 4},
    ("safety", ""): {1.0: 2, 3.0: 11, 4.0: 12, 5.0: 10},
    ("officers", ""): {3.0: 1, 17.0: 2, 50.0: 1},
    ("order", ""): {None: 30}, ("order", "patrols"): {1.0: 15, 2.0: 10, 3.0: 5},
    ("order", "cyber"): {1.0: 10, 2.0: 15}, ("order", "victims"): {1.0: 5, 3.0: 3},
    ("budget", ""): {0.0: 12, 10.0: 3}, ("budget", "patrols"): {-5.0: 6, 5.0: 6}, ("budget", "cyber"): {2.0: 4},
}
TEXTS = {"comments": TextAnswers(publishable=25, pending=14, approved=12, redacted=4, approved_text=("More patrols",))}


@pytest.fixture(scope="module")
def staff() -> ConsultationResults:
    return assemble(CONSULTATION, 40, TALLY, TEXTS)


@pytest.fixture(scope="module")
def public(staff) -> dict:
    found = public_results(staff)
    assert (found.responses, found.rule, found.outcome) == (40, PUBLIC_RULE, OUTCOME)
    return {question.key: question for question in found.questions}


def test_a_single_choice_under_ten_is_withheld_with_the_next_smallest(public):
    priority = public["priority"]
    assert priority.answered == 30
    # burglary (3) alone could be worked out from the 30 who answered: roads (12), the next smallest, goes too
    assert [(o.key, o.count, o.share) for o in priority.options] == [
        ("asb", 15, 0.5), ("roads", None, None), ("burglary", None, None)]


def test_a_multiple_choice_withholds_each_count_under_ten_alone(public):
    assert [(o.key, o.count) for o in public["also"].options] == [("asb", 12), ("roads", None), ("drugs", None)]


def test_a_rating_withholds_small_points_and_with_them_its_mean_and_median(public):
    safety = public["safety"].summary
    # with the 35 who answered and the mean, the two withheld counts could be worked out
    assert (safety.mean, safety.median) == (None, None)
    assert [(p.value, p.count, p.share) for p in safety.distribution] == [
        (1, None, None), (2, None, None), (3, 11, 0.3143), (4, 12, 0.3429), (5, None, None)]


def test_a_question_fewer_than_ten_answered_shows_no_figure(public):
    officers = public["officers"]
    assert officers.answered is None
    summary = officers.summary
    assert (summary.mean, summary.median, summary.minimum, summary.maximum) == (None, None, None, None)
    assert {bucket.count for bucket in summary.distribution} == {None}


def test_a_numbers_minimum_and_maximum_are_withheld_however_many_answered(staff):
    enough = assemble(CONSULTATION, 40, {("officers", ""): {3.0: 10, 17.0: 20, 50.0: 10}}, {})
    summary = {q.key: q for q in public_results(enough).questions}["officers"].summary
    assert (summary.mean, summary.median, summary.minimum, summary.maximum) == (21.75, 17.0, None, None)


def test_a_ranking_withholds_small_first_choices_and_options_few_ranked(public):
    order = public["order"]
    # cyber's ranked (25), mean rank (1.6) and Borda (35) would give its 10 first choices back
    assert [(o.key, o.ranked, o.first_choices, o.mean_rank, o.borda) for o in order.summary.options] == [
        ("patrols", 30, 15, 1.6667, 40), ("cyber", 25, None, None, None), ("victims", None, None, None, None)]
    assert [(o.key, o.count) for o in order.options] == [("patrols", 15), ("cyber", None), ("victims", None)]


def test_a_budget_withholds_lines_few_changed_and_small_precept_choices(public):
    budget = public["budget"].summary
    patrols, cyber = budget.lines
    assert (patrols.answered, patrols.change_percent.median) == (12, 0)
    assert (cyber.answered, cyber.change_percent.median, cyber.change_amount.mean) == (None, None, None)
    assert (budget.precept.answered, budget.precept.mean, budget.precept.median) == (15, None, None)
    assert [(c.value, c.count) for c in budget.precept.distribution] == [(0, None), (10, None)]


def test_free_text_shows_only_approved_words_their_number_and_the_rest_never_one_alone(public):
    comments = public["comments"].summary
    assert comments.approved == ("More patrols",)
    assert comments.publishable == 25
    # the approved are shown, so redacted (4) alone would be 26 answers less the 14 pending
    assert (comments.moderation.pending, comments.moderation.approved, comments.moderation.redacted) == (
        None, 12, None)


def test_fewer_than_ten_responses_show_no_count_but_approved_words(staff):
    few = public_results(assemble(CONSULTATION, 6, {("priority", ""): {None: 6}, ("priority", "asb"): {None: 6}},
                                  {"comments": TextAnswers(3, 3, 0, 0, ())}))
    assert few.responses is None
    assert {o.count for q in few.questions for o in q.options} == {None}


def test_the_staff_see_every_count_and_the_outcome(staff):
    assert staff.rule is None and staff.outcome == OUTCOME
    assert [o.count for o in staff.questions[0].options] == [15, 12, 3]


def test_public_results_serialise_withheld_figures_as_null_and_list_the_outcome(staff):
    found = public_results(staff)
    dumped = TypeAdapter(ConsultationResults).dump_python(found, mode="json")
    assert dumped["questions"][3]["summary"]["distribution"][0]["count"] is None
    assert dumped["outcome"]["text"] == OUTCOME.text
    rows = list(results_table(found))
    assert rows[1] == ("", "", "", "en", "outcome", OUTCOME.text["en"])
    assert ("priority", "Which matters most?", "single_choice", "roads", "count", None) in rows


def test_results_are_public_once_published_and_never_while_embargoed():
    assert CONSULTATION.results_public
    assert not Consultation(uuid.uuid4(), "cheshire", {"en": "P"}, "survey", ()).results_public
    embargoed = Consultation(uuid.uuid4(), "cheshire", {"en": "P"}, "survey", (), results_embargoed=True,
                             results_published_at=PUBLISHED)
    assert not embargoed.results_public
