"""Request and response bodies: separate models for creating and for showing."""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime
from typing import Literal, Self

from fastapi import Response
from pydantic import AwareDatetime, BaseModel, ConfigDict, EmailStr, Field, JsonValue, model_validator

from peel.common.contracts.consultation import EqualityBands
from peel.consultation.domain.commands import CreateConsultation, EditConsultation, SubmitResponse
from peel.consultation.domain.kinds import PlanSection, check_budget_simulator, plan_questions, precept_question
from peel.consultation.domain.model import Consultation, ConsultationKind
from peel.consultation.domain.precept import PreceptProposal
from peel.consultation.domain.precept_settings import ENGLAND, PreceptSettings
from peel.consultation.domain.questions import Question
from peel.consultation.domain.receipts import Receipt
from peel.consultation.domain.routing import check_questions
from peel.consultation.entrypoints.http.correction_schemas import TextCorrection
from peel.consultation.entrypoints.http.kind_schemas import PlanSectionBody, PreceptBody, PreceptTablePublic
from peel.consultation.entrypoints.http.question_schemas import (
    Key,
    LocalisedText,
    QuestionCreate,
    QuestionPublic,
    questions_to_domain,
)


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ConsultationCreate(_Body):
    title: LocalisedText
    summary: LocalisedText | None = Field(default=None, description="What it is about, for its start page")
    kind: Literal["survey", "draft_plan", "precept", "budget_simulator"] = "survey"
    opens_at: AwareDatetime | None = Field(default=None,
                                           description="When it opens; publishing opens it at once if unset")
    closes_at: AwareDatetime
    questions: list[QuestionCreate] = Field(default_factory=list, max_length=200)
    sections: list[PlanSectionBody] | None = Field(default=None, min_length=1, max_length=50,
                                                   description="draft_plan: each section gets a rating and comments")
    precept: PreceptBody | None = Field(default=None, description="precept: the Band D options residents choose from")
    requires_welsh: bool = Field(default=False, description="Refuse to publish until every public text has Welsh")
    results_embargoed: bool = Field(default=False, description="Staff see no results until it closes")

    @model_validator(mode="after")
    def _kind_has_what_it_needs(self) -> Self:
        needs = {"draft_plan": ("sections", self.sections), "precept": ("precept", self.precept)}
        if self.kind in needs and not needs[self.kind][1]:
            raise ValueError(f"a {self.kind} consultation needs {needs[self.kind][0]}")
        if self.kind in ("survey", "budget_simulator") and not self.questions:
            raise ValueError(f"a {self.kind} needs at least one question")
        return self

    @model_validator(mode="after")
    def _question_keys_unique(self) -> Self:
        keys = [question.key for question in self.questions]
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        if duplicates:
            raise ValueError(f"question keys must be unique; repeated: {duplicates}")
        return self

    @model_validator(mode="after")
    def _opens_before_closing(self) -> Self:
        if self.opens_at and self.opens_at >= self.closes_at:
            raise ValueError("opens_at must be before closes_at")
        return self

    def to_command(self, tenant: str, precept_settings: PreceptSettings = ENGLAND) -> CreateConsultation:
        precept = self.precept.to_domain(precept_settings) if self.precept else None
        questions = (*self._kind_questions(precept), *questions_to_domain(self.questions))
        check_questions(questions)
        if self.kind == "budget_simulator":
            check_budget_simulator(questions)
        return CreateConsultation(
            tenant=tenant, title=self.title.to_domain(), kind=ConsultationKind(self.kind),
            closes_at=self.closes_at, questions=questions, opens_at=self.opens_at,
            requires_welsh=self.requires_welsh, results_embargoed=self.results_embargoed, precept=precept,
            summary=self.summary.to_domain() if self.summary else None, sections=self._sections(),
        )

    def _sections(self) -> tuple[PlanSection, ...]:
        return tuple(section.to_domain() for section in self.sections or ())

    def _kind_questions(self, precept: PreceptProposal | None) -> tuple[Question, ...]:
        if self.kind == "draft_plan" and self.sections:
            return plan_questions(self._sections())
        return (precept_question(precept),) if precept else ()


class ConsultationUpdate(_Body):
    """Any field while a draft; once published only ``title``, ``summary``, ``question_texts`` and ``texts``.

    Corrections of a published consultation keep a language they leave out.
    """

    title: LocalisedText | None = None
    summary: LocalisedText | None = None
    question_texts: dict[str, LocalisedText] | None = None
    texts: dict[str, TextCorrection] | None = Field(
        default=None, description='Any public text by its place: "title", "summary", "outcome", '
                                  '"questions.<key>.text", "questions.<key>.options.<option>", '
                                  '"questions.<key>.scale.<point>", "questions.<key>.budget.<line>", '
                                  '"questions.<key>.budget.<line>.consequences.<change>", '
                                  '"sections.<key>.title" or "sections.<key>.summary"')
    opens_at: AwareDatetime | None = Field(default=None, description="When a draft opens once published; null "
                                                                 "takes it away, so that publishing opens it at once")
    closes_at: AwareDatetime | None = None
    questions: list[QuestionCreate] | None = Field(
        default=None, min_length=1, max_length=200,
        description="Every question, in order (add, remove, reorder, reword, route with show_if); for a draft_plan "
                    "or precept, the questions asked after those its sections or precept bring")
    sections: list[PlanSectionBody] | None = Field(default=None, min_length=1, max_length=50,
                                                   description="draft_plan: every section, in order")
    precept: PreceptBody | None = Field(default=None, description="precept: the Band D options, as when created")
    requires_welsh: bool | None = None
    results_embargoed: bool | None = None

    def to_command(self, tenant: str, consultation_id: uuid.UUID, editor: str,
                   precept_settings: PreceptSettings = ENGLAND) -> EditConsultation:
        return EditConsultation(
            tenant=tenant, consultation_id=consultation_id, editor=editor,
            title=self.title.to_domain() if self.title else None,
            summary=self.summary.to_domain() if self.summary else None,
            question_texts={k: v.to_domain() for k, v in self.question_texts.items()} if self.question_texts else None,
            rewordings={place: text.to_domain() for place, text in (self.texts or {}).items()},
            opens_at=self.opens_at, closes_at=self.closes_at,
            questions=questions_to_domain(self.questions) if self.questions else None,
            requires_welsh=self.requires_welsh, results_embargoed=self.results_embargoed,
            sections=tuple(section.to_domain() for section in self.sections) if self.sections else None,
            precept=self.precept.to_domain(precept_settings) if self.precept else None,
            unschedule="opens_at" in self.model_fields_set and self.opens_at is None,
        )


class OutcomeBody(_Body):
    outcome: LocalisedText = Field(description='"We asked, you said, we did"')


class PlanSectionPublic(BaseModel):
    key: str
    title: LocalisedText
    summary: LocalisedText

    @classmethod
    def of(cls, section: PlanSection) -> PlanSectionPublic:
        return cls(key=section.key, title=LocalisedText.of(section.title), summary=LocalisedText.of(section.summary))


class ConsultationPublic(BaseModel):
    id: uuid.UUID
    office: str = Field(description="The office (tenant id) running it, to brand the page")
    status: str
    kind: str
    title: LocalisedText
    summary: LocalisedText | None = None
    closes_at: datetime
    opens_at: datetime | None
    sections: list[PlanSectionPublic] = Field(default_factory=list, description="draft_plan: the Plan's sections")
    questions: list[QuestionPublic]
    precept: PreceptTablePublic | None = None
    outcome: LocalisedText | None = Field(default=None, description='"We asked, you said, we did", once published')

    @classmethod
    def of(cls, consultation: Consultation) -> ConsultationPublic:
        c = consultation
        return cls(
            id=c.id, office=c.tenant, status=c.status, kind=c.kind, title=LocalisedText.of(c.title),
            summary=LocalisedText.of(c.summary) if c.summary else None, closes_at=c.closes_at, opens_at=c.opens_at,
            sections=[PlanSectionPublic.of(s) for s in c.sections],
            questions=[QuestionPublic.of(q) for q in c.questions],
            precept=PreceptTablePublic.of(c.precept) if c.precept else None,
            outcome=LocalisedText.of(c.outcome) if c.outcome else None,
        )


class ConsultationStaffView(ConsultationPublic):
    tenant: str
    created_at: datetime
    version: int
    requires_welsh: bool
    results_embargoed: bool
    closed_at: datetime | None

    @classmethod
    def of(cls, consultation: Consultation) -> ConsultationStaffView:
        public = ConsultationPublic.of(consultation).model_dump()
        c = consultation
        return cls(**public, tenant=c.tenant, created_at=c.created_at, version=c.version,
                   requires_welsh=c.requires_welsh, results_embargoed=c.results_embargoed, closed_at=c.closed_at)


AgeBand = Literal["16_24", "25_34", "35_44", "45_54", "55_64", "65_74", "75_plus", "prefer_not_to_say"]
Sex = Literal["female", "male", "prefer_not_to_say"]
Ethnicity = Literal["asian", "black", "mixed", "white", "other", "prefer_not_to_say"]
Disability = Literal["yes", "no", "prefer_not_to_say"]


class EqualityMonitoring(_Body):
    """Optional, and only with its own explicit consent; kept apart from the answers."""

    consent: Literal[True] = Field(description="Must be true: consent to use these answers for monitoring")
    age_band: AgeBand | None = None
    sex: Sex | None = None
    ethnicity: Ethnicity | None = None
    disability: Disability | None = None

    def to_domain(self) -> EqualityBands:
        return EqualityBands(**self.model_dump(exclude={"consent"}))


class ResponseCreate(_Body):
    answers: dict[str, JsonValue] = Field(description="Question key -> answer (option key, list of keys, or text)")
    postcode: str | None = Field(default=None, max_length=10, description="Mapped to a local policing area only")
    email: EmailStr | None = Field(default=None, description="For a receipt; never leaves this service")
    publish_consent: bool = Field(default=False, description="Consent to publish free-text answers after moderation")
    equality: EqualityMonitoring | None = None

    def to_command(self, consultation_id: uuid.UUID, idempotency_key: str | None) -> SubmitResponse:
        return SubmitResponse(
            consultation_id=consultation_id, answers=self.answers, postcode=self.postcode,
            email=str(self.email) if self.email else None, publishable=self.publish_consent,
            equality=self.equality.to_domain() if self.equality else None, idempotency_key=idempotency_key,
            request_fingerprint=hashlib.sha256(self.model_dump_json().encode()).digest() if idempotency_key else b"",
        )


class ResponseCreated(BaseModel):
    id: uuid.UUID
    consultation_id: uuid.UUID
    submitted_at: datetime
    withdrawal_token: str = Field(description="Keep it to withdraw this response later")

    @classmethod
    def of(cls, receipt: Receipt) -> ResponseCreated:
        return cls(id=receipt.response_id, consultation_id=receipt.consultation_id,
                   submitted_at=receipt.submitted_at, withdrawal_token=receipt.withdrawal_token)

    def sent(self, status_code: int) -> Response:
        """The response as it goes out, for the busiest route: FastAPI need not check and dump it again."""
        return Response(self.model_dump_json(), status_code, media_type="application/json")


class Withdrawal(_Body):
    withdrawal_token: str = Field(min_length=10, max_length=200)


class Moderation(_Body):
    question: Key
    decision: Literal["approved", "redacted"]
    reason: str = Field(min_length=3, max_length=1000, description="Logged with the moderator's id")


class Area(BaseModel):
    postcode_district: str
    area_key: str
    area_name: str
