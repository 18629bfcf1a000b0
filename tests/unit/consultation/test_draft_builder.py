"""A builder revises a draft a part at a time: questions added, removed, reordered and routed; a draft Plan's
sections and a precept's proposal, whose own questions follow them; a schedule taken away."""

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from peel.common.errors import Conflict, InvalidInput
from peel.consultation.domain.commands import CreateConsultation, EditConsultation, PublishConsultation
from peel.consultation.domain.kinds import PRECEPT_QUESTION, PlanSection, plan_questions, precept_question
from peel.consultation.domain.lifecycle import ConsultationStatus
from peel.consultation.domain.model import ConsultationKind
from peel.consultation.domain.precept import PreceptOption, PreceptProposal
from peel.consultation.domain.questions import Option, Question, QuestionType, ShowIf, Text
from peel.consultation.entrypoints.http.schemas import ConsultationUpdate
from peel.consultation.service_layer import handlers
from tests.unit.fakes import FakeUnitOfWork

NOW = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
PRIORITY = Question("priority", QuestionType.SINGLE_CHOICE, Text("Which?", "Pa un?"),
                    options=(Option("asb", Text("ASB")), Option("roads", Text("Roads"))))
ROADS = Question("roads_detail", QuestionType.FREE_TEXT, Text("Which roads?"), required=False, max_length=200,
                 show_if=ShowIf("priority", "roads"))
COMMENTS = Question("comments", QuestionType.FREE_TEXT, Text("Anything else?"), required=False, max_length=500)
VICTIMS = PlanSection("victims", Text("Putting victims first"), Text("Support from the first call"))
ROADS_SECTION = PlanSection("roads", Text("Safer roads"), Text("Fewer deaths"))
PROPOSAL = PreceptProposal(Decimal("250.00"), (PreceptOption("freeze", Decimal("0")),
                                               PreceptOption("plus10", Decimal("10"))))


def clock() -> datetime:
    return NOW


async def draft(uow: FakeUnitOfWork, kind: ConsultationKind = ConsultationKind.SURVEY, **parts):
    command = CreateConsultation("cheshire", Text("Priorities"), kind, NOW + timedelta(days=30), **parts)
    return await handlers.create_consultation(command, uow, clock)


def edit(consultation_id, **changes) -> EditConsultation:
    return EditConsultation("cheshire", consultation_id, "officer-1", **changes)


async def test_questions_are_added_reordered_routed_and_removed_by_sending_them_all():
    uow = FakeUnitOfWork()
    created = await draft(uow, questions=(PRIORITY, COMMENTS))
    added = await handlers.edit_consultation(edit(created.id, questions=(PRIORITY, ROADS, COMMENTS)), uow, clock)
    assert [q.key for q in added.questions] == ["priority", "roads_detail", "comments"]
    moved = await handlers.edit_consultation(edit(created.id, questions=(COMMENTS, PRIORITY, ROADS)), uow, clock)
    assert [q.key for q in moved.questions] == ["comments", "priority", "roads_detail"]
    removed = await handlers.edit_consultation(edit(created.id, questions=(PRIORITY,)), uow, clock)
    assert [q.key for q in removed.questions] == ["priority"]


async def test_routing_to_a_later_question_is_refused_naming_it():
    uow = FakeUnitOfWork()
    created = await draft(uow, questions=(PRIORITY,))
    with pytest.raises(InvalidInput) as refused:
        await handlers.edit_consultation(edit(created.id, questions=(ROADS, PRIORITY)), uow, clock)
    assert [e.location for e in refused.value.errors] == [("questions", 0, "show_if", "question")]


async def test_a_draft_plans_questions_follow_its_sections_and_its_written_questions_come_after():
    uow = FakeUnitOfWork()
    created = await draft(uow, ConsultationKind.DRAFT_PLAN, sections=(VICTIMS,),
                          questions=(*plan_questions((VICTIMS,)), COMMENTS))
    resectioned = await handlers.edit_consultation(edit(created.id, sections=(VICTIMS, ROADS_SECTION)), uow, clock)
    assert [q.key for q in resectioned.questions] == [
        "victims_support", "victims_comment", "roads_support", "roads_comment", "comments"]
    rewritten = await handlers.edit_consultation(edit(created.id, questions=(PRIORITY,)), uow, clock)
    assert [q.key for q in rewritten.questions][-1] == "priority" and len(rewritten.questions) == 5


async def test_a_precepts_choice_stays_first_whatever_questions_are_written_after_it():
    uow = FakeUnitOfWork()
    created = await draft(uow, ConsultationKind.PRECEPT, precept=PROPOSAL, questions=(precept_question(PROPOSAL),))
    kept = await handlers.edit_consultation(edit(created.id, questions=(COMMENTS,)), uow, clock)
    assert [q.key for q in kept.questions] == [PRECEPT_QUESTION, "comments"]
    raised = replace(PROPOSAL, options=(*PROPOSAL.options, PreceptOption("plus15", Decimal("15"))))
    reproposed = await handlers.edit_consultation(edit(created.id, precept=raised), uow, clock)
    assert [o.key for o in reproposed.questions[0].options] == ["freeze", "plus10", "plus15"]
    assert [q.key for q in reproposed.questions] == [PRECEPT_QUESTION, "comments"]


async def test_sections_or_a_precept_are_refused_for_another_kind():
    uow = FakeUnitOfWork()
    created = await draft(uow, questions=(PRIORITY,))
    with pytest.raises(InvalidInput) as refused:
        await handlers.edit_consultation(edit(created.id, sections=(VICTIMS,), precept=PROPOSAL), uow, clock)
    assert [e.location for e in refused.value.errors] == [("sections",), ("precept",)]


async def test_a_schedule_taken_away_lets_publishing_open_the_draft_at_once():
    uow = FakeUnitOfWork()
    created = await draft(uow, questions=(PRIORITY,), opens_at=NOW + timedelta(days=3))
    await handlers.edit_consultation(edit(created.id, unschedule=True), uow, clock)
    opened = await handlers.publish_consultation(PublishConsultation("cheshire", created.id), uow, clock)
    assert (opened.status, opened.opens_at) == (ConsultationStatus.OPEN, NOW)


async def test_once_published_its_parts_are_no_longer_revised():
    uow = FakeUnitOfWork()
    created = await draft(uow, questions=(PRIORITY,))
    await handlers.publish_consultation(PublishConsultation("cheshire", created.id), uow, clock)
    for change in ({"questions": (PRIORITY, COMMENTS)}, {"unschedule": True}, {"precept": PROPOSAL}):
        with pytest.raises(Conflict):
            await handlers.edit_consultation(edit(created.id, **change), uow, clock)


def test_an_opening_time_given_as_null_takes_the_schedule_away_and_one_left_out_keeps_it():
    consultation_id = uuid.uuid4()
    cleared = ConsultationUpdate.model_validate({"opens_at": None}).to_command("cheshire", consultation_id, "o-1")
    kept = ConsultationUpdate.model_validate({"closes_at": "2027-02-01T00:00:00Z"}).to_command(
        "cheshire", consultation_id, "o-1")
    assert (cleared.unschedule, kept.unschedule, kept.opens_at) == (True, False, None)
