"""`peel reporting rebuild` on the real broker and database: a rebuild gives exactly what incremental
processing gave, also while the live consumer keeps consuming, and the live consumer carries on after it."""

from __future__ import annotations

import asyncio
import io
import random
import uuid
from datetime import timedelta

import asyncpg
import pytest

from peel.cli.main import main as peel
from peel.cli.reporting import ProgressBar
from peel.common.contracts.consultation import (
    BudgetAnswer,
    ConsultationOutcomePublished,
    ConsultationResultsPublished,
    EqualityBands,
    NumberAnswer,
    RankingAnswer,
    RatingAnswer,
)
from peel.common.errors import Conflict
from peel.common.events import Envelope, LocalisedText
from peel.reporting.adapters import rebuild as rebuild_tables
from peel.reporting.adapters.rebuild import only_rebuild
from peel.reporting.bootstrap import rebuild_read_models
from peel.reporting.domain.breakdown import Dimension
from peel.reporting.read_models import consultation_results as results_model
from peel.reporting.read_models import registry
from peel.reporting.read_models._store import reading
from peel.reporting.read_models.consultation_results.reports import (
    consultation_panel_summary,
    consultation_results,
    published_results,
    results_breakdown,
)
from peel.reporting.read_models.consultation_results.store import ConsultationStore
from peel.reporting.read_models.panel_questions.routes import panel_report
from peel.reporting.read_models.panel_questions.store import PanelQuestionStore
from tests.support import reporting_consumer
from tests.support.reporting_consumer import Reporting, consume, running, stop
from tests.support.reporting_events import (
    AREAS,
    T0,
    choice,
    closed,
    comment,
    corrected,
    erased,
    extended,
    moderated,
    panel_question,
    precept_choice,
    precept_published,
    published,
    submitted,
    wrapped,
)
from tests.support.reporting_json import as_json
from tests.support.reporting_meetings_events import MEETING_TABLES, meetings_and_recommendations, meetings_snapshot
from tests.support.reporting_plans_events import PLAN_TABLES, coverage_snapshot, plans_and_replies
from tests.support.reporting_scheduling_events import SCHEDULING_TABLES, scheduling_snapshot, scheduling_stream
from tests.support.servers import eventually

pytestmark = pytest.mark.integration
reporting = reporting_consumer.reporting  # the fixture
TABLES = {
    "consultations": "consultation_id", "consultation_corrections": "consultation_id, field",
    "responses": "response_id", "answers": "response_id, question_key, item",
    "free_texts": "response_id, question_key", "erased_responses": "response_id", "panel_questions": "question_id",
    **SCHEDULING_TABLES, **MEETING_TABLES, **PLAN_TABLES,
    "council_acknowledgements": "bulletin_id, organisation_id",
}
TODAY = T0.date() + timedelta(days=15)


def random_answers(rng: random.Random) -> list:
    answers = [choice("priority", rng.choices(["asb", "roads", "burglary"], [5, 3, 2])[0])]
    if rng.random() < 0.6:
        answers.append(choice("also", *rng.sample(["asb", "roads", "drugs"], rng.randint(1, 3))))
    if rng.random() < 0.8:
        answers.append(RatingAnswer(question="safety", type="rating", value=rng.choice([1, 2, 3, 3, 4, 4, 4, 5])))
    if rng.random() < 0.5:
        answers.append(NumberAnswer(question="officers", type="number", value=round(rng.uniform(0, 100), 1)))
    if rng.random() < 0.7:
        answers.append(RankingAnswer(question="order", type="ranking",
                                     order=tuple(rng.sample(["patrols", "cyber", "victims"], rng.randint(2, 3)))))
    if rng.random() < 0.7:
        answers.append(BudgetAnswer(question="budget", type="budget_allocation",
                                    changes_percent={"patrols": rng.choice([-10, -5, 0, 5, 10]),
                                                     "cyber": rng.choice(range(-10, 11, 2))},
                                    precept_change=rng.choice([0, 5, 10, 14.99, None])))
    if rng.random() < 0.4:
        answers.append(comment(rng.choice(["More patrols", "=cmd|' /C calc'!A0", "Speeding", "Lights"]),
                               publishable=rng.random() < 0.7))
    return answers


def random_equality(rng: random.Random) -> EqualityBands | None:
    if rng.random() < 0.2:
        return None
    return EqualityBands(age_band=rng.choice(["16_24", "25_44", "45_64", "65_plus", None]),
                         sex=rng.choice(["female", "male", None]), ethnicity=rng.choice(["white", "asian", "black"]),
                         disability=rng.choice(["yes", "no", None]))


def realistic_stream(seed: int = 7, responses: int = 300) -> tuple[list[Envelope], list[uuid.UUID]]:
    """Two tenants' consultations: responses of every type, erasures (some before their submission),
    moderation in any order, corrections and closing extensions in any order, an embargo lifted by closing,
    results and outcome published; and their
    surgeries and assemblies."""
    rng = random.Random(seed)
    ids = [uuid.UUID(int=rng.getrandbits(128)) for _ in range(3)]
    stream = [published(ids[0]), published(ids[1], embargoed=True), published(ids[2], "dyfed-powys")]
    for _ in range(responses):
        consultation_id = rng.choice(ids)
        tenant = "dyfed-powys" if consultation_id == ids[2] else "cheshire"
        response = submitted(consultation_id, random_answers(rng), area=rng.choice([*AREAS, "unknown", "chester"]),
                             equality=random_equality(rng), tenant=tenant,
                             response_id=uuid.UUID(int=rng.getrandbits(128)))
        roll = rng.random()
        if roll < 0.05:
            stream += [erased(response), response]
        elif roll < 0.12:
            stream += [response, erased(response), erased(response)]
        else:
            stream.append(response)
        if any(a.type == "free_text" for a in response.data.answers) and rng.random() < 0.8:
            stream += [moderated(response, rng.choice(["approved", "redacted"]), rng.randint(0, 60))
                       for _ in range(rng.randint(1, 2))]
    stream += corrections_and_extensions(ids)
    stream += [closed(ids[1]), wrapped(ConsultationResultsPublished(consultation_id=ids[1], published_at=T0)),
               wrapped(ConsultationOutcomePublished(consultation_id=ids[1], outcome=LocalisedText(en="We did"),
                                                    published_at=T0)),
               corrected(ids[1], 5, {"outcome": "We did it"})]
    precept_id = uuid.UUID(int=rng.getrandbits(128))
    stream += [precept_published(precept_id), *panel_questions(rng, responses // 10)]
    stream += [submitted(precept_id, [precept_choice(rng.choice(["freeze", "plus14", "plus20"]))],
                         area=rng.choice([*AREAS, "unknown"]), response_id=uuid.UUID(int=rng.getrandbits(128)))
               for _ in range(responses // 5)]
    return (stream + scheduling_stream(rng) + meetings_and_recommendations(rng) + plans_and_replies(rng),
            [*ids, precept_id])


def corrections_and_extensions(ids: list[uuid.UUID]) -> list[Envelope]:
    """The first consultation corrected twice and extended twice, the later decision first each time; the
    third, another tenant's, corrected once."""
    latest = {"title": "Policing priorities 2027", "questions.priority.options.roads": "Roads"}
    earlier = {"title": "Policing priorites", "questions.safety.text": "Safe?"}
    return [corrected(ids[0], 3, latest), extended(ids[0], 56), corrected(ids[0], 2, earlier), extended(ids[0], 49),
            corrected(ids[2], 2, {"questions.budget.budget.cyber": "Cyber crime"}, "dyfed-powys")]


def panel_questions(rng: random.Random, count: int) -> list[Envelope]:
    """Questions to three Panel meetings of two tenants, each as far as its fate, some delivered twice."""
    meetings = [(uuid.UUID(int=rng.getrandbits(128)), tenant) for tenant in ("cheshire", "cheshire", "dyfed-powys")]
    fates = ["received", "rejected:operational_matter", "rejected:sub_judice", "accepted", "answered", "published"]
    stream: list[Envelope] = []
    for _ in range(count):
        meeting, tenant = rng.choice(meetings)
        events = panel_question(meeting, rng.choice(fates), tenant=tenant, late=rng.random() < 0.3,
                                question_id=uuid.UUID(int=rng.getrandbits(128)))
        stream += events + events[: rng.choice([0, 0, 1, 2])]
    return stream



async def snapshot(pool: asyncpg.Pool, consultations: list[tuple[str, uuid.UUID]]) -> dict:
    """Every consultation's results and breakdowns as the API answers them, and every read-model row."""
    found: dict = {}
    async with reading(pool, ConsultationStore) as reader:
        for tenant, consultation_id in consultations:
            results = await consultation_results(reader, tenant, consultation_id)
            found[str(consultation_id)] = as_json(results)
            if results.results_published_at:
                found[f"{consultation_id} for the public"] = as_json(await published_results(reader, consultation_id))
            for by in Dimension:
                breakdown = await results_breakdown(reader, tenant, consultation_id, by)
                found[f"{consultation_id} by {by}"] = as_json(breakdown)
            if (await reader.consultation(tenant, consultation_id)).kind == "precept":
                summary = await consultation_panel_summary(reader, tenant, consultation_id)
                found[f"{consultation_id} for the Panel"] = as_json(summary)
    async with reading(pool, PanelQuestionStore) as reader:
        for tenant in ("cheshire", "dyfed-powys"):
            report = await panel_report(reader, tenant, TODAY)
            found[f"{tenant} Panel questions"] = as_json(report)
    found |= await scheduling_snapshot(pool) | await meetings_snapshot(pool) | await coverage_snapshot(pool)
    for table, order in TABLES.items():
        found[table] = [content(row) for row in await pool.fetch(f"SELECT * FROM read_models.{table} ORDER BY {order}")]
    return found


def content(row: asyncpg.Record) -> dict:
    """The row without its change stamp, which is new on every write and so differs between any two fillings."""
    return {column: value for column, value in dict(row).items() if column != "changes"}


def scoped(ids: list[uuid.UUID]) -> list[tuple[str, uuid.UUID]]:
    return [("cheshire", ids[0]), ("cheshire", ids[1]), ("dyfed-powys", ids[2]), ("cheshire", ids[3])]


async def test_a_rebuild_gives_exactly_what_incremental_processing_gave(reporting):
    stream, ids = realistic_stream(seed=11, responses=300)
    await reporting.send(stream)
    live = await running(reporting.live_consumer())
    try:
        await eventually(lambda: reporting.consumed(len(stream)), within=60)
        incremental = await snapshot(reporting.pool, scoped(ids))
        assert incremental["cheshire Panel questions"]["totals"]["received"] > 0
        assert incremental[f"{ids[3]} for the Panel"]["precept"]["answered"] == 60
        assert (incremental[str(ids[0])]["title"], incremental[str(ids[0])]["closes_at"]) == (
            {"en": "Policing priorities 2027"}, (T0 + timedelta(days=56)).isoformat().replace("+00:00", "Z"))
        assert incremental[f"{ids[1]} for the public"]["outcome"]["text"] == {"en": "We did it"}
        assert incremental[str(ids[1])]["outcome"]["text"] == {"en": "We did it"}
        assert [(q["quarter"]["label"], q["slots_booked"]) for q in incremental["cheshire surgeries"]["totals"]] == [
            ("2026-Q4", 1), ("2027-Q1", 4), ("2027-Q2", 4)]
        assert [(q["quarter"]["label"], q["meetings_known"], q["meetings_attended"])
                for q in incremental["cheshire meetings"]["totals"]] == [("2026-Q4", 1, 1), ("2027-Q1", 1, 1),
                                                                         ("2027-Q2", 4, 2)]
        assert [(q["meetings_planned"], q["planned_meetings_attended"])
                for q in incremental["gwent plan coverage"]["totals"]] == [(2, 1), (2, 1), (0, 0)]
        assert sum(row["reply"] is not None for row in incremental["assembly_panel"]) == 6
        bar = io.StringIO()
        report = await rebuild_read_models(reporting.settings, ProgressBar(bar), batch_size=64)
        rebuilt = await snapshot(reporting.pool, scoped(ids))
        assert rebuilt == incremental
        assert report.replayed + report.caught_up == len(stream) and report.set_aside == 0
        assert bar.getvalue().rstrip().endswith(f"[{'#' * 40}] {len(stream)}/{len(stream)} events")

        later = [submitted(ids[0], [choice("priority", "roads")]) for _ in range(5)]
        await reporting.send(later)  # the live consumer carries on into the rebuilt tables
        await eventually(lambda: reporting.consumed(len(stream) + len(later)), within=30)
        after = await snapshot(reporting.pool, scoped(ids))
        assert after[str(ids[0])]["responses"] == incremental[str(ids[0])]["responses"] + 5
    finally:
        await stop(live)
    assert await reporting.pool.fetchval("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'read_models_%'") == 0


async def test_a_rebuild_while_events_keep_arriving_neither_loses_nor_double_counts(reporting):
    stream, ids = realistic_stream(seed=23, responses=400)
    first, rest = stream[:200], stream[200:]
    await reporting.send(first)
    live = await running(reporting.live_consumer())
    try:
        await eventually(lambda: reporting.consumed(len(first)), within=60)
        sending = asyncio.create_task(_trickle(reporting, rest))
        await rebuild_read_models(reporting.settings, batch_size=16)
        await sending
        await eventually(lambda: reporting.consumed(len(stream)), within=60)
        during = await snapshot(reporting.pool, scoped(ids))
    finally:
        await stop(live)
    await rebuild_read_models(reporting.settings)  # quietly, from scratch
    assert await snapshot(reporting.pool, scoped(ids)) == during
    expected = _surviving_responses(stream)
    assert {str(i): during[str(i)]["responses"] for i in ids} == {str(i): expected.get(i, 0) for i in ids}


async def _trickle(reporting: Reporting, envelopes: list[Envelope]) -> None:
    for start in range(0, len(envelopes), 10):
        await reporting.send(envelopes[start:start + 10])
        await asyncio.sleep(0.01)


def _surviving_responses(stream: list[Envelope]) -> dict[uuid.UUID, int]:
    erased = {e.data.response_id for e in stream if e.type.endswith("response.erased.v1")}
    counted: dict[uuid.UUID, set] = {}
    for envelope in stream:
        if envelope.type.endswith("response.submitted.v1") and envelope.data.response_id not in erased:
            counted.setdefault(envelope.data.consultation_id, set()).add(envelope.data.response_id)
    return {consultation: len(responses) for consultation, responses in counted.items()}


async def test_a_rebuild_of_nothing_swaps_in_empty_tables_and_a_second_at_once_is_refused(reporting):
    consultation = uuid.uuid4()
    await reporting.pool.execute(
        "INSERT INTO read_models.responses VALUES ($1, $2, 'cheshire', 'halton', NULL, NULL, NULL, NULL, now())",
        uuid.uuid4(), consultation)
    async with only_rebuild(reporting.pool):
        with pytest.raises(Conflict, match="another rebuild"):
            await rebuild_read_models(reporting.settings)
    report = await rebuild_read_models(reporting.settings)
    assert (report.replayed, report.caught_up) == (0, 0)
    assert await reporting.pool.fetchval("SELECT count(*) FROM read_models.responses") == 0
    await reporting.send([published(consultation)])
    live = await running(reporting.live_consumer())
    try:
        await eventually(lambda: reporting.consumed(1), within=30)
    finally:
        await stop(live)
    assert await reporting.pool.fetchval("SELECT count(*) FROM read_models.consultations") == 1


async def test_a_rebuild_is_refused_if_a_migration_changed_the_tables_meanwhile(reporting, monkeypatch):
    await reporting.send([published(uuid.uuid4())])
    hold_swap_lock = rebuild_tables.hold_swap_lock

    async def migrated_first(connection: asyncpg.Connection) -> None:
        await reporting.pool.execute("ALTER TABLE read_models.responses ADD COLUMN keyed_by text")
        await hold_swap_lock(connection)

    monkeypatch.setattr(rebuild_tables, "hold_swap_lock", migrated_first)
    with pytest.raises(Conflict, match="changed during the rebuild"):
        await rebuild_read_models(reporting.settings)
    columns = await reporting.pool.fetch(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = 'read_models' AND column_name = 'keyed_by'")
    assert len(columns) == 1


async def test_one_read_model_is_rebuilt_alone_as_incremental_processing_made_it_and_the_others_are_left_alone(
        reporting):
    stream, ids = realistic_stream(seed=31, responses=120)
    await consume(reporting, stream)
    incremental = await snapshot(reporting.pool, scoped(ids))
    await reporting.pool.execute("DELETE FROM read_models.answers")  # of the read model rebuilt
    await reporting.pool.execute("DELETE FROM read_models.surgery_bookings")  # of one left alone

    report = await rebuild_read_models(reporting.settings, read_models=["consultation_results"])
    rebuilt = await snapshot(reporting.pool, scoped(ids))
    assert report.replayed == len(stream)
    assert {table: rebuilt[table] for table in results_model.READ_MODEL.tables} == {
        table: incremental[table] for table in results_model.READ_MODEL.tables}
    assert {key: rebuilt[key] for key in incremental if key.startswith(tuple(map(str, ids)))} == {
        key: incremental[key] for key in incremental if key.startswith(tuple(map(str, ids)))}
    assert rebuilt["surgery_bookings"] == []
    assert {table: rebuilt[table] for table in TABLES if table != "surgery_bookings"} == {
        table: incremental[table] for table in TABLES if table != "surgery_bookings"}

    await rebuild_read_models(reporting.settings, read_models=["surgeries", "panel_questions", "meetings"])
    assert await snapshot(reporting.pool, scoped(ids)) == incremental
    assert await reporting.pool.fetchval("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'read_models_%'") == 0


async def test_every_read_model_table_is_declared_by_exactly_one_read_model(reporting):
    declared = [table for model in registry.READ_MODELS for table in model.tables]
    live = await reporting.pool.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'read_models'")
    assert sorted(declared) == sorted(row["tablename"] for row in live) == sorted(TABLES)


def test_a_rebuild_of_an_unknown_read_model_is_refused_naming_the_read_models(capsys):
    assert peel(["reporting", "rebuild", "--read-model", "surgeries,surgery"]) != 0
    refusal = capsys.readouterr().err
    assert "no read model named surgery" in refusal
    assert all(model.name in refusal for model in registry.READ_MODELS)
