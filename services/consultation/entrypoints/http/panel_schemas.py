"""Request and response bodies of the Panel question API."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, EmailStr, Field, StringConstraints, field_validator

from peel.common.postcodes import district_only
from peel.common.working_days import Closure, local_date
from peel.consultation.domain.panel import (
    DEFAULT_ANSWER_WORKING_DAYS,
    DEFAULT_NOTICE_WORKING_DAYS,
    DEFAULT_WORD_LIMIT,
    Asker,
    PanelMeeting,
    PanelQuestion,
    QuestionStatus,
    RejectionReason,
)
from peel.consultation.entrypoints.http.schemas import Key, LocalisedText
from peel.consultation.service_layer.panel import AnswerQuestion, AskQuestion, QuestionForStaff, ScheduleMeeting

ASK_PATH = "/v1/panel/meetings/{meeting_id}/questions"
MEETING_PATH = "/v1/public/panel/meetings/{meeting_id}"
ANSWERED_PATH = f"{MEETING_PATH}/answered"

Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Area = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MeetingCreate(_Body):
    starts_at: AwareDatetime = Field(description="When the Panel meets, with its offset")
    title: LocalisedText
    venue: LocalisedText
    notice_working_days: int = Field(DEFAULT_NOTICE_WORKING_DAYS, ge=0, le=60,
                                     description="Questions close this many working days before the meeting")
    word_limit: int = Field(DEFAULT_WORD_LIMIT, ge=1, le=5000, description="Most words a question may have")
    answer_working_days: int = Field(DEFAULT_ANSWER_WORKING_DAYS, ge=1, le=120,
                                     description="Working days after acceptance by which the answer is due")

    def to_command(self, tenant: str) -> ScheduleMeeting:
        return ScheduleMeeting(
            tenant=tenant, starts_at=self.starts_at, title=self.title.to_domain(), venue=self.venue.to_domain(),
            notice_working_days=self.notice_working_days, word_limit=self.word_limit,
            answer_working_days=self.answer_working_days,
        )


class MeetingLinks(BaseModel):
    """Where residents go next from a meeting: URL paths on this service."""

    meeting: str = Field(description="The meeting: its date, closing day and word limit")
    ask: str = Field(description="POST a question here while the meeting takes questions")
    answered: str = Field(description="The meeting's published questions and the Commissioner's responses")

    @classmethod
    def of(cls, meeting_id: uuid.UUID) -> MeetingLinks:
        return cls(meeting=MEETING_PATH.format(meeting_id=meeting_id), ask=ASK_PATH.format(meeting_id=meeting_id),
                   answered=ANSWERED_PATH.format(meeting_id=meeting_id))


class MeetingPublic(BaseModel):
    id: uuid.UUID
    tenant: str = Field(description="The office holding the meeting (its pages show it under no other office)")
    starts_at: datetime
    meeting_date: date
    title: LocalisedText
    venue: LocalisedText
    submissions_close_on: date = Field(description="Questions are taken until the end of this day, UK time")
    word_limit: int
    open_for_questions: bool
    links: MeetingLinks

    @classmethod
    def of(cls, meeting: PanelMeeting, now: datetime) -> MeetingPublic:
        return cls(
            id=meeting.id, tenant=meeting.tenant, starts_at=meeting.starts_at, meeting_date=meeting.meeting_date,
            title=LocalisedText.of(meeting.title), venue=LocalisedText.of(meeting.venue),
            submissions_close_on=meeting.submissions_close_on, word_limit=meeting.word_limit,
            open_for_questions=meeting.takes_questions(now), links=MeetingLinks.of(meeting.id),
        )


class MeetingStaffView(MeetingPublic):
    notice_working_days: int
    answer_working_days: int
    created_at: datetime

    @classmethod
    def of(cls, meeting: PanelMeeting, now: datetime) -> MeetingStaffView:
        public = MeetingPublic.of(meeting, now).model_dump()
        return cls(**public, notice_working_days=meeting.notice_working_days,
                   answer_working_days=meeting.answer_working_days, created_at=meeting.created_at)


class QuestionCreate(_Body):
    name: Line
    email: EmailStr
    area: Area | None = Field(None, description="Your town, ward or postcode district (e.g. CW1)")
    question: str = Field(min_length=1, max_length=20_000)

    @field_validator("area", mode="before")
    @classmethod
    def _blank_is_none(cls, area: object) -> object:
        return None if isinstance(area, str) and not area.strip() else area

    _district_only = field_validator("area")(district_only)

    def to_command(self, meeting_id: uuid.UUID) -> AskQuestion:
        return AskQuestion(meeting_id=meeting_id, asker=Asker(self.name, str(self.email), self.area),
                           text=self.question)


class QuestionReceived(BaseModel):
    id: uuid.UUID
    meeting_id: uuid.UUID
    status: QuestionStatus
    word_count: int
    submitted_at: datetime

    @classmethod
    def of(cls, question: PanelQuestion) -> QuestionReceived:
        return cls(id=question.id, meeting_id=question.meeting_id, status=question.status,
                   word_count=question.word_count, submitted_at=question.submitted_at)


class QuestionView(QuestionReceived):
    question: str
    overdue: bool
    accepted_at: datetime | None
    answer_due: date | None
    rejected_at: datetime | None
    rejection_reason: str | None
    response: LocalisedText | None
    answered_on: date | None
    published_at: datetime | None

    @classmethod
    def of(cls, question: PanelQuestion, today: date) -> QuestionView:
        return cls(
            **QuestionReceived.of(question).model_dump(), question=question.text,
            overdue=question.is_overdue(today), accepted_at=question.accepted_at, answer_due=question.answer_due,
            rejected_at=question.rejected_at, rejection_reason=question.rejection_reason,
            response=LocalisedText.of(question.response) if question.response else None,
            answered_on=question.answered_on, published_at=question.published_at,
        )


class AskerView(BaseModel):
    name: str
    email: str | None = Field(description="How to reach the asker: shown to admins and Panel clerks only, "
                                          "null for every other role")
    area: str | None


class QuestionListed(QuestionView):
    asker: AskerView

    @classmethod
    def of_listing(cls, item: QuestionForStaff, today: date, *, with_contact: bool) -> QuestionListed:
        email = item.asker.email if with_contact else None
        asker = AskerView(name=item.asker.name, email=email, area=item.asker.area)
        return cls(**QuestionView.of(item.question, today).model_dump(), asker=asker)


class Rejection(_Body):
    reason: Key = Field(description="A rejection reason's key (GET /v1/panel/rejection-reasons)")


class Answer(_Body):
    response: LocalisedText = Field(description="The Commissioner's response")
    answered_on: date | None = Field(None, description="The date of the response; today when left out")

    def to_command(self, tenant: str, question_id: uuid.UUID) -> AnswerQuestion:
        return AnswerQuestion(tenant=tenant, question_id=question_id, response=self.response.to_domain(),
                              answered_on=self.answered_on)


class PublishedAnswer(BaseModel):
    id: uuid.UUID
    question: str
    response: LocalisedText
    submitted_on: date
    answered_on: date
    published_on: date

    @classmethod
    def of(cls, question: PanelQuestion) -> PublishedAnswer:
        assert question.response and question.answered_on and question.published_at
        return cls(id=question.id, question=question.text, response=LocalisedText.of(question.response),
                   submitted_on=local_date(question.submitted_at), answered_on=question.answered_on,
                   published_on=local_date(question.published_at))


class PublishedAnswers(BaseModel):
    meeting_id: uuid.UUID
    meeting_date: date
    title: LocalisedText
    answers: list[PublishedAnswer]
    links: MeetingLinks

    @classmethod
    def of(cls, meeting: PanelMeeting, answered: list[PanelQuestion]) -> PublishedAnswers:
        return cls(meeting_id=meeting.id, meeting_date=meeting.meeting_date, title=LocalisedText.of(meeting.title),
                   answers=[PublishedAnswer.of(question) for question in answered], links=MeetingLinks.of(meeting.id))


class RejectionReasonBody(_Body):
    key: Key
    label: LocalisedText

    def to_domain(self) -> RejectionReason:
        return RejectionReason(self.key, self.label.to_domain())

    @classmethod
    def of(cls, reason: RejectionReason) -> RejectionReasonBody:
        return cls(key=reason.key, label=LocalisedText.of(reason.label))


class ClosureBody(_Body):
    day: date
    label: Line

    def to_domain(self) -> Closure:
        return Closure(self.day, self.label)

    @classmethod
    def of(cls, closure: Closure) -> ClosureBody:
        return cls(day=closure.day, label=closure.label)
