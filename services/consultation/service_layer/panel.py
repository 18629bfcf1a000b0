"""Panel question use cases; the storage they need is in ``panel_ports``."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from peel.common.errors import Conflict, NotFound
from peel.common.working_days import Closure, WorkingCalendar, local_date
from peel.consultation.domain.panel import (
    DEFAULT_ANSWER_WORKING_DAYS,
    DEFAULT_NOTICE_WORKING_DAYS,
    DEFAULT_REJECTION_REASONS,
    DEFAULT_WORD_LIMIT,
    AlreadyAsked,
    Asker,
    PanelMeeting,
    PanelQuestion,
    QuestionStatus,
    RejectionReason,
)
from peel.consultation.domain.questions import Text
from peel.consultation.service_layer.handlers import Clock, utc_now
from peel.consultation.service_layer.panel_ports import UnitOfWork


@dataclass(frozen=True, slots=True)
class ScheduleMeeting:
    tenant: str
    starts_at: datetime
    title: Text
    venue: Text
    notice_working_days: int = DEFAULT_NOTICE_WORKING_DAYS
    word_limit: int = DEFAULT_WORD_LIMIT
    answer_working_days: int = DEFAULT_ANSWER_WORKING_DAYS


@dataclass(frozen=True, slots=True)
class AskQuestion:
    meeting_id: uuid.UUID
    asker: Asker
    text: str


@dataclass(frozen=True, slots=True)
class AnswerQuestion:
    tenant: str
    question_id: uuid.UUID
    response: Text
    answered_on: date | None = None


@dataclass(frozen=True, slots=True)
class QuestionForStaff:
    question: PanelQuestion
    asker: Asker
    overdue: bool


async def schedule_meeting(command: ScheduleMeeting, uow: UnitOfWork, clock: Clock = utc_now) -> PanelMeeting:
    async with uow:
        meeting = PanelMeeting.schedule(
            command.tenant, command.starts_at, command.title, command.venue,
            notice_working_days=command.notice_working_days, word_limit=command.word_limit,
            answer_working_days=command.answer_working_days, calendar=await _calendar(uow, command.tenant),
            now=clock(),
        )
        await uow.meetings.add(meeting)
        await uow.commit()
    return meeting


async def list_meetings(tenant: str, uow: UnitOfWork, clock: Clock = utc_now) -> list[PanelMeeting]:
    async with uow:
        meetings = await uow.meetings.of_tenant(tenant)
        await _follow_calendar(uow, tenant, meetings, clock())
    return meetings


async def get_meeting(tenant: str, meeting_id: uuid.UUID, uow: UnitOfWork, clock: Clock = utc_now) -> PanelMeeting:
    async with uow:
        return await _current(uow, await _tenants_meeting(uow, tenant, meeting_id), clock())


async def get_public_meeting(meeting_id: uuid.UUID, uow: UnitOfWork, clock: Clock = utc_now) -> PanelMeeting:
    async with uow:
        return await _current(uow, await _any_meeting(uow, meeting_id), clock())


async def meetings_taking_questions(tenant: str, uow: UnitOfWork, clock: Clock = utc_now) -> list[PanelMeeting]:
    """What residents may ask about: the office's meetings still taking questions, soonest first."""
    now = clock()
    async with uow:
        meetings = await uow.meetings.taking_questions(tenant, local_date(now))
        await _follow_calendar(uow, tenant, meetings, now)
    return [meeting for meeting in meetings if meeting.takes_questions(now)]


async def submit_question(command: AskQuestion, uow: UnitOfWork, clock: Clock = utc_now) -> PanelQuestion:
    async with uow:
        now = clock()
        meeting = await _current(uow, await _any_meeting(uow, command.meeting_id), now)
        question = meeting.ask(command.text, now)
        if await uow.questions.has_asked(meeting.id, command.asker.person):
            raise AlreadyAsked()
        await uow.questions.add(question, command.asker)
        uow.emit(question.submitted(), meeting.tenant)
        await uow.commit()
    return question


async def questions_for_meeting(tenant: str, meeting_id: uuid.UUID, uow: UnitOfWork, clock: Clock = utc_now,
                                *, status: QuestionStatus | None = None,
                                overdue: bool | None = None) -> list[QuestionForStaff]:
    today = local_date(clock())
    async with uow:
        meeting = await _tenants_meeting(uow, tenant, meeting_id)
        found = await uow.questions.for_meeting(meeting.id)
    listed = [QuestionForStaff(question, asker, question.is_overdue(today)) for question, asker in found]
    return [item for item in listed
            if (status is None or item.question.status is status) and (overdue is None or item.overdue is overdue)]


async def question_for_staff(tenant: str, question_id: uuid.UUID, uow: UnitOfWork,
                             clock: Clock = utc_now) -> QuestionForStaff:
    """One question as its meeting's queue lists it, for a page that links to it by id alone."""
    async with uow:
        found = await uow.questions.with_asker(tenant, question_id)
    if found is None:
        raise NotFound(f"no Panel question {question_id}")
    question, asker = found
    return QuestionForStaff(question, asker, question.is_overdue(local_date(clock())))


async def accept_question(tenant: str, question_id: uuid.UUID, uow: UnitOfWork,
                          clock: Clock = utc_now) -> PanelQuestion:
    async with uow:
        question = await _tenants_question(uow, tenant, question_id)
        meeting = await _tenants_meeting(uow, tenant, question.meeting_id)
        calendar = await _calendar(uow, tenant)
        uow.emit(question.accept(clock(), calendar, meeting.answer_working_days), tenant)
        await uow.questions.save(question)
        await uow.commit()
    return question


async def reject_question(tenant: str, question_id: uuid.UUID, reason: str, uow: UnitOfWork,
                          clock: Clock = utc_now) -> PanelQuestion:
    async with uow:
        question = await _tenants_question(uow, tenant, question_id)
        known = {known.key for known in await _reasons(uow, tenant)}
        uow.emit(question.reject(reason, known, clock()), tenant)
        await uow.questions.save(question)
        await uow.commit()
    return question


async def answer_question(command: AnswerQuestion, uow: UnitOfWork, clock: Clock = utc_now) -> PanelQuestion:
    async with uow:
        question = await _tenants_question(uow, command.tenant, command.question_id)
        uow.emit(question.answer(command.response, command.answered_on, clock()), command.tenant)
        await uow.questions.save(question)
        await uow.commit()
    return question


async def publish_question(tenant: str, question_id: uuid.UUID, uow: UnitOfWork,
                           clock: Clock = utc_now) -> PanelQuestion:
    async with uow:
        question = await _tenants_question(uow, tenant, question_id)
        uow.emit(question.publish(clock()), tenant)
        await uow.questions.save(question)
        await uow.commit()
    return question


async def published_answers(meeting_id: uuid.UUID, uow: UnitOfWork) -> tuple[PanelMeeting, list[PanelQuestion]]:
    """What residents may read: answered questions the office has published, without who asked."""
    async with uow:
        meeting = await _any_meeting(uow, meeting_id)
        return meeting, await uow.questions.published(meeting.id)


async def rejection_reasons(tenant: str, uow: UnitOfWork) -> list[RejectionReason]:
    async with uow:
        return await _reasons(uow, tenant)


async def add_rejection_reason(tenant: str, reason: RejectionReason, uow: UnitOfWork) -> RejectionReason:
    async with uow:
        if reason.key in {known.key for known in await _reasons(uow, tenant)}:
            raise Conflict(f"there is already a rejection reason {reason.key!r}; each reason has its own key, "
                           "so a new reason needs a key not yet in use")
        await uow.rejection_reasons.add(tenant, reason)
        await uow.commit()
    return reason


async def closures(tenant: str, uow: UnitOfWork) -> list[Closure]:
    async with uow:
        return await uow.closures.of_tenant(tenant)


async def add_closure(tenant: str, closure: Closure, uow: UnitOfWork, clock: Clock = utc_now) -> Closure:
    """Close the office for a day; the closing days of meetings still taking questions move with it."""
    async with uow:
        if not await uow.closures.add(tenant, closure):
            raise Conflict(f"the office is already closed on {closure.day.isoformat()}; a day has one closure, "
                           "so to relabel it remove that closure and add it again")
        await _move_closing_days(uow, tenant, clock())
        await uow.commit()
    return closure


async def remove_closure(tenant: str, day: date, uow: UnitOfWork, clock: Clock = utc_now) -> None:
    """Open the office again that day; meetings still taking questions close later if it moves their closing day."""
    async with uow:
        if not await uow.closures.remove(tenant, day):
            raise NotFound(f"no closure on {day.isoformat()}")
        await _move_closing_days(uow, tenant, clock())
        await uow.commit()


async def _calendar(uow: UnitOfWork, tenant: str) -> WorkingCalendar:
    return WorkingCalendar.with_closures(await uow.closures.of_tenant(tenant))


async def _follow_calendar(uow: UnitOfWork, tenant: str, meetings: list[PanelMeeting],
                           now: datetime) -> list[PanelMeeting]:
    """Closing days where the tenant's calendar puts them now (bank holidays and closures as they are).

    Deadlines follow the calendar on every read rather than being fixed when a meeting is scheduled; one
    that has passed stays where it was. Returns the meetings whose closing day moved.
    """
    calendar = await _calendar(uow, tenant)
    return [meeting for meeting in meetings if meeting.follow(calendar, now)]


async def _current(uow: UnitOfWork, meeting: PanelMeeting, now: datetime) -> PanelMeeting:
    await _follow_calendar(uow, meeting.tenant, [meeting], now)
    return meeting


async def _move_closing_days(uow: UnitOfWork, tenant: str, now: datetime) -> None:
    """Store the closing days a closure moved, so that one moved into the past stays passed for good."""
    taking = await uow.meetings.taking_questions(tenant, local_date(now))
    for meeting in await _follow_calendar(uow, tenant, taking, now):
        await uow.meetings.save(meeting)


async def _reasons(uow: UnitOfWork, tenant: str) -> list[RejectionReason]:
    return [*DEFAULT_REJECTION_REASONS, *await uow.rejection_reasons.of_tenant(tenant)]


async def _tenants_meeting(uow: UnitOfWork, tenant: str, meeting_id: uuid.UUID) -> PanelMeeting:
    meeting = await uow.meetings.get(tenant, meeting_id)
    if meeting is None:
        raise NotFound(f"no Panel meeting {meeting_id}")
    return meeting


async def _any_meeting(uow: UnitOfWork, meeting_id: uuid.UUID) -> PanelMeeting:
    meeting = await uow.meetings.get_public(meeting_id)
    if meeting is None:
        raise NotFound(f"no Panel meeting {meeting_id}")
    return meeting


async def _tenants_question(uow: UnitOfWork, tenant: str, question_id: uuid.UUID) -> PanelQuestion:
    question = await uow.questions.get(tenant, question_id)
    if question is None:
        raise NotFound(f"no Panel question {question_id}")
    return question
