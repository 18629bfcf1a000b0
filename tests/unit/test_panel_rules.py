"""Panel questions: deadlines, word limits, one question per person, and the lifecycle."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from peel.common.contracts.consultation import (
    PanelQuestionAccepted,
    PanelQuestionAnswered,
    PanelQuestionPublished,
    PanelQuestionRejected,
    PanelQuestionSubmitted,
)
from peel.common.errors import Conflict, InvalidInput, NotFound
from peel.common.working_days import Closure
from peel.consultation.domain.panel import Asker, QuestionStatus, RejectionReason, normalised_email
from peel.consultation.domain.questions import Text
from peel.consultation.service_layer import panel
from peel.consultation.service_layer.panel import AnswerQuestion, AskQuestion
from tests.unit.panel_fakes import MEETING_AT, FakeClock, FakeUnitOfWork, accepted, ask, schedule


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 2, 10, 0, tzinfo=UTC))


async def test_a_meetings_questions_close_five_working_days_before_it(uow, clock):
    meeting = await schedule(uow, clock)
    assert meeting.submissions_close_on == date(2026, 3, 12)
    assert (meeting.word_limit, meeting.answer_working_days) == (250, 10)
    assert uow.published == []


async def test_the_notice_period_is_set_per_meeting_and_skips_the_offices_closures(uow, clock):
    await panel.add_closure("cheshire", Closure(date(2026, 3, 18), "Office move"), uow)
    meeting = await schedule(uow, clock, notice_working_days=3)
    assert meeting.submissions_close_on == date(2026, 3, 13)


async def test_a_meeting_cannot_be_scheduled_in_the_past(uow, clock):
    clock.now = MEETING_AT + timedelta(minutes=1)
    with pytest.raises(InvalidInput, match="starts_at: is in the past"):
        await schedule(uow, clock)


async def test_a_question_is_received_and_its_event_names_nobody(uow, clock):
    meeting = await schedule(uow, clock)
    question = await ask(uow, clock, meeting)
    assert (question.status, question.word_count) == (QuestionStatus.RECEIVED, 7)
    [(event, tenant)] = uow.published
    assert tenant == "cheshire"
    assert event == PanelQuestionSubmitted(question_id=question.id, meeting_id=meeting.id,
                                           meeting_date=date(2026, 3, 19), submitted_at=clock.now, word_count=7)
    assert not [said for said in ("Bloggs", "jo@example.org", "CW1", "Crewe") if said in event.model_dump_json()]


async def test_questions_are_taken_until_the_end_of_the_closing_day_uk_time(uow, clock):
    meeting = await schedule(uow, clock)
    clock.now = datetime(2026, 3, 12, 23, 59, 59, tzinfo=UTC)
    await ask(uow, clock, meeting)
    clock.now = datetime(2026, 3, 13, 0, 0, tzinfo=UTC)
    with pytest.raises(Conflict, match="submissions closed on 2026-03-12"):
        await ask(uow, clock, meeting, email="late@example.org")


async def test_a_question_over_the_word_limit_is_refused_naming_the_field_and_count(uow, clock):
    meeting = await schedule(uow, clock, word_limit=5)
    await ask(uow, clock, meeting, text="one two three four five")
    with pytest.raises(InvalidInput) as refused:
        await ask(uow, clock, meeting, email="long@example.org", text="one two three four five six")
    [error] = refused.value.errors
    assert (error.location, error.reason, error.code) == (("question",), "has 6 words; the limit is 5",
                                                         "too_many_words")


async def test_a_blank_question_is_refused(uow, clock):
    meeting = await schedule(uow, clock)
    with pytest.raises(InvalidInput, match="question: needs a question"):
        await ask(uow, clock, meeting, text="   \n ")


async def test_one_question_per_person_per_meeting(uow, clock):
    meeting, other = await schedule(uow, clock), await schedule(uow, clock)
    await ask(uow, clock, meeting, email="Jo.Bloggs@Example.org")
    with pytest.raises(Conflict, match="one question per person"):
        await ask(uow, clock, meeting, email=" jo.bloggs+panel@example.ORG ")
    await ask(uow, clock, other, email="jo.bloggs@example.org")
    assert len(uow.questions.rows) == 2 and len(uow.published) == 2


def test_a_person_is_their_email_address_without_case_or_tag():
    assert normalised_email(" Jo.Bloggs+Panel@Example.ORG ") == "jo.bloggs@example.org"
    assert normalised_email("jo@example.org") != normalised_email("jo@example.com")


async def test_an_unknown_meeting_is_not_found(uow, clock):
    with pytest.raises(NotFound):
        await panel.submit_question(AskQuestion(uuid.uuid4(), Asker("Jo", "jo@example.org"), "Why?"), uow, clock)


async def test_accepting_sets_the_answer_due_date_in_working_days(uow, clock):
    meeting = await schedule(uow, clock)
    question = await ask(uow, clock, meeting)
    clock.now = datetime(2026, 3, 27, 9, 0, tzinfo=UTC)  # a Friday; Good Friday and Easter Monday follow
    question = await panel.accept_question("cheshire", question.id, uow, clock)
    assert (question.status, question.answer_due) == (QuestionStatus.ACCEPTED, date(2026, 4, 14))
    assert uow.events()[-1] == PanelQuestionAccepted(question_id=question.id, meeting_id=meeting.id,
                                                     accepted_at=clock.now, answer_due=date(2026, 4, 14))


async def test_rejecting_needs_a_known_reason(uow, clock):
    meeting = await schedule(uow, clock)
    question = await ask(uow, clock, meeting)
    with pytest.raises(InvalidInput, match="'too_long' is not a rejection reason"):
        await panel.reject_question("cheshire", question.id, "too_long", uow, clock)
    rejected = await panel.reject_question("cheshire", question.id, "operational_matter", uow, clock)
    assert (rejected.status, rejected.rejection_reason) == (QuestionStatus.REJECTED, "operational_matter")
    assert uow.events()[-1] == PanelQuestionRejected(question_id=question.id, meeting_id=meeting.id,
                                                     rejected_at=clock.now, reason="operational_matter")


async def test_staff_may_add_rejection_reasons_but_not_repeat_one(uow, clock):
    await panel.add_rejection_reason("cheshire", RejectionReason("defamatory", Text("Defamatory")), uow)
    keys = [reason.key for reason in await panel.rejection_reasons("cheshire", uow)]
    assert keys[:2] == ["operational_matter", "sub_judice"] and keys[-1] == "defamatory"
    assert "defamatory" not in [reason.key for reason in await panel.rejection_reasons("dyfed-powys", uow)]
    with pytest.raises(Conflict, match="already a rejection reason 'sub_judice'"):
        await panel.add_rejection_reason("cheshire", RejectionReason("sub_judice", Text("Again")), uow)
    meeting = await schedule(uow, clock)
    question = await ask(uow, clock, meeting)
    assert (await panel.reject_question("cheshire", question.id, "defamatory", uow, clock)).status == "rejected"


async def test_an_answer_on_time_is_not_overdue_and_can_be_published(uow, clock):
    question = await accepted(uow, clock)
    clock.now += timedelta(days=3)
    answer = AnswerQuestion("cheshire", question.id, Text("Twelve officers.", "Deuddeg swyddog."))
    answered = await panel.answer_question(answer, uow, clock)
    assert (answered.status, answered.answered_on, answered.answered_late) == ("answered", date(2026, 3, 5), False)
    published = await panel.publish_question("cheshire", question.id, uow, clock)
    assert published.status is QuestionStatus.PUBLISHED
    assert [type(event) for event in uow.events()] == [
        PanelQuestionSubmitted, PanelQuestionAccepted, PanelQuestionAnswered, PanelQuestionPublished]
    assert uow.events()[2].overdue is False
    meeting, shown = await panel.published_answers(question.meeting_id, uow)
    assert [q.id for q in shown] == [question.id] and meeting.id == question.meeting_id


async def test_an_unanswered_question_past_its_due_date_is_listed_as_overdue(uow, clock):
    question = await accepted(uow, clock)
    assert question.answer_due == date(2026, 3, 16)
    clock.now = datetime(2026, 3, 16, 22, 0, tzinfo=UTC)
    [listed] = await panel.questions_for_meeting("cheshire", question.meeting_id, uow, clock)
    assert not listed.overdue
    clock.now = datetime(2026, 3, 17, 9, 0, tzinfo=UTC)
    assert [item.question.id for item in await panel.questions_for_meeting(
        "cheshire", question.meeting_id, uow, clock, overdue=True)] == [question.id]
    assert await panel.questions_for_meeting("cheshire", question.meeting_id, uow, clock,
                                             status=QuestionStatus.RECEIVED) == []


async def test_an_answer_after_its_due_date_is_flagged_overdue(uow, clock):
    question = await accepted(uow, clock)
    clock.now = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
    answered = await panel.answer_question(AnswerQuestion("cheshire", question.id, Text("Late.")), uow, clock)
    assert answered.answered_late and answered.is_overdue(date(2026, 3, 20))
    assert uow.events()[-1] == PanelQuestionAnswered(question_id=question.id, meeting_id=question.meeting_id,
                                                     answered_at=clock.now, answer_due=date(2026, 3, 16),
                                                     overdue=True, answered_on=date(2026, 3, 20))


async def test_the_date_of_an_answer_may_be_given_but_not_in_the_future_or_before_acceptance(uow, clock):
    question = await accepted(uow, clock)
    clock.now = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
    for answered_on, reason in ((date(2026, 3, 21), "is in the future"), (date(2026, 3, 1), "before the question")):
        with pytest.raises(InvalidInput, match=reason):
            await panel.answer_question(AnswerQuestion("cheshire", question.id, Text("x"), answered_on), uow, clock)
    answer = AnswerQuestion("cheshire", question.id, Text("At the meeting."), date(2026, 3, 13))
    answered = await panel.answer_question(answer, uow, clock)
    assert (answered.answered_on, answered.answered_late) == (date(2026, 3, 13), False)


async def test_steps_out_of_order_are_conflicts_and_change_nothing(uow, clock):
    meeting = await schedule(uow, clock)
    question = await ask(uow, clock, meeting)
    with pytest.raises(Conflict, match="is received; only an accepted question can be answered"):
        await panel.answer_question(AnswerQuestion("cheshire", question.id, Text("x")), uow, clock)
    with pytest.raises(Conflict, match="only an answered question can be published"):
        await panel.publish_question("cheshire", question.id, uow, clock)
    await panel.accept_question("cheshire", question.id, uow, clock)
    with pytest.raises(Conflict, match="is accepted; only a received question can be accepted"):
        await panel.accept_question("cheshire", question.id, uow, clock)
    with pytest.raises(Conflict, match="only a received question can be rejected"):
        await panel.reject_question("cheshire", question.id, "sub_judice", uow, clock)
    assert uow.questions.rows[question.id][0].status is QuestionStatus.ACCEPTED
    assert len(uow.published) == 2


async def test_another_tenants_meetings_and_questions_are_not_found(uow, clock):
    question = await accepted(uow, clock)
    for step in (panel.accept_question, panel.publish_question):
        with pytest.raises(NotFound):
            await step("dyfed-powys", question.id, uow, clock)
    with pytest.raises(NotFound):
        await panel.questions_for_meeting("dyfed-powys", question.meeting_id, uow, clock)
    with pytest.raises(NotFound):
        await panel.get_meeting("dyfed-powys", question.meeting_id, uow)
    assert await panel.list_meetings("dyfed-powys", uow) == []


async def test_closures_are_added_once_and_removed(uow):
    closure = Closure(date(2026, 6, 1), "Staff training")
    await panel.add_closure("cheshire", closure, uow)
    with pytest.raises(Conflict, match="already closed on 2026-06-01"):
        await panel.add_closure("cheshire", closure, uow)
    assert await panel.closures("cheshire", uow) == [closure]
    await panel.remove_closure("cheshire", date(2026, 6, 1), uow)
    with pytest.raises(NotFound):
        await panel.remove_closure("cheshire", date(2026, 6, 1), uow)
