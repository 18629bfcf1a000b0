"""Panel question use cases, and the ports they need."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol, Self

from peel.common.errors import Conflict, NotFound
from peel.common.events import Event
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


class PanelMeetings(Protocol):
    async def add(self, meeting: PanelMeeting) -> None: ...

    async def get(self, tenant: str, meeting_id: uuid.UUID) -> PanelMeeting | None:
        """The tenant's meeting; ``None`` for another tenant's."""

    async def get_public(self, meeting_id: uuid.UUID) -> PanelMeeting | None:
        """Any tenant's meeting, for public pages that take the tenant from the resource."""

    async def of_tenant(self, tenant: str) -> list[PanelMeeting]: ...


class PanelQuestions(Protocol):
    async def add(self, question: PanelQuestion, asker: Asker) -> None:
        """Store the question and, apart from it, who asked; ``AlreadyAsked`` if that person has asked."""

    async def has_asked(self, meeting_id: uuid.UUID, person: str) -> bool: ...

    async def get(self, tenant: str, question_id: uuid.UUID) -> PanelQuestion | None:
        """The tenant's question, locked for update; ``None`` for another tenant's."""

    async def save(self, question: PanelQuestion) -> None: ...

    async def for_meeting(self, meeting_id: uuid.UUID) -> list[tuple[PanelQuestion, Asker]]: ...

    async def published(self, meeting_id: uuid.UUID) -> list[PanelQuestion]: ...


class RejectionReasons(Protocol):
    async def of_tenant(self, tenant: str) -> list[RejectionReason]:
        """The reasons the tenant added; the defaults are not stored."""

    async def add(self, tenant: str, reason: RejectionReason) -> None: ...


class Closures(Protocol):
    async def of_tenant(self, tenant: str) -> list[Closure]: ...

    async def add(self, tenant: str, closure: Closure) -> bool:
        """``False`` when the tenant already has a closure on that day."""

    async def remove(self, tenant: str, day: date) -> bool: ...


class UnitOfWork(Protocol):
    meetings: PanelMeetings
    questions: PanelQuestions
    rejection_reasons: RejectionReasons
    closures: Closures

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    def emit(self, event: Event, tenant: str) -> None: ...

    async def commit(self) -> None: ...


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


async def list_meetings(tenant: str, uow: UnitOfWork) -> list[PanelMeeting]:
    async with uow:
        return await uow.meetings.of_tenant(tenant)


async def get_meeting(tenant: str, meeting_id: uuid.UUID, uow: UnitOfWork) -> PanelMeeting:
    async with uow:
        return await _tenants_meeting(uow, tenant, meeting_id)


async def get_public_meeting(meeting_id: uuid.UUID, uow: UnitOfWork) -> PanelMeeting:
    async with uow:
        return await _any_meeting(uow, meeting_id)


async def submit_question(command: AskQuestion, uow: UnitOfWork, clock: Clock = utc_now) -> PanelQuestion:
    async with uow:
        meeting = await _any_meeting(uow, command.meeting_id)
        question = meeting.ask(command.text, clock())
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
            raise Conflict(f"there is already a rejection reason {reason.key!r}")
        await uow.rejection_reasons.add(tenant, reason)
        await uow.commit()
    return reason


async def closures(tenant: str, uow: UnitOfWork) -> list[Closure]:
    async with uow:
        return await uow.closures.of_tenant(tenant)


async def add_closure(tenant: str, closure: Closure, uow: UnitOfWork) -> Closure:
    async with uow:
        if not await uow.closures.add(tenant, closure):
            raise Conflict(f"the office is already closed on {closure.day.isoformat()}")
        await uow.commit()
    return closure


async def remove_closure(tenant: str, day: date, uow: UnitOfWork) -> None:
    async with uow:
        if not await uow.closures.remove(tenant, day):
            raise NotFound(f"no closure on {day.isoformat()}")
        await uow.commit()


async def _calendar(uow: UnitOfWork, tenant: str) -> WorkingCalendar:
    return WorkingCalendar.with_closures(await uow.closures.of_tenant(tenant))


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
