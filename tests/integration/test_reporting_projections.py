"""Reporting's read models on real PostgreSQL: every question type, erasure, moderation, embargo, tenancy.

The event builders here are shared with the rebuild and end-to-end tests.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import pytest
from aiokafka.structs import ConsumerRecord

from peel.common.contracts import registry
from peel.common.contracts.consultation import (
    BudgetAnswer,
    ChoiceAnswer,
    ConsultationClosed,
    ConsultationPublished,
    EqualityBands,
    FreeTextModerated,
    RankingAnswer,
    RatingAnswer,
    ResponseErased,
    ResponseSubmitted,
    TextAnswer,
)
from peel.common.db.migrations import migrate
from peel.common.db.pool import create_pool
from peel.common.errors import Conflict, NotFound
from peel.common.events import Envelope, Event, LocalisedText
from peel.common.messaging.consumer import IdempotentConsumer
from peel.reporting.adapters.reader import reading
from peel.reporting.domain.breakdown import Dimension
from peel.reporting.service_layer.consultation_results import consultation_results, results_breakdown
from peel.reporting.service_layer.projections import read_model_handlers

pytestmark = pytest.mark.integration
MIGRATIONS = Path(__file__).parents[2] / "services" / "reporting" / "migrations"
T0 = datetime(2027, 3, 1, 9, tzinfo=UTC)
AREAS = ("halton", "warrington", "cheshire_east")
QUESTIONS = [
    {"key": "priority", "type": "single_choice", "text": {"en": "Which matters most?"}, "required": True,
     "options": [{"key": "asb", "text": {"en": "Anti-social behaviour"}}, {"key": "roads", "text": {"en": "Roads"}},
                 {"key": "burglary", "text": {"en": "Burglary"}}]},
    {"key": "also", "type": "multi_choice", "text": {"en": "What else?"}, "required": False,
     "options": [{"key": "asb", "text": {"en": "ASB"}}, {"key": "roads", "text": {"en": "Roads"}},
                 {"key": "drugs", "text": {"en": "Drugs"}}]},
    {"key": "safety", "type": "rating", "text": {"en": "How safe do you feel?"}, "required": False,
     "scale": {"minimum": 1, "maximum": 5, "labels": {"1": {"en": "Very unsafe"}, "5": {"en": "Very safe"}}}},
    {"key": "officers", "type": "number", "text": {"en": "How many officers?"}, "required": False,
     "range": {"minimum": 0, "maximum": 100}},
    {"key": "order", "type": "ranking", "text": {"en": "Rank these"}, "required": False,
     "options": [{"key": "patrols", "text": {"en": "Patrols"}}, {"key": "cyber", "text": {"en": "Cyber"}},
                 {"key": "victims", "text": {"en": "Victims"}}]},
    {"key": "budget", "type": "budget_allocation", "text": {"en": "Set the budget"}, "required": False,
     "budget": {"target_change": 0, "tolerance": 1,
                "lines": [{"key": "patrols", "text": {"en": "Patrols"}, "current_spend": 1_000_000,
                           "min_change_percent": -10, "max_change_percent": 10, "step_percent": 5},
                          {"key": "cyber", "text": {"en": "Cyber"}, "current_spend": 200_000,
                           "min_change_percent": -10, "max_change_percent": 10, "step_percent": 2}],
                "precept": {"band_d_current": 250, "max_change": 15, "income_per_pound": 400_000}}},
    {"key": "comments", "type": "free_text", "text": {"en": "Anything else?"}, "required": False},
]


def wrapped(event: Event, tenant: str = "cheshire", at: datetime | None = None) -> Envelope:
    return Envelope.wrap(event, source="/peel/consultation", tenant=tenant, time=at or T0)


def published(consultation_id: uuid.UUID, tenant: str = "cheshire", *, embargoed: bool = False,
              at: datetime | None = None) -> Envelope:
    event = ConsultationPublished(
        consultation_id=consultation_id, title=LocalisedText(en="Policing priorities"), kind="survey",
        opens_at=T0, closes_at=T0 + timedelta(days=42), questions=QUESTIONS, results_embargoed=embargoed, areas=AREAS)
    return wrapped(event, tenant, at)


def closed(consultation_id: uuid.UUID, tenant: str = "cheshire") -> Envelope:
    return wrapped(ConsultationClosed(consultation_id=consultation_id, closed_at=T0 + timedelta(days=42)), tenant)


def submitted(consultation_id: uuid.UUID, answers: Iterable, *, response_id: uuid.UUID | None = None,
              area: str = "halton", equality: EqualityBands | None = None, tenant: str = "cheshire") -> Envelope:
    event = ResponseSubmitted(response_id=response_id or uuid.uuid4(), consultation_id=consultation_id,
                              submitted_at=T0 + timedelta(hours=1), answers=tuple(answers), area=area,
                              equality=equality)
    return wrapped(event, tenant)


def erased(response: Envelope) -> Envelope:
    event = ResponseErased(response_id=response.data.response_id, consultation_id=response.data.consultation_id,
                           erased_at=T0 + timedelta(days=2), reason="erasure_request")
    return wrapped(event, response.tenant)


def moderated(response: Envelope, decision: str, minutes: int = 0, question: str = "comments") -> Envelope:
    event = FreeTextModerated(response_id=response.data.response_id, consultation_id=response.data.consultation_id,
                              question=question, decision=decision, moderated_at=T0 + timedelta(minutes=minutes))
    return wrapped(event, response.tenant)


def choice(key: str, *options: str) -> ChoiceAnswer:
    kind = "single_choice" if key == "priority" else "multi_choice"
    return ChoiceAnswer(question=key, type=kind, options=options)


def comment(text: str, publishable: bool = True) -> TextAnswer:
    return TextAnswer(question="comments", type="free_text", text=text, publishable=publishable)


class Projector:
    """Applies envelopes through the consumer's own path (claims, handlers, positions) without Kafka."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool
        self.offset = 0
        self.consumer = IdempotentConsumer(
            name="test.reporting.read-models", topics=["consultation.events"], handlers=read_model_handlers(),
            registry=registry, pool=pool, bootstrap="unused", dead_letters=None,  # a failure fails the test
        )

    async def __call__(self, *envelopes: Envelope) -> None:
        records = []
        for envelope in envelopes:
            records.append(ConsumerRecord("consultation.events", 0, self.offset, 0, 0, envelope.subject.encode(),
                                          envelope.to_json(), None, 0, 0, []))
            self.offset += 1
        await self.consumer.apply(records)

    async def results(self, consultation_id: uuid.UUID, tenant: str = "cheshire") -> dict:
        async with reading(self.pool) as reader:
            found = await consultation_results(reader, tenant, consultation_id)
        return {q.key: q for q in found.questions} | {"responses": found.responses}


@pytest.fixture
async def project(database: str) -> AsyncIterator[Projector]:
    await migrate(database, MIGRATIONS)
    pool = await create_pool(database)
    try:
        yield Projector(pool)
    finally:
        await pool.close()


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
    async with reading(project.pool) as reader:
        by_area = await results_breakdown(reader, "cheshire", consultation, Dimension.AREA)
        by_sex = await results_breakdown(reader, "cheshire", consultation, Dimension.SEX)
    assert [(g.key, g.suppressed, g.responses) for g in by_area.groups] == [
        ("halton", True, None), ("warrington", True, None), ("cheshire_east", False, 15), ("unknown", False, 20)]
    [priority] = [q for q in by_area.groups[2].questions if q.key == "priority"]
    assert [(o.key, o.count) for o in priority.options] == [("asb", 10), ("roads", 5), ("burglary", 0)]
    assert [(g.key, g.responses) for g in by_sex.groups] == [("female", 24), ("not_given", 26)]
