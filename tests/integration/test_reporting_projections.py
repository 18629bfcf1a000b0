"""Reporting's read models on real PostgreSQL: every question type, erasure, moderation, embargo, tenancy.

The event builders are in tests/support/reporting_events.py, the ``project`` fixture in
tests/support/reporting_projector.py.
"""

from __future__ import annotations

import uuid

import asyncpg
import pytest

from peel.common.contracts.consultation import (
    BudgetAnswer,
    EqualityBands,
    RankingAnswer,
    RatingAnswer,
)
from peel.common.errors import Conflict, NotFound
from peel.common.events import Envelope
from peel.reporting.domain.breakdown import Dimension
from peel.reporting.read_models._store import reading
from peel.reporting.read_models.consultation_results.reports import results_breakdown
from peel.reporting.read_models.consultation_results.store import ConsultationStore
from tests.support import reporting_projector
from tests.support.reporting_events import (
    choice,
    closed,
    comment,
    erased,
    moderated,
    published,
    submitted,
)

pytestmark = pytest.mark.integration
project = reporting_projector.project  # the fixture


async def test_every_question_type_is_summarised_from_the_stored_answers(project):
    consultation = uuid.uuid4()
    await project(published(consultation))
    await project(*[
        submitted(consultation, [choice("priority", "asb"), RatingAnswer(question="safety", type="rating", value=v),
                                 BudgetAnswer(question="budget", type="budget_allocation",
                                              changes_percent={"patrols": p}, precept_change=pc),
                                 RankingAnswer(question="order", type="ranking", order=order)])
        for v, p, pc, order in [(5, -5, 0, ("patrols", "cyber", "victims")), (4, 0, 10, ("cyber", "patrols")),
                                (4, 0, 10, ("patrols", "victims", "cyber")), (2, 5, 14.99, ("victims", "patrols")),
                                (1, 10, None, ("patrols", "cyber"))]
    ])
    results = await project.results(consultation)
    assert results["responses"] == 5
    assert [(o.key, o.count) for o in results["priority"].options] == [("asb", 5), ("roads", 0), ("burglary", 0)]
    assert (results["safety"].summary.mean, results["safety"].summary.median) == (3.2, 4)
    patrols = results["budget"].summary.lines[0]
    assert (patrols.change_percent.median, patrols.change_percent.interquartile_range) == (0, 5)
    assert (patrols.change_amount.mean, patrols.change_amount.upper_quartile) == (20_000, 50_000)
    assert results["budget"].summary.precept.median == 10
    order = {o.key: o for o in results["order"].summary.options}
    assert (order["patrols"].borda, order["patrols"].mean_rank, order["patrols"].first_choices) == (8, 1.4, 3)
    assert await _percentile_cont(project.pool, consultation, "patrols") == (0, 0, 5)


async def _percentile_cont(pool: asyncpg.Pool, consultation: uuid.UUID, line: str) -> tuple:
    row = await pool.fetchrow(
        "SELECT percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY value) AS q "
        "FROM read_models.answers WHERE consultation_id = $1 AND question_key = 'budget' AND item = $2",
        consultation, line)
    return tuple(row["q"])


async def test_an_erased_response_is_counted_nowhere_and_erasing_twice_changes_nothing(project):
    consultation = uuid.uuid4()
    kept = submitted(consultation, [choice("priority", "roads"), comment("Keep me")])
    gone = submitted(consultation, [choice("priority", "asb"), comment("Forget me"),
                                    RatingAnswer(question="safety", type="rating", value=5)])
    await project(published(consultation), kept, gone, moderated(gone, "approved"), moderated(kept, "approved"))
    await project(erased(gone))
    await project(erased(gone))
    results = await project.results(consultation)
    assert results["responses"] == 1
    assert [(o.key, o.count) for o in results["priority"].options if o.count] == [("roads", 1)]
    assert results["safety"].answered == 0
    assert results["comments"].summary.approved == ("Keep me",)
    for table in ("responses", "answers", "free_texts"):
        assert await project.pool.fetchval(
            f"SELECT count(*) FROM read_models.{table} WHERE response_id = $1", gone.data.response_id) == 0


async def test_an_erasure_that_arrives_before_its_submission_still_wins(project):
    consultation = uuid.uuid4()
    response = submitted(consultation, [choice("priority", "asb")])
    await project(erased(response))
    await project(published(consultation), response)
    assert (await project.results(consultation))["responses"] == 0
    within_one_batch = submitted(consultation, [choice("priority", "asb")])
    await project(erased(within_one_batch), within_one_batch, submitted(consultation, [choice("priority", "roads")]))
    assert (await project.results(consultation))["responses"] == 1


async def test_the_same_response_or_consultation_delivered_again_under_new_event_ids_counts_once(project):
    consultation = uuid.uuid4()
    response = submitted(consultation, [choice("priority", "asb")])
    again = Envelope.wrap(response.data, source="/peel/consultation", tenant="cheshire")
    await project(published(consultation), response, again)
    await project(again.model_copy(update={"id": str(uuid.uuid4())}), published(consultation))
    results = await project.results(consultation)
    assert (results["responses"], results["priority"].options[0].count) == (1, 1)


async def test_the_latest_moderation_decides_whichever_order_the_decisions_arrive_in(project):
    consultation = uuid.uuid4()
    first, second, third = (submitted(consultation, [comment(text)]) for text in ("One", "Two", "Three"))
    await project(published(consultation), first, second, third)
    await project(moderated(first, "redacted", 10), moderated(first, "approved", 5),
                  moderated(second, "approved", 5), moderated(second, "redacted", 10))
    await project(moderated(third, "approved", 5), moderated(third, "approved", 1))
    comments = (await project.results(consultation))["comments"].summary
    assert (comments.moderation.pending, comments.moderation.approved, comments.moderation.redacted) == (0, 1, 2)
    assert comments.approved == ("Three",)


async def test_words_not_agreed_for_publication_are_not_kept(project):
    consultation = uuid.uuid4()
    private = submitted(consultation, [comment("My neighbour at number 4", publishable=False)])
    await project(published(consultation), private, moderated(private, "approved"))
    assert await project.pool.fetchval("SELECT text FROM read_models.free_texts") is None
    comments = (await project.results(consultation))["comments"].summary
    assert (comments.publishable, comments.moderation.approved, comments.approved) == (0, 1, ())


async def test_embargoed_results_are_refused_until_the_consultation_closes(project):
    consultation = uuid.uuid4()
    await project(published(consultation, embargoed=True), submitted(consultation, [choice("priority", "asb")]))
    with pytest.raises(Conflict, match="results are embargoed until the consultation closes"):
        await project.results(consultation)
    await project(closed(consultation))
    assert (await project.results(consultation))["responses"] == 1


async def test_another_tenants_consultation_is_not_found(project):
    consultation = uuid.uuid4()
    await project(published(consultation, "dyfed-powys"), submitted(consultation, [], tenant="dyfed-powys"))
    with pytest.raises(NotFound):
        await project.results(consultation, "cheshire")
    assert (await project.results(consultation, "dyfed-powys"))["responses"] == 1


async def test_breakdowns_suppress_small_groups(project):
    consultation = uuid.uuid4()
    sizes = {"halton": 12, "warrington": 3, "cheshire_east": 15, "unknown": 20}
    await project(published(consultation), *[
        submitted(consultation, [choice("priority", "asb" if i % 3 else "roads")], area=area,
                  equality=EqualityBands(sex="female" if i % 2 else None))
        for area, size in sizes.items() for i in range(size)
    ])
    async with reading(project.pool, ConsultationStore) as reader:
        by_area = await results_breakdown(reader, "cheshire", consultation, Dimension.AREA)
        by_sex = await results_breakdown(reader, "cheshire", consultation, Dimension.SEX)
    assert [(g.key, g.suppressed, g.responses) for g in by_area.groups] == [
        ("halton", True, None), ("warrington", True, None), ("cheshire_east", False, 15), ("unknown", False, 20)]
    [priority] = [q for q in by_area.groups[2].questions if q.key == "priority"]
    assert [(o.key, o.count) for o in priority.options] == [("asb", 10), ("roads", 5), ("burglary", 0)]
    assert [(g.key, g.responses) for g in by_sex.groups] == [("female", 24), ("not_given", 26)]
