"""Panel questions: deadlines, word limits, one question per person, and the lifecycle."""

from __future__ import annotations

import copy
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
from peel.common.events import Event
from peel.common.working_days import Closure
from peel.consultation.domain.panel import (
    AlreadyAsked,
    Asker,
    PanelMeeting,
    PanelQuestion,
    QuestionStatus,
    RejectionReason,
    normalised_email,
)
from peel.consultation.domain.questions import Text
from peel.consultation.service_layer import panel
from peel.consultation.service_layer.panel import AnswerQuestion, AskQuestion, ScheduleMeeting

MEETING_AT = datetime(2026, 3, 19, 18, 0, tzinfo=UTC)  # a Thursday; questions close on Thursday 12 March


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class FakeMeetings:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, PanelMeeting] = {}

    async def add(self, meeting: PanelMeeting) -> None:
        self.rows[meeting.id] = copy.deepcopy(meeting)

    async def get(self, tenant: str, meeting_id: uuid.UUID) -> PanelMeeting | None:
        found = self.rows.get(meeting_id)
        return copy.deepcopy(found) if found and found.tenant == tenant else None

    async def get_public(self, meeting_id: uuid.UUID) -> PanelMeeting | None:
        return copy.deepcopy(self.rows.get(meeting_id))

    async def of_tenant(self, tenant: str) -> list[PanelMeeting]:
        return [copy.deepcopy(m) for m in self.rows.values() if m.tenant == tenant]


class FakeQuestions:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, tuple[PanelQuestion, Asker]] = {}

    async def add(self, question: PanelQuestion, asker: Asker) -> None:
        if await self.has_asked(question.meeting_id, asker.person):
            raise AlreadyAsked()
        self.rows[question.id] = (copy.deepcopy(question), asker)

    async def has_asked(self, meeting_id: uuid.UUID, person: str) -> bool:
        return any(q.meeting_id == meeting_id and a.person == person for q, a in self.rows.values())

    async def get(self, tenant: str, question_id: uuid.UUID) -> PanelQuestion | None:
        found = self.rows.get(question_id)
        return copy.deepcopy(found[0]) if found and found[0].tenant == tenant else None

    async def save(self, question: PanelQuestion) -> None:
        self.rows[question.id] = (copy.deepcopy(question), self.rows[question.id][1])

    async def for_meeting(self, meeting_id: uuid.UUID) -> list[tuple[PanelQuestion, Asker]]:
        return [(copy.deepcopy(q), a) for q, a in self.rows.values() if q.meeting_id == meeting_id]

    async def published(self, meeting_id: uuid.UUID) -> list[PanelQuestion]:
        return [q for q, _ in await self.for_meeting(meeting_id) if q.status is QuestionStatus.PUBLISHED]


class FakeTenantList:
    """Rejection reasons or closures: a list per tenant."""

    def __init__(self, key: str) -> None:
        self.rows: dict[str, list] = {}
        self._key = key

    async def of_tenant(self, tenant: str) -> list:
        return list(self.rows.get(tenant, []))

    async def add(self, tenant: str, item: object) -> bool:
        items = self.rows.setdefault(tenant, [])
        if any(getattr(known, self._key) == getattr(item, self._key) for known in items):
            return False
        items.append(item)
        return True

    async def remove(self, tenant: str, day: date) -> bool:
        before = self.rows.get(tenant, [])
        self.rows[tenant] = [item for item in before if item.day != day]
        return len(self.rows[tenant]) < len(before)


class FakeUnitOfWork:
    """Keeps changes and events only when committed, like the real one."""

    def __init__(self) -> None:
        self.meetings, self.questions = FakeMeetings(), FakeQuestions()
        self.rejection_reasons, self.closures = FakeTenantList("key"), FakeTenantList("day")
        self.published: list[tuple[Event, str]] = []
        self._pending: list[tuple[Event, str]] = []
        self._snapshot: list[dict] | None = None

    def _stores(self) -> list:
        return [self.meetings, self.questions, self.rejection_reasons, self.closures]

    async def __aenter__(self) -> FakeUnitOfWork:
        self._pending = []
        self._snapshot = [copy.deepcopy(store.rows) for store in self._stores()]
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._snapshot is not None:
            for store, rows in zip(self._stores(), self._snapshot, strict=True):
                store.rows = rows
        self._snapshot = None

    def emit(self, event: Event, tenant: str) -> None:
        self._pending.append((event, tenant))

    async def commit(self) -> None:
        self.published.extend(self._pending)
        self._pending, self._snapshot = [], None

    def events(self) -> list[Event]:
        return [event for event, _ in self.published]


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 2, 10, 0, tzinfo=UTC))


async def schedule(uow: FakeUnitOfWork, clock: FakeClock, tenant: str = "cheshire",
                   **options: int) -> PanelMeeting:
    command = ScheduleMeeting(tenant, MEETING_AT, Text("Panel meeting"), Text("Lymm Hall"), **options)
    return await panel.schedule_meeting(command, uow, clock)


async def ask(uow: FakeUnitOfWork, clock: FakeClock, meeting: PanelMeeting, email: str = "jo@example.org",
              text: str = "How many officers patrol Crewe at night?") -> PanelQuestion:
    return await panel.submit_question(AskQuestion(meeting.id, Asker("Jo Bloggs", email, "CW1"), text), uow, clock)


async def accepted(uow: FakeUnitOfWork, clock: FakeClock, tenant: str = "cheshire") -> PanelQuestion:
    meeting = await schedule(uow, clock, tenant)
    question = await ask(uow, clock, meeting)
    return await panel.accept_question(tenant, question.id, uow, clock)


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
    with pytest.raises(Conflict, match="is received; only a accepted question can be answered"):
        await panel.answer_question(AnswerQuestion("cheshire", question.id, Text("x")), uow, clock)
    with pytest.raises(Conflict, match="only a answered question can be published"):
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
