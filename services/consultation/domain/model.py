"""Consultations and the responses residents give to them."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from peel.common.contracts.consultation import (
    ONLINE,
    UNKNOWN_AREA,
    Channel,
    ConsultationClosed,
    ConsultationClosingExtended,
    ConsultationCorrected,
    ConsultationOutcomePublished,
    ConsultationPublished,
    ConsultationResultsPublished,
    EqualityBands,
    LocalisedText,
    PlanSectionSpec,
    ResponseSubmitted,
    TextChange,
)
from peel.common.errors import Conflict, FieldError, InvalidInput
from peel.consultation.domain.channels import KeyedIn
from peel.consultation.domain.kinds import PlanSection, precept_spec
from peel.consultation.domain.lifecycle import (
    CLOSE,
    EXTEND_CLOSING,
    OPEN,
    PUBLISH,
    PUBLISH_OUTCOME,
    PUBLISH_RESULTS,
    REVISE,
    Action,
    ConsultationStatus,
)
from peel.consultation.domain.precept import PreceptProposal
from peel.consultation.domain.questions import Answer, Question, Text
from peel.consultation.domain.responding import responses_refused
from peel.consultation.domain.routing import check_answers
from peel.consultation.domain.texts import Rewording, Rewrite, question_texts, section_texts


class ConsultationKind(StrEnum):
    SURVEY = "survey"
    DRAFT_PLAN = "draft_plan"
    PRECEPT = "precept"
    BUDGET_SIMULATOR = "budget_simulator"


@dataclass(frozen=True, slots=True)
class Correction:
    """One public text corrected: its place (such as ``questions.priority.text``), before and after."""

    field: str
    before: Text
    after: Text


@dataclass(frozen=True, slots=True)
class CorrectionRecord:
    """A correction as the history keeps it: the version it made, who made it and when."""

    version: int
    correction: Correction
    editor: str
    corrected_at: datetime


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
    keyed_in: KeyedIn | None = None
    """set when staff keyed it in on the resident's behalf"""

    @property
    def channel(self) -> Channel:
        return self.keyed_in.channel if self.keyed_in else ONLINE

    def submitted(self) -> ResponseSubmitted:
        """The event: the channel, but never who keyed it in."""
        return ResponseSubmitted(
            response_id=self.id, consultation_id=self.consultation_id, submitted_at=self.submitted_at,
            answers=self.answers, area=self.respondent.area, equality=self.respondent.equality, channel=self.channel,
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
    summary: Text | None = None
    sections: tuple[PlanSection, ...] = ()
    updated_at: datetime | None = None

    def publish(self, now: datetime) -> ConsultationPublished:
        """Open now, or schedule for ``opens_at``; refused without Welsh when Welsh is required."""
        PUBLISH.check(self.id, self.status)
        if self.closes_at <= now:
            raise Conflict(f"consultation {self.id} is a draft whose closes_at ({self.closes_at.isoformat()}) "
                           "has passed; move closes_at later, then publish it")
        if self.requires_welsh and (missing := self.missing_welsh()):
            raise Conflict(f"consultation {self.id} is a draft that requires Welsh before publishing; "
                           f"add the Welsh, then publish it; missing: {', '.join(missing)}")
        self.opens_at = max(self.opens_at or now, now)
        self._move(ConsultationStatus.OPEN if self.opens_at <= now else ConsultationStatus.SCHEDULED, PUBLISH)
        self.updated_at = now
        return self.published()

    def published(self) -> ConsultationPublished:
        assert self.opens_at is not None
        return ConsultationPublished(
            consultation_id=self.id, title=_localised(self.title), kind=self.kind,
            opens_at=self.opens_at, closes_at=self.closes_at,
            questions=tuple(question.spec() for question in self.questions),
            results_embargoed=self.results_embargoed, precept=precept_spec(self.precept) if self.precept else None,
            summary=_localised(self.summary) if self.summary else None,
            sections=tuple(PlanSectionSpec(key=s.key, title=_localised(s.title), summary=_localised(s.summary))
                           for s in self.sections),
        )

    def open_if_due(self, now: datetime) -> bool:
        if self.status is ConsultationStatus.SCHEDULED and self.opens_at and self.opens_at <= now:
            self._move(ConsultationStatus.OPEN, OPEN)
            self.updated_at = now
            return True
        return False

    def close(self, now: datetime) -> ConsultationClosed:
        self._move(ConsultationStatus.CLOSED, CLOSE)
        self.closed_at = self.updated_at = now
        return ConsultationClosed(consultation_id=self.id, closed_at=now)

    def publish_results(self, now: datetime) -> ConsultationResultsPublished:
        self._move(ConsultationStatus.RESULTS_PUBLISHED, PUBLISH_RESULTS)
        self.updated_at = now
        return ConsultationResultsPublished(consultation_id=self.id, published_at=now)

    def publish_outcome(self, outcome: Text, now: datetime) -> ConsultationOutcomePublished:
        """"We asked, you said, we did", once the consultation has closed."""
        PUBLISH_OUTCOME.check(self.id, self.status)
        if self.requires_welsh and not outcome.cy:
            raise InvalidInput([FieldError(("outcome", "cy"), "this consultation requires Welsh")])
        self.outcome, self.updated_at = outcome, now
        self.version += 1
        return ConsultationOutcomePublished(consultation_id=self.id, outcome=_localised(outcome), published_at=now)

    def extend_closing(self, closes_at: datetime, now: datetime) -> ConsultationClosingExtended:
        """More time for an open consultation: a later closing date, which the clock then follows."""
        EXTEND_CLOSING.check(self.id, self.status)
        if self.closes_at <= now:
            raise Conflict(f"consultation {self.id} is open but its closing time ({self.closes_at.isoformat()}) "
                           "has passed and it is being closed; its results can be published once it has closed")
        if closes_at <= self.closes_at:
            raise InvalidInput([FieldError(("closes_at",), "must be later than the current closing time "
                                                           f"({self.closes_at.isoformat()})")])
        previous, self.closes_at, self.updated_at = self.closes_at, closes_at, now
        self.version += 1
        return ConsultationClosingExtended(consultation_id=self.id, closes_at=closes_at,
                                           previous_closes_at=previous, extended_at=now)

    def public_texts(self) -> dict[str, Text]:
        """Every text residents see, by its place."""
        texts: dict[str, Text] = {}

        def note(place: str, text: Text) -> Text:
            texts[place] = text
            return text
        self._rewritten(note)
        return texts

    def missing_welsh(self) -> list[str]:
        return [place for place, text in self.public_texts().items() if not text.cy]

    def accepts_responses(self, now: datetime) -> bool:
        return self.status is ConsultationStatus.OPEN and now < self.closes_at

    @property
    def is_published(self) -> bool:
        return self.status is not ConsultationStatus.DRAFT

    def respond(self, answers: Mapping[str, object], now: datetime, respondent: Respondent | None = None,
                keyed_in: KeyedIn | None = None) -> Response:
        """A resident's response, checked against every question; all failing fields are reported.

        Staff keying one in on a resident's behalf (``keyed_in``) go through the same checks and routing.
        """
        if not self.accepts_responses(now):
            raise responses_refused(self)
        respondent = respondent or Respondent()
        problems = keyed_in.problems(now) if keyed_in else []
        return Response(
            id=uuid.uuid4(), consultation_id=self.id, tenant=self.tenant,
            answers=self._check(answers, respondent.publishable, problems), submitted_at=now, respondent=respondent,
            keyed_in=keyed_in.dated(now) if keyed_in else None,
        )

    def revise_draft(self, **changes: object) -> None:
        """A draft may change in any way; ``changes`` are attribute values, ``None`` meaning unchanged."""
        REVISE.check(self.id, self.status)
        for name, value in changes.items():
            if value is not None:
                setattr(self, name, value)
        self.version += 1

    def correct_text(self, rewordings: Mapping[str, Rewording], now: datetime | None = None) -> list[Correction]:
        """Corrections of wording: the meaning stays; each changed text is recorded with the new version.

        A language a rewording leaves out keeps its words; when Welsh is required, no text may lose it.
        A published consultation corrected ``now`` was last changed then.
        """
        texts = self.public_texts()
        unknown = [place for place in rewordings if place not in texts]
        if unknown:
            raise InvalidInput([FieldError(("texts", place), "no such text in this consultation") for place in unknown])
        after = {place: rewording.applied_to(texts[place]) for place, rewording in rewordings.items()}
        changed = {place: text for place, text in after.items() if text != texts[place]}
        if not changed:
            return []
        self._keep_welsh(changed)
        for name, value in self._rewritten(lambda place, text: changed.get(place, text)).items():
            setattr(self, name, value)
        self.version += 1
        if self.is_published and now:
            self.updated_at = now
        return [Correction(place, texts[place], text) for place, text in changed.items()]

    def corrected(self, corrections: list[Correction], now: datetime) -> ConsultationCorrected:
        changes = tuple(TextChange(field=c.field, text=_localised(c.after)) for c in corrections)
        return ConsultationCorrected(consultation_id=self.id, version=self.version, corrected_at=now, changes=changes)

    def _keep_welsh(self, changed: Mapping[str, Text]) -> None:
        """Published, a consultation that requires Welsh keeps it; a draft is checked when it is published."""
        if not (self.requires_welsh and self.is_published):
            return
        if lost := [place for place, text in changed.items() if not text.cy]:
            reason = "this consultation requires Welsh; a correction cannot remove it"
            raise InvalidInput([FieldError(("texts", place, "cy"), reason) for place in lost])

    def _rewritten(self, rewrite: Rewrite) -> dict[str, object]:
        """The title, summary, questions, Plan sections and outcome, each public text passed through ``rewrite``."""
        return {
            "title": rewrite("title", self.title),
            "summary": rewrite("summary", self.summary) if self.summary else None,
            "questions": tuple(question_texts(question, rewrite) for question in self.questions),
            "sections": tuple(section_texts(section, rewrite) for section in self.sections),
            "outcome": rewrite("outcome", self.outcome) if self.outcome else None,
        }

    def _move(self, to: ConsultationStatus, action: Action) -> None:
        action.check(self.id, self.status)
        self.status = to
        self.version += 1

    def _check(self, answers: Mapping[str, object], publishable: bool,
               problems: list[FieldError] | None = None) -> tuple[Answer, ...]:
        accepted, errors = check_answers(self.questions, answers, publishable=publishable)
        if errors or problems:
            raise InvalidInput([*errors, *(problems or [])])
        return accepted


def _localised(text: Text) -> LocalisedText:
    return LocalisedText(en=text.en, cy=text.cy)
