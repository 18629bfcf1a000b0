"""Consultations and the responses residents give to them."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from peel.common.contracts.consultation import (
    ConsultationPublished,
    LocalisedText,
    OptionSpec,
    QuestionSpec,
    ResponseSubmitted,
)
from peel.common.errors import Conflict, FieldError, InvalidInput
from peel.consultation.domain.questions import Answer, AnswerRefused, Question, Text, is_blank


class ConsultationKind(StrEnum):
    SURVEY = "survey"


class ConsultationStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class Response:
    id: uuid.UUID
    consultation_id: uuid.UUID
    tenant: str
    answers: tuple[Answer, ...]
    submitted_at: datetime

    def submitted(self) -> ResponseSubmitted:
        return ResponseSubmitted(
            response_id=self.id, consultation_id=self.consultation_id,
            submitted_at=self.submitted_at, answers=self.answers,
        )


@dataclass(slots=True)
class Consultation:
    id: uuid.UUID
    tenant: str
    title: Text
    kind: ConsultationKind
    closes_at: datetime
    questions: tuple[Question, ...]
    created_at: datetime
    status: ConsultationStatus = ConsultationStatus.DRAFT
    opens_at: datetime | None = None
    version: int = field(default=1)

    def publish(self, now: datetime) -> ConsultationPublished:
        if self.status is not ConsultationStatus.DRAFT:
            raise Conflict(f"consultation {self.id} is already {self.status}; only a draft can be published")
        if self.closes_at <= now:
            raise Conflict(f"closes_at ({self.closes_at.isoformat()}) has passed; move it before publishing")
        self.status, self.opens_at = ConsultationStatus.OPEN, now
        self.version += 1
        return self.published()

    def published(self) -> ConsultationPublished:
        assert self.opens_at is not None
        return ConsultationPublished(
            consultation_id=self.id, title=_localised(self.title), kind=self.kind,
            opens_at=self.opens_at, closes_at=self.closes_at,
            questions=tuple(_spec(question) for question in self.questions),
        )

    def accepts_responses(self, now: datetime) -> bool:
        return self.status is ConsultationStatus.OPEN and now < self.closes_at

    def respond(self, answers: Mapping[str, object], now: datetime) -> Response:
        """A resident's response, checked against every question; all failing fields are reported."""
        if not self.accepts_responses(now):
            state = "closed" if self.status is ConsultationStatus.OPEN else str(self.status)
            raise Conflict(f"consultation {self.id} is {state} and takes no responses")
        return Response(
            id=uuid.uuid4(), consultation_id=self.id, tenant=self.tenant,
            answers=self._check(answers), submitted_at=now,
        )

    def _check(self, answers: Mapping[str, object]) -> tuple[Answer, ...]:
        known = {question.key for question in self.questions}
        errors = [FieldError(("answers", key), "no such question", "unknown_question") for key in answers
                  if key not in known]
        accepted = []
        for question in self.questions:
            value = answers.get(question.key)
            if is_blank(value):
                if question.required:
                    errors.append(FieldError(("answers", question.key), "this question needs an answer", "missing"))
                continue
            try:
                accepted.append(question.answer(value))
            except AnswerRefused as refusal:
                errors.append(FieldError(("answers", question.key), str(refusal)))
        if errors:
            raise InvalidInput(errors)
        return tuple(accepted)


def _localised(text: Text) -> LocalisedText:
    return LocalisedText(en=text.en, cy=text.cy)


def _spec(question: Question) -> QuestionSpec:
    return QuestionSpec(
        key=question.key, type=question.type, text=_localised(question.text), required=question.required,
        options=tuple(OptionSpec(key=option.key, text=_localised(option.text)) for option in question.options),
    )
