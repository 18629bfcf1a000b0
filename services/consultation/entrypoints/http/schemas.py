"""Request and response bodies: separate models for creating and for showing."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal, Self

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, JsonValue, model_validator

from peel.consultation.domain.commands import CreateConsultation
from peel.consultation.domain.model import Consultation, ConsultationKind, Response
from peel.consultation.domain.questions import Option, Question, QuestionType, Text

Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,63}$", description="Lower-case letters, digits and _")]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LocalisedText(_Body):
    en: str = Field(min_length=1, max_length=20_000, description="English")
    cy: str | None = Field(default=None, min_length=1, max_length=20_000, description="Welsh (Cymraeg)")

    def to_domain(self) -> Text:
        return Text(en=self.en, cy=self.cy)

    @classmethod
    def of(cls, text: Text) -> LocalisedText:
        return cls(en=text.en, cy=text.cy)


class OptionBody(_Body):
    key: Key
    text: LocalisedText


class _QuestionCreate(_Body):
    key: Key
    text: LocalisedText
    required: bool = True


class _ChoiceQuestionCreate(_QuestionCreate):
    options: list[OptionBody] = Field(min_length=2, max_length=100)

    @model_validator(mode="after")
    def _options_unique(self) -> Self:
        keys = [option.key for option in self.options]
        if len(set(keys)) != len(keys):
            raise ValueError("option keys must be unique within a question")
        return self


class SingleChoiceQuestionCreate(_ChoiceQuestionCreate):
    type: Literal["single_choice"]


class MultiChoiceQuestionCreate(_ChoiceQuestionCreate):
    type: Literal["multi_choice"]
    min_selections: int | None = Field(default=None, ge=1)
    max_selections: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _selection_range(self) -> Self:
        low, high = self.min_selections or 1, self.max_selections or len(self.options)
        if not low <= high <= len(self.options):
            raise ValueError(f"need 1 <= min_selections <= max_selections <= {len(self.options)} options")
        return self


class FreeTextQuestionCreate(_QuestionCreate):
    type: Literal["free_text"]
    max_length: int = Field(default=2000, ge=1, le=20_000)


QuestionCreate = Annotated[
    SingleChoiceQuestionCreate | MultiChoiceQuestionCreate | FreeTextQuestionCreate, Field(discriminator="type")
]


class ConsultationCreate(_Body):
    title: LocalisedText
    kind: Literal["survey"] = "survey"
    closes_at: AwareDatetime
    questions: list[QuestionCreate] = Field(min_length=1, max_length=200)

    @model_validator(mode="after")
    def _question_keys_unique(self) -> Self:
        keys = [question.key for question in self.questions]
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        if duplicates:
            raise ValueError(f"question keys must be unique; repeated: {duplicates}")
        return self

    def to_command(self, tenant: str) -> CreateConsultation:
        return CreateConsultation(
            tenant=tenant, title=self.title.to_domain(), kind=ConsultationKind(self.kind),
            closes_at=self.closes_at, questions=tuple(_question(q) for q in self.questions),
        )


def _question(body: QuestionCreate) -> Question:
    options = tuple(Option(key=o.key, text=o.text.to_domain()) for o in getattr(body, "options", ()))
    return Question(
        key=body.key, type=QuestionType(body.type), text=body.text.to_domain(), required=body.required,
        options=options, max_length=getattr(body, "max_length", None),
        min_selections=getattr(body, "min_selections", None), max_selections=getattr(body, "max_selections", None),
    )


class QuestionPublic(BaseModel):
    key: str
    type: QuestionType
    text: LocalisedText
    required: bool
    options: list[OptionBody] = []
    max_length: int | None = None
    min_selections: int | None = None
    max_selections: int | None = None

    @classmethod
    def of(cls, question: Question) -> QuestionPublic:
        return cls(
            key=question.key, type=question.type, text=LocalisedText.of(question.text), required=question.required,
            options=[OptionBody(key=o.key, text=LocalisedText.of(o.text)) for o in question.options],
            max_length=question.max_length, min_selections=question.min_selections,
            max_selections=question.max_selections,
        )


class ConsultationPublic(BaseModel):
    id: uuid.UUID
    status: str
    kind: str
    title: LocalisedText
    closes_at: datetime
    opens_at: datetime | None
    questions: list[QuestionPublic]

    @classmethod
    def of(cls, consultation: Consultation) -> ConsultationPublic:
        return cls(
            id=consultation.id, status=consultation.status, kind=consultation.kind,
            title=LocalisedText.of(consultation.title), closes_at=consultation.closes_at,
            opens_at=consultation.opens_at, questions=[QuestionPublic.of(q) for q in consultation.questions],
        )


class ConsultationStaffView(ConsultationPublic):
    tenant: str
    created_at: datetime

    @classmethod
    def of(cls, consultation: Consultation) -> ConsultationStaffView:
        public = ConsultationPublic.of(consultation).model_dump()
        return cls(**public, tenant=consultation.tenant, created_at=consultation.created_at)


class ResponseCreate(_Body):
    answers: dict[str, JsonValue] = Field(description="Question key -> answer (option key, list of keys, or text)")


class ResponseCreated(BaseModel):
    id: uuid.UUID
    consultation_id: uuid.UUID
    submitted_at: datetime

    @classmethod
    def of(cls, response: Response) -> ResponseCreated:
        return cls(id=response.id, consultation_id=response.consultation_id, submitted_at=response.submitted_at)
