"""What residents read: every public text in Welsh when required, corrections that keep what they leave out,
the Plan's sections, the summary, the office and the outcome on the public view, and the corrections' history."""

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from peel.common.contracts.consultation import ConsultationCorrected, ConsultationPublished
from peel.common.errors import Conflict, InvalidInput, NotFound
from peel.consultation.domain.budget import Budget, BudgetLine, Consequence
from peel.consultation.domain.commands import (
    CloseConsultation,
    CreateConsultation,
    EditConsultation,
    PublishConsultation,
    PublishOutcome,
)
from peel.consultation.domain.kinds import PlanSection, plan_questions
from peel.consultation.domain.model import ConsultationKind
from peel.consultation.domain.questions import Option, PointLabel, Question, QuestionType, Scale, Text
from peel.consultation.domain.texts import Rewording
from peel.consultation.entrypoints.http.schemas import ConsultationPublic
from peel.consultation.service_layer import handlers
from tests.unit.fakes import FakeUnitOfWork

NOW = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
VICTIMS = PlanSection("victims", Text("Putting victims first", "Rhoi dioddefwyr yn gyntaf"),
                      Text("Support from the first call", "Cefnogaeth o'r alwad gyntaf"))


def clock() -> datetime:
    return NOW


def both(en: str) -> Text:
    return Text(en, f"{en} (cy)")


def bilingual_questions(*, label: Text | None = None, consequence: Text | None = None) -> tuple:
    line = BudgetLine("roads", both("Roads policing"), Decimal(4_000_000), Decimal(-20), Decimal(5), Decimal(5),
                      consequences=(Consequence(Decimal(-10), consequence or both("Fewer PCSOs")),))
    budget = Budget(lines=(line,), target_change=Decimal(-100_000), tolerance=Decimal(500_000))
    return (
        Question("priority", QuestionType.SINGLE_CHOICE, both("Which matters most?"),
                 options=(Option("asb", both("Anti-social behaviour")), Option("roads", both("Road safety")))),
        Question("service", QuestionType.RATING, both("How good is the service?"),
                 scale=Scale(1, 5, (PointLabel(5, label or both("Very good")),))),
        Question("budget", QuestionType.BUDGET_ALLOCATION, both("Balance the budget"), budget=budget),
    )


async def create(uow: FakeUnitOfWork, questions: tuple, **extra: object) -> uuid.UUID:
    command = CreateConsultation("cheshire", both("Priorities"), ConsultationKind.SURVEY, NOW + timedelta(days=30),
                                 questions, requires_welsh=True, summary=both("Tell us what matters"), **extra)
    return (await handlers.create_consultation(command, uow, clock)).id


async def published(uow: FakeUnitOfWork, questions: tuple | None = None, **extra: object) -> uuid.UUID:
    consultation_id = await create(uow, questions or bilingual_questions(), **extra)
    await handlers.publish_consultation(PublishConsultation("cheshire", consultation_id), uow, clock)
    return consultation_id


def correct(consultation_id: uuid.UUID, **changes: object) -> EditConsultation:
    return EditConsultation("cheshire", consultation_id, "officer-1", **changes)


async def test_a_correction_in_english_keeps_the_welsh_and_one_removing_required_welsh_is_refused():
    uow = FakeUnitOfWork()
    consultation_id = await published(uow)
    corrected = await handlers.edit_consultation(
        correct(consultation_id, title=Text("Policing priorities"),
                question_texts={"priority": Text("Which matters most to you?")},
                rewordings={"questions.service.scale.5": Rewording(cy="Da iawn")}), uow, clock)
    assert corrected.title == Text("Policing priorities", "Priorities (cy)")
    assert corrected.questions[0].text == Text("Which matters most to you?", "Which matters most? (cy)")
    assert corrected.questions[1].scale.labels[0].text == Text("Very good", "Da iawn")
    with pytest.raises(InvalidInput) as refused:
        await handlers.edit_consultation(
            correct(consultation_id, rewordings={"summary": Rewording(without_welsh=True)}), uow, clock)
    assert [e.location for e in refused.value.errors] == [("texts", "summary", "cy")]
    assert uow.consultations.rows[consultation_id].summary == both("Tell us what matters")


async def test_a_correction_of_an_unknown_text_names_it():
    uow = FakeUnitOfWork()
    consultation_id = await published(uow)
    with pytest.raises(InvalidInput) as refused:
        await handlers.edit_consultation(
            correct(consultation_id, rewordings={"questions.nothing.text": Rewording(en="?")}), uow, clock)
    assert [e.location for e in refused.value.errors] == [("texts", "questions.nothing.text")]


@pytest.mark.parametrize(("questions", "missing"), [
    (bilingual_questions(label=Text("Very good")), "questions.service.scale.5"),
    (bilingual_questions(consequence=Text("Fewer PCSOs")), "questions.budget.budget.roads.consequences.-10"),
])
async def test_welsh_is_required_for_scale_labels_and_budget_consequences(questions, missing):
    uow = FakeUnitOfWork()
    consultation_id = await create(uow, questions)
    with pytest.raises(Conflict, match=rf"is a draft .* missing: {missing}$"):
        await handlers.publish_consultation(PublishConsultation("cheshire", consultation_id), uow, clock)


async def test_welsh_is_required_for_the_summary_and_the_plans_sections():
    uow = FakeUnitOfWork()
    english_only = PlanSection("roads", both("Safer roads"), Text("Fewer crashes"))
    sections = (VICTIMS, english_only)
    consultation_id = await create(uow, plan_questions(sections), sections=sections)
    with pytest.raises(Conflict, match=r"missing: sections\.roads\.summary$"):
        await handlers.publish_consultation(PublishConsultation("cheshire", consultation_id), uow, clock)


async def test_the_plans_sections_are_kept_published_served_and_corrected():
    uow = FakeUnitOfWork()
    consultation_id = await published(uow, plan_questions((VICTIMS,)), sections=(VICTIMS,))
    [(event, _)] = uow.published
    assert isinstance(event, ConsultationPublished)
    assert [(s.key, s.summary.cy) for s in event.sections] == [("victims", "Cefnogaeth o'r alwad gyntaf")]
    await handlers.edit_consultation(
        correct(consultation_id, rewordings={"sections.victims.summary": Rewording(en="Support from the start")}),
        uow, clock)
    view = ConsultationPublic.of(await handlers.get_open_consultation(consultation_id, uow))
    assert [(s.key, s.summary.en, s.summary.cy) for s in view.sections] == [
        ("victims", "Support from the start", "Cefnogaeth o'r alwad gyntaf")]


async def test_corrections_are_kept_with_who_and_when_and_reach_reporting():
    uow = FakeUnitOfWork()
    consultation_id = await published(uow)
    corrected = await handlers.edit_consultation(
        correct(consultation_id, rewordings={"questions.priority.options.asb": Rewording(en="Antisocial behaviour"),
                                             "questions.budget.budget.roads": Rewording(cy="Plismona ffyrdd")}),
        uow, clock)
    [event] = [e for e, _ in uow.published if isinstance(e, ConsultationCorrected)]
    assert event.version == corrected.version
    assert [(c.field, c.text.en, c.text.cy) for c in event.changes] == [
        ("questions.priority.options.asb", "Antisocial behaviour", "Anti-social behaviour (cy)"),
        ("questions.budget.budget.roads", "Roads policing", "Plismona ffyrdd")]
    history = await handlers.corrections("cheshire", consultation_id, uow)
    assert [(r.version, r.correction.field, r.editor, r.corrected_at) for r in history] == [
        (corrected.version, "questions.budget.budget.roads", "officer-1", NOW),
        (corrected.version, "questions.priority.options.asb", "officer-1", NOW)]
    assert history[1].correction.before == both("Anti-social behaviour")
    with pytest.raises(NotFound):
        await handlers.corrections("dyfed-powys", consultation_id, uow)


async def test_a_correction_changing_nothing_is_not_versioned_nor_sent():
    uow = FakeUnitOfWork()
    consultation_id = await published(uow)
    before = uow.consultations.rows[consultation_id].version
    unchanged = await handlers.edit_consultation(correct(consultation_id, title=Text("Priorities")), uow, clock)
    assert unchanged.version == before
    assert not [e for e, _ in uow.published if isinstance(e, ConsultationCorrected)]


async def test_the_public_view_names_its_office_and_shows_the_summary_and_the_outcome():
    uow = FakeUnitOfWork()
    consultation_id = await published(uow)
    await handlers.close_consultation(CloseConsultation("cheshire", consultation_id), uow, clock)
    await handlers.publish_outcome(PublishOutcome("cheshire", consultation_id, both("We added patrols")), uow, clock)
    view = ConsultationPublic.of(await handlers.get_open_consultation(consultation_id, uow, "cheshire"))
    assert view.office == "cheshire"
    assert (view.summary.en, view.summary.cy) == ("Tell us what matters", "Tell us what matters (cy)")
    assert (view.outcome.en, view.outcome.cy) == ("We added patrols", "We added patrols (cy)")
    with pytest.raises(NotFound):
        await handlers.get_open_consultation(consultation_id, uow, "dyfed-powys")


async def test_the_outcome_needs_welsh_when_required_and_can_be_corrected():
    uow = FakeUnitOfWork()
    consultation_id = await published(uow)
    await handlers.close_consultation(CloseConsultation("cheshire", consultation_id), uow, clock)
    with pytest.raises(InvalidInput) as refused:
        await handlers.publish_outcome(PublishOutcome("cheshire", consultation_id, Text("We did")), uow, clock)
    assert [e.location for e in refused.value.errors] == [("outcome", "cy")]
    await handlers.publish_outcome(PublishOutcome("cheshire", consultation_id, both("We added patrols")), uow, clock)
    corrected = await handlers.edit_consultation(
        correct(consultation_id, rewordings={"outcome": Rewording(en="We added two patrols")}), uow, clock)
    assert corrected.outcome == Text("We added two patrols", "We added patrols (cy)")


async def test_a_draft_that_requires_welsh_is_reworded_in_english_alone_and_checked_when_published():
    uow = FakeUnitOfWork()
    priority, *others = bilingual_questions()
    consultation_id = await create(uow, (replace(priority, text=Text("Which matters most?")), *others))
    reworded = await handlers.edit_consultation(
        correct(consultation_id, question_texts={"priority": Text("Which matters most to you?")}), uow, clock)
    assert reworded.questions[0].text == Text("Which matters most to you?")
    with pytest.raises(Conflict, match=r"requires Welsh before publishing; .*missing: questions\.priority\.text"):
        await handlers.publish_consultation(PublishConsultation("cheshire", consultation_id), uow, clock)
