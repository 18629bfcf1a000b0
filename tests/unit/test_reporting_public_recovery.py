"""Published results recover nothing withheld: no mean, median, mean rank or Borda score is shown beside a
withheld count of the distribution it comes from, so the figures shown leave every withheld count open."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from peel.common.contracts.consultation import QuestionSpec
from peel.reporting.domain import statistics
from peel.reporting.domain.consultation_results import Consultation, QuestionResult, assemble
from peel.reporting.domain.public_results import public_results
from peel.reporting.domain.summaries import RatingSummary, TextAnswers, rounded
from tests.support.reporting_events import QUESTIONS

PUBLISHED = datetime(2027, 5, 1, tzinfo=UTC)
CONSULTATION = Consultation(uuid.uuid4(), "cheshire", {"en": "Priorities"}, "survey",
                            tuple(QuestionSpec.model_validate(q) for q in QUESTIONS), results_published_at=PUBLISHED)
counts = st.integers(min_value=0, max_value=45)


def _public(tally: dict, texts: dict | None = None) -> tuple[dict[str, QuestionResult], dict[str, QuestionResult]]:
    staff = assemble(CONSULTATION, 200, tally, texts or {})
    return ({q.key: q for q in staff.questions}, {q.key: q for q in public_results(staff).questions})


def _statistics_beside_withheld(staff: list, public: list, shown: tuple) -> None:
    """If a count of anyone is withheld, none of the statistics computed from those counts is shown."""
    if any(count and seen is None for count, seen in zip(staff, public, strict=True)):
        assert set(shown) == {None}


def test_the_reviews_rating_leaves_its_two_withheld_counts_open():
    public = _public({("safety", ""): {1.0: 3, 2.0: 40, 3.0: 30, 4.0: 20, 5.0: 15}})[1]
    safety = public["safety"]
    assert [p.count for p in safety.summary.distribution] == [None, 40, 30, 20, None]
    assert (safety.answered, safety.summary.mean, safety.summary.median) == (108, None, None)
    assert len(_candidates(safety)) == 19  # 3 + 15 = 18 shared out any way between the two


def _candidates(question: QuestionResult) -> list[tuple[int, ...]]:
    """Every way of filling the withheld points that agrees with every figure shown."""
    points = question.summary.distribution
    missing = question.answered - sum(p.count for p in points if p.count is not None)
    withheld = [p.value for p in points if p.count is None]
    found = []
    for some in itertools.product(range(missing + 1), repeat=len(withheld) - 1):
        if sum(some) > missing:
            continue
        guess = (*some, missing - sum(some))
        filled = {p.value: p.count for p in points if p.count is not None} | dict(zip(withheld, guess, strict=True))
        if _agrees(question.summary, filled):
            found.append(guess)
    return found


def _agrees(summary: RatingSummary, filled: dict) -> bool:
    values = {value: count for value, count in filled.items() if count}
    return all(shown is None or shown == rounded(computed(values)) for shown, computed in
               ((summary.mean, statistics.mean), (summary.median, statistics.median)))


@settings(max_examples=150, deadline=None)
@given(st.lists(counts, min_size=5, max_size=5))
def test_a_rating_never_shows_a_figure_that_pins_down_a_withheld_point(points):
    staff, public = _public({("safety", ""): {float(p): n for p, n in enumerate(points, start=1)}})
    rating = public["safety"]
    _statistics_beside_withheld([p.count for p in staff["safety"].summary.distribution],
                                [p.count for p in rating.summary.distribution],
                                (rating.summary.mean, rating.summary.median))


@settings(max_examples=150, deadline=None)
@given(st.lists(counts, min_size=5, max_size=5))
def test_a_rating_with_withheld_points_leaves_them_open(points):
    """Only the cases with something withheld are drawn (``assume``: hypothesis fails the test, rather than
    passing it, when too few such cases can be found)."""
    rating = _public({("safety", ""): {float(p): n for p, n in enumerate(points, start=1)}})[1]["safety"]
    withheld = [n for p, n in zip(rating.summary.distribution, points, strict=True) if p.count is None]
    assume(rating.answered is not None and any(withheld) and len(withheld) <= 3)
    assert len(_candidates(rating)) > 1


@settings(max_examples=100, deadline=None)
@given(st.lists(counts, min_size=4, max_size=4), st.lists(counts, min_size=3, max_size=3))
def test_a_number_and_a_precept_change_show_no_mean_or_median_beside_a_withheld_count(numbers, changes):
    tally = {("officers", ""): {float(v): n for v, n in zip((3, 17, 50, 95), numbers, strict=True)},
             ("budget", ""): {float(v): n for v, n in zip((0, 5, 10), changes, strict=True)}}
    staff, public = _public(tally)
    number, precept = public["officers"].summary, public["budget"].summary.precept
    _statistics_beside_withheld([b.count for b in staff["officers"].summary.distribution],
                                [b.count for b in number.distribution], (number.mean, number.median))
    _statistics_beside_withheld([c.count for c in staff["budget"].summary.precept.distribution],
                                [c.count for c in precept.distribution], (precept.mean, precept.median))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(counts, min_size=3, max_size=3), min_size=3, max_size=3))
def test_a_ranking_option_shows_no_mean_rank_or_borda_beside_withheld_first_choices(ranks):
    tally = {("order", key): {float(rank): n for rank, n in enumerate(placed, start=1)}
             for key, placed in zip(("patrols", "cyber", "victims"), ranks, strict=True)}
    staff, public = _public(tally)
    for before, option in zip(staff["order"].summary.options, public["order"].summary.options, strict=True):
        _statistics_beside_withheld([before.first_choices], [option.first_choices], (option.mean_rank, option.borda))


@given(st.integers(0, 30), st.integers(0, 30), st.integers(0, 30))
def test_the_approved_answers_shown_show_their_number_and_the_rest_is_never_one_alone(pending, approved, redacted):
    texts = {"comments": TextAnswers(approved + redacted, pending, approved, redacted,
                                     tuple(f"answer {n}" for n in range(approved)))}
    moderation = _public({}, texts)[1]["comments"].summary.moderation
    assert moderation.approved == approved
    withheld = [n for n, shown in ((pending, moderation.pending), (redacted, moderation.redacted)) if shown is None]
    assert not any(withheld) or len(withheld) == 2
