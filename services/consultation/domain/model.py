"""Consultations and the responses residents give to them."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from peel.common.contracts.consultation import (
    UNKNOWN_AREA,
    ConsultationClosed,
    ConsultationOutcomePublished,
    ConsultationPublished,
    ConsultationResultsPublished,
    EqualityBands,
    LocalisedText,
    ResponseSubmitted,
)
from peel.common.errors import Conflict, FieldError, InvalidInput
from peel.consultation.domain.kinds import precept_spec
from peel.consultation.domain.lifecycle import ConsultationStatus, check_move
from peel.consultation.domain.precept import PreceptProposal
from peel.consultation.domain.questions import Answer, Question, Text
from peel.consultation.domain.routing import check_answers


class ConsultationKind(StrEnum):
    SURVEY = "survey"
    DRAFT_PLAN = "draft_plan"
    PRECEPT = "precept"
    BUDGET_SIMULATOR = "budget_simulator"


@dataclass(frozen=True, slots=True)
class Correction:
    field: str
    before: Text
    after: Text


@dataclass(frozen=True, slots=True)
class Respondent:
    """What a resident gives besides the answers; only the area and bands leave this service."""

    area: str = UNKNOWN_AREA
    publishable: bool = False
    equality: EqualityBands | None = None


@dataclass(frozen=True, slots=True)
class Response:
    id: uuid.UUID
    consultation_id: uuid.UUID
    tenant: str
    answers: tuple[Answer, ...]
    submitted_at: datetime
    respondent: Respondent = field(default_factory=Respondent)

    def submitted(self) -> ResponseSubmitted:
        return ResponseSubmitted(
            response_id=self.id, consultation_id=self.consultation_id, submitted_at=self.submitted_at,
            answers=self.answers, area=self.respondent.area, equality=self.respondent.equality,
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
    requires_welsh: bool = False
    results_embargoed: bool = False
    closed_at: datetime | None = None
    outcome: Text | None = None
    precept: PreceptProposal | None = None

    def publish(self, now: datetime) -> ConsultationPublished:
        """Open now, or schedule for ``opens_at``; refused without Welsh when Welsh is required."""
        if self.status is not ConsultationStatus.DRAFT:
            raise Conflict(f"consultation {self.id} is already {self.status}; only a draft can be published")
        if self.closes_at <= now:
            raise Conflict(f"closes_at ({self.closes_at.isoformat()}) has passed; move it before publishing")
        if self.requires_welsh and (missing := self.missing_welsh()):
            raise Conflict(f"Welsh is required before publishing; missing: {', '.join(missing)}")
        self.opens_at = max(self.opens_at or now, now)
        self._move(ConsultationStatus.OPEN if self.opens_at <= now else ConsultationStatus.SCHEDULED, "be published")
        return self.published()

    def published(self) -> ConsultationPublished:
        assert self.opens_at is not None
        return ConsultationPublished(
            consultation_id=self.id, title=_localised(self.title), kind=self.kind,
            opens_at=self.opens_at, closes_at=self.closes_at,
            questions=tuple(question.spec() for question in self.questions),
            results_embargoed=self.results_embargoed, precept=precept_spec(self.precept) if self.precept else None,
        )

    def open_if_due(self, now: datetime) -> bool:
        if self.status is ConsultationStatus.SCHEDULED and self.opens_at and self.opens_at <= now:
            self._move(ConsultationStatus.OPEN, "open")
            return True
        return False

    def close(self, now: datetime) -> ConsultationClosed:
        self._move(ConsultationStatus.CLOSED, "close")
        self.closed_at = now
        return ConsultationClosed(consultation_id=self.id, closed_at=now)

    def publish_results(self, now: datetime) -> ConsultationResultsPublished:
        self._move(ConsultationStatus.RESULTS_PUBLISHED, "publish its results before it closes")
        return ConsultationResultsPublished(consultation_id=self.id, published_at=now)

    def publish_outcome(self, outcome: Text, now: datetime) -> ConsultationOutcomePublished:
        """"We asked, you said, we did", once the consultation has closed."""
        if self.status not in (ConsultationStatus.CLOSED, ConsultationStatus.RESULTS_PUBLISHED):
            raise Conflict(f"consultation {self.id} is {self.status}; publish the outcome after it closes")
        self.outcome = outcome
        self.version += 1
        return ConsultationOutcomePublished(consultation_id=self.id, outcome=_localised(outcome), published_at=now)

    def missing_welsh(self) -> list[str]:
        texts = [("title", self.title)] + [(f"questions.{q.key}.text", q.text) for q in self.questions]
        texts += [(f"questions.{q.key}.options.{o.key}.text", o.text) for q in self.questions for o in q.options]
        return [place for place, text in texts if not text.cy]

    def accepts_responses(self, now: datetime) -> bool:
        return self.status is ConsultationStatus.OPEN and now < self.closes_at

    @property
    def is_published(self) -> bool:
        return self.status is not ConsultationStatus.DRAFT

    def respond(self, answers: Mapping[str, object], now: datetime, respondent: Respondent | None = None) -> Response:
        """A resident's response, checked against every question; all failing fields are reported."""
        if not self.accepts_responses(now):
            state = "closed" if self.status is ConsultationStatus.OPEN else str(self.status)
            raise Conflict(f"consultation {self.id} is {state} and takes no responses")
        respondent = respondent or Respondent()
        return Response(
            id=uuid.uuid4(), consultation_id=self.id, tenant=self.tenant,
            answers=self._check(answers, respondent.publishable), submitted_at=now, respondent=respondent,
        )

    def revise_draft(self, **changes: object) -> None:
        """A draft may change in any way; ``changes`` are attribute values, ``None`` meaning unchanged."""
        if self.is_published:
            raise Conflict(f"consultation {self.id} is {self.status}: only corrections of text are accepted")
        for name, value in changes.items():
            if value is not None:
                setattr(self, name, value)
        self.version += 1

    def correct_text(self, title: Text | None, question_texts: Mapping[str, Text]) -> list[Correction]:
        """Typo corrections: the text changes, the meaning stays; each is recorded with the new version."""
        unknown = [key for key in question_texts if key not in {q.key for q in self.questions}]
        if unknown:
            raise InvalidInput([FieldError(("question_texts", key), "no such question") for key in unknown])
        corrections = [Correction("title", self.title, title)] if title and title != self.title else []
        for index, question in enumerate(self.questions):
            text = question_texts.get(question.key)
            if text and text != question.text:
                corrections.append(Correction(f"questions.{question.key}.text", question.text, text))
                self.questions = (*self.questions[:index], replace(question, text=text), *self.questions[index + 1:])
        self.title = title or self.title
        self.version += 1 if corrections else 0
        return corrections

    def _move(self, to: ConsultationStatus, action: str) -> None:
        check_move(self.id, self.status, to, action)
        self.status = to
        self.version += 1

    def _check(self, answers: Mapping[str, object], publishable: bool) -> tuple[Answer, ...]:
        accepted, errors = check_answers(self.questions, answers, publishable=publishable)
        if errors:
            raise InvalidInput(errors)
        return accepted


def _localised(text: Text) -> LocalisedText:
    return LocalisedText(en=text.en, cy=text.cy)
