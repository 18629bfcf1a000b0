"""Revising a draft as a builder does, one part at a time: a draft Plan's sections or a precept's proposal bring
their own questions, which follow them; the questions staff write come after those, each list checked whole
(unique keys, routing only to earlier questions), whatever part changed."""

from __future__ import annotations

from dataclasses import dataclass

from peel.common.errors import FieldError, InvalidInput
from peel.consultation.domain.kinds import PlanSection, check_budget_simulator, plan_questions, precept_question
from peel.consultation.domain.lifecycle import REVISE
from peel.consultation.domain.model import Consultation, ConsultationKind
from peel.consultation.domain.precept import PreceptProposal
from peel.consultation.domain.questions import Question
from peel.consultation.domain.routing import check_questions


@dataclass(frozen=True, slots=True)
class DraftParts:
    """What a revision changes; ``None`` keeps the part as it is."""

    questions: tuple[Question, ...] | None = None
    """the questions staff wrote: for a draft Plan or a precept, those asked after the kind's own"""
    sections: tuple[PlanSection, ...] | None = None
    precept: PreceptProposal | None = None


def kind_questions(kind: ConsultationKind, sections: tuple[PlanSection, ...],
                   precept: PreceptProposal | None) -> tuple[Question, ...]:
    """The questions a kind asks of itself: a draft Plan's per section, a precept's choice of option."""
    if kind is ConsultationKind.DRAFT_PLAN:
        return plan_questions(sections)
    if kind is ConsultationKind.PRECEPT and precept:
        return (precept_question(precept),)
    return ()


def written_questions(consultation: Consultation) -> tuple[Question, ...]:
    """The questions staff wrote, without those the kind asks of itself."""
    own = {q.key for q in kind_questions(consultation.kind, consultation.sections, consultation.precept)}
    return tuple(q for q in consultation.questions if q.key not in own)


def revised_questions(consultation: Consultation, parts: DraftParts) -> tuple[Question, ...] | None:
    """Every question after the revision, checked; ``None`` when the revision changes none of the parts."""
    if parts == DraftParts():
        return None
    _refuse_parts_of_another_kind(consultation.kind, parts)
    sections = parts.sections if parts.sections is not None else consultation.sections
    precept = parts.precept or consultation.precept
    written = parts.questions if parts.questions is not None else written_questions(consultation)
    questions = (*kind_questions(consultation.kind, sections, precept), *written)
    check_questions(questions)
    if consultation.kind is ConsultationKind.BUDGET_SIMULATOR:
        check_budget_simulator(questions)
    return questions


def _refuse_parts_of_another_kind(kind: ConsultationKind, parts: DraftParts) -> None:
    wrong = [FieldError((name,), f"only a {wanted} consultation has {name}; this one is a {kind}")
             for name, wanted, given in (("sections", ConsultationKind.DRAFT_PLAN, parts.sections),
                                          ("precept", ConsultationKind.PRECEPT, parts.precept))
             if given is not None and kind is not wanted]
    if wrong:
        raise InvalidInput(wrong)


def unschedule(consultation: Consultation) -> None:
    """A draft's opening time taken away: publishing then opens it at once instead of scheduling it."""
    REVISE.check(consultation.id, consultation.status)
    consultation.opens_at = None
