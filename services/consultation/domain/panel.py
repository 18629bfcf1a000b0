"""Public questions to the Police and Crime Panel: meetings, questions and their lifecycle.

A resident asks one question per meeting before the submission deadline; the Panel's clerk
accepts or rejects it; the Commissioner answers it by a due date; the office publishes it.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from peel.common.contracts.consultation import (
    PanelQuestionAccepted,
    PanelQuestionAnswered,
    PanelQuestionPublished,
    PanelQuestionRejected,
    PanelQuestionSubmitted,
)
from peel.common.errors import Conflict, FieldError, InvalidInput
from peel.common.working_days import WorkingCalendar, end_of_day, local_date
from peel.consultation.domain.questions import Text

DEFAULT_NOTICE_WORKING_DAYS = 5
DEFAULT_WORD_LIMIT = 250
DEFAULT_ANSWER_WORKING_DAYS = 10
_TAG = re.compile(r"\+.*$")


class QuestionStatus(StrEnum):
    RECEIVED = "received"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    ANSWERED = "answered"
    PUBLISHED = "published"


@dataclass(frozen=True, slots=True)
class RejectionReason:
    key: str
    label: Text


DEFAULT_REJECTION_REASONS = (
    RejectionReason("operational_matter", Text("An operational matter for the Chief Constable")),
    RejectionReason("sub_judice", Text("The matter is before the courts (sub judice)")),
    RejectionReason("deadline_passed", Text("Received after the submission deadline")),
    RejectionReason("not_within_remit", Text("Not within the Panel's remit")),
    RejectionReason("repeated_question", Text("Substantially the same as a recent question")),
    RejectionReason("offensive", Text("Offensive, abusive or defamatory")),
)


class AlreadyAsked(Conflict):
    def __init__(self) -> None:
        super().__init__("this email address has already been used to ask a question for this meeting; "
                         "one question per person per meeting: the question already sent stands, and a question "
                         "for another meeting that is still taking them is welcome")


NEXT_STEPS = {
    QuestionStatus.RECEIVED: "a received question can be accepted or rejected",
    QuestionStatus.ACCEPTED: "an accepted question can be answered",
    QuestionStatus.ANSWERED: "an answered question can be published",
    QuestionStatus.REJECTED: "a rejected question is final: it cannot be accepted, answered or published",
    QuestionStatus.PUBLISHED: "a published question is final: nothing more can be done with it",
}
"""What each status allows, for the message refusing a step it does not."""


def closing_day(meeting_date: date, notice_working_days: int, calendar: WorkingCalendar) -> date:
    """The last day a meeting takes questions: ``notice_working_days`` working days before it."""
    return calendar.before(meeting_date, notice_working_days)


def count_words(text: str) -> int:
    return len(text.split())


def normalised_email(email: str) -> str:
    """One person, one address: case and any ``+tag`` in the local part are ignored."""
    local, _, domain = email.strip().lower().rpartition("@")
    return f"{_TAG.sub('', local)}@{domain}"


@dataclass(frozen=True, slots=True)
class Asker:
    """Who asked: kept apart from the question and never put in events."""

    name: str
    email: str
    area: str | None = None

    @property
    def person(self) -> str:
        return normalised_email(self.email)


@dataclass(slots=True)
class PanelMeeting:
    id: uuid.UUID
    tenant: str
    starts_at: datetime
    title: Text
    venue: Text
    notice_working_days: int
    word_limit: int
    answer_working_days: int
    submissions_close_on: date
    created_at: datetime

    @classmethod
    def schedule(cls, tenant: str, starts_at: datetime, title: Text, venue: Text, *, notice_working_days: int,
                 word_limit: int, answer_working_days: int, calendar: WorkingCalendar,
                 now: datetime) -> PanelMeeting:
        if starts_at <= now:
            raise InvalidInput([FieldError(("starts_at",), "is in the past", "in_the_past")])
        return cls(
            id=uuid.uuid4(), tenant=tenant, starts_at=starts_at, title=title, venue=venue,
            notice_working_days=notice_working_days, word_limit=word_limit,
            answer_working_days=answer_working_days,
            submissions_close_on=closing_day(local_date(starts_at), notice_working_days, calendar), created_at=now,
        )

    def follow(self, calendar: WorkingCalendar, now: datetime) -> bool:
        """Move the closing day to where ``calendar`` puts it now; ``True`` when it moved.

        A closing day that has passed is final: a closure or bank holiday added or removed afterwards
        never reopens a meeting, nor changes the day it closed.
        """
        if not self.takes_questions(now):
            return False
        closes_on = closing_day(self.meeting_date, self.notice_working_days, calendar)
        moved, self.submissions_close_on = closes_on != self.submissions_close_on, closes_on
        return moved

    @property
    def meeting_date(self) -> date:
        return local_date(self.starts_at)

    def takes_questions(self, now: datetime) -> bool:
        """Questions are taken until the end of the closing day, UK time."""
        return now < end_of_day(self.submissions_close_on)

    def ask(self, text: str, now: datetime) -> PanelQuestion:
        if not self.takes_questions(now):
            raise Conflict(f"submissions closed on {self.submissions_close_on.isoformat()} "
                           f"for the meeting on {self.meeting_date.isoformat()}; questions are taken until the "
                           "end of the closing day, UK time, so only a later meeting still taking them can be asked")
        words = count_words(text)
        if not words:
            raise InvalidInput([FieldError(("question",), "needs a question", "missing")])
        if words > self.word_limit:
            raise InvalidInput([FieldError(
                ("question",), f"has {words} words; the limit is {self.word_limit}", "too_many_words")])
        return PanelQuestion(
            id=uuid.uuid4(), tenant=self.tenant, meeting_id=self.id, meeting_date=self.meeting_date,
            text=text.strip(), word_count=words, submitted_at=now,
        )


@dataclass(slots=True)
class PanelQuestion:
    id: uuid.UUID
    tenant: str
    meeting_id: uuid.UUID
    meeting_date: date
    text: str
    word_count: int
    submitted_at: datetime
    status: QuestionStatus = QuestionStatus.RECEIVED
    accepted_at: datetime | None = None
    answer_due: date | None = None
    rejected_at: datetime | None = None
    rejection_reason: str | None = None
    response: Text | None = None
    answered_on: date | None = None
    answered_at: datetime | None = None
    published_at: datetime | None = None
    version: int = 1

    def submitted(self) -> PanelQuestionSubmitted:
        return PanelQuestionSubmitted(
            question_id=self.id, meeting_id=self.meeting_id, meeting_date=self.meeting_date,
            submitted_at=self.submitted_at, word_count=self.word_count,
        )

    def accept(self, now: datetime, calendar: WorkingCalendar, answer_working_days: int) -> PanelQuestionAccepted:
        self._require(QuestionStatus.RECEIVED, "accepted")
        self.accepted_at = now
        self.answer_due = calendar.after(local_date(now), answer_working_days)
        self._become(QuestionStatus.ACCEPTED)
        return PanelQuestionAccepted(question_id=self.id, meeting_id=self.meeting_id, accepted_at=now,
                                     answer_due=self.answer_due)

    def reject(self, reason: str, reasons: Collection[str], now: datetime) -> PanelQuestionRejected:
        if reason not in reasons:
            raise InvalidInput([FieldError(
                ("reason",), f"{reason!r} is not a rejection reason; choose from {sorted(reasons)}",
                "unknown_reason")])
        self._require(QuestionStatus.RECEIVED, "rejected")
        self.rejected_at, self.rejection_reason = now, reason
        self._become(QuestionStatus.REJECTED)
        return PanelQuestionRejected(question_id=self.id, meeting_id=self.meeting_id, rejected_at=now, reason=reason)

    def answer(self, response: Text, answered_on: date | None, now: datetime) -> PanelQuestionAnswered:
        self._require(QuestionStatus.ACCEPTED, "answered")
        assert self.accepted_at is not None and self.answer_due is not None
        answered_on = answered_on or local_date(now)
        _check_answer_date(answered_on, local_date(self.accepted_at), local_date(now))
        self.response, self.answered_on, self.answered_at = response, answered_on, now
        self._become(QuestionStatus.ANSWERED)
        return PanelQuestionAnswered(question_id=self.id, meeting_id=self.meeting_id, answered_at=now,
                                     answer_due=self.answer_due, overdue=self.answered_late, answered_on=answered_on)

    def publish(self, now: datetime) -> PanelQuestionPublished:
        self._require(QuestionStatus.ANSWERED, "published")
        self.published_at = now
        self._become(QuestionStatus.PUBLISHED)
        return PanelQuestionPublished(question_id=self.id, meeting_id=self.meeting_id, published_at=now)

    @property
    def answered_late(self) -> bool:
        return bool(self.answered_on and self.answer_due and self.answered_on > self.answer_due)

    def is_overdue(self, today: date) -> bool:
        """Answered after its due date, or still unanswered once the due date has passed."""
        if self.status is QuestionStatus.ACCEPTED:
            assert self.answer_due is not None
            return answer_overdue(self.answer_due, today)
        return self.answered_late

    def _require(self, wanted: QuestionStatus, becoming: str) -> None:
        if self.status is not wanted:
            article = "an" if str(wanted)[0] in "aeiou" else "a"
            raise Conflict(f"question {self.id} is {self.status}; only {article} {wanted} question can be {becoming}, "
                           f"and {NEXT_STEPS[self.status]}")

    def _become(self, status: QuestionStatus) -> None:
        self.status = status
        self.version += 1


def answer_overdue(answer_due: date, today: date) -> bool:
    """An accepted question not yet answered is overdue once its due day has passed (UK time); on the day it is due."""
    return today > answer_due


def _check_answer_date(answered_on: date, accepted_on: date, today: date) -> None:
    if answered_on > today:
        raise InvalidInput([FieldError(("answered_on",), "is in the future", "in_the_future")])
    if answered_on < accepted_on:
        raise InvalidInput([FieldError(
            ("answered_on",), f"is before the question was accepted on {accepted_on.isoformat()}", "too_early")])
