"""Consultation event envelopes for reporting's tests: a survey of every question type, its responses,
erasures and moderation, a precept consultation, and public questions to the Panel up to any step."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from peel.common.contracts.consultation import (
    ChoiceAnswer,
    ConsultationClosed,
    ConsultationClosingExtended,
    ConsultationCorrected,
    ConsultationOutcomePublished,
    ConsultationPublished,
    ConsultationResultsPublished,
    EqualityBands,
    FreeTextModerated,
    PanelQuestionAccepted,
    PanelQuestionAnswered,
    PanelQuestionPublished,
    PanelQuestionRejected,
    PanelQuestionSubmitted,
    ResponseErased,
    ResponseSubmitted,
    TextAnswer,
    TextChange,
)
from peel.common.events import Envelope, Event, LocalisedText

T0 = datetime(2027, 3, 1, 9, tzinfo=UTC)
MEETING_DAY = date(2027, 3, 25)
AREAS = ("halton", "warrington", "cheshire_east")
QUESTIONS = [
    {"key": "priority", "type": "single_choice", "text": {"en": "Which matters most?"}, "required": True,
     "options": [{"key": "asb", "text": {"en": "Anti-social behaviour"}}, {"key": "roads", "text": {"en": "Roads"}},
                 {"key": "burglary", "text": {"en": "Burglary"}}]},
    {"key": "also", "type": "multi_choice", "text": {"en": "What else?"}, "required": False,
     "options": [{"key": "asb", "text": {"en": "ASB"}}, {"key": "roads", "text": {"en": "Roads"}},
                 {"key": "drugs", "text": {"en": "Drugs"}}]},
    {"key": "safety", "type": "rating", "text": {"en": "How safe do you feel?"}, "required": False,
     "scale": {"minimum": 1, "maximum": 5, "labels": {"1": {"en": "Very unsafe"}, "5": {"en": "Very safe"}}}},
    {"key": "officers", "type": "number", "text": {"en": "How many officers?"}, "required": False,
     "range": {"minimum": 0, "maximum": 100}},
    {"key": "order", "type": "ranking", "text": {"en": "Rank these"}, "required": False,
     "options": [{"key": "patrols", "text": {"en": "Patrols"}}, {"key": "cyber", "text": {"en": "Cyber"}},
                 {"key": "victims", "text": {"en": "Victims"}}]},
    {"key": "budget", "type": "budget_allocation", "text": {"en": "Set the budget"}, "required": False,
     "budget": {"target_change": 0, "tolerance": 1,
                "lines": [{"key": "patrols", "text": {"en": "Patrols"}, "current_spend": 1_000_000,
                           "min_change_percent": -10, "max_change_percent": 10, "step_percent": 5},
                          {"key": "cyber", "text": {"en": "Cyber"}, "current_spend": 200_000,
                           "min_change_percent": -10, "max_change_percent": 10, "step_percent": 2}],
                "precept": {"band_d_current": 250, "max_change": 15, "income_per_pound": 400_000}}},
    {"key": "comments", "type": "free_text", "text": {"en": "Anything else?"}, "required": False},
]


def wrapped(event: Event, tenant: str = "cheshire", at: datetime | None = None) -> Envelope:
    return Envelope.wrap(event, source="/peel/consultation", tenant=tenant, time=at or T0)


def published(consultation_id: uuid.UUID, tenant: str = "cheshire", *, embargoed: bool = False,
              at: datetime | None = None) -> Envelope:
    event = ConsultationPublished(
        consultation_id=consultation_id, title=LocalisedText(en="Policing priorities"), kind="survey",
        opens_at=T0, closes_at=T0 + timedelta(days=42), questions=QUESTIONS, results_embargoed=embargoed, areas=AREAS)
    return wrapped(event, tenant, at)


def closed(consultation_id: uuid.UUID, tenant: str = "cheshire") -> Envelope:
    return wrapped(ConsultationClosed(consultation_id=consultation_id, closed_at=T0 + timedelta(days=42)), tenant)


def results_published(consultation_id: uuid.UUID, tenant: str = "cheshire") -> Envelope:
    return wrapped(ConsultationResultsPublished(consultation_id=consultation_id, published_at=T0 + timedelta(days=43)),
                   tenant)


def outcome(consultation_id: uuid.UUID, text: str = "We heard you: more patrols at weekends.") -> Envelope:
    return wrapped(ConsultationOutcomePublished(consultation_id=consultation_id, outcome=LocalisedText(en=text),
                                                published_at=T0 + timedelta(days=50)))


def corrected(consultation_id: uuid.UUID, version: int, changes: dict[str, str], tenant: str = "cheshire") -> Envelope:
    """A correction of the places named (``questions.priority.text``, ...) to the English texts given."""
    event = ConsultationCorrected(
        consultation_id=consultation_id, version=version, corrected_at=T0 + timedelta(days=version),
        changes=tuple(TextChange(field=field, text=LocalisedText(en=text)) for field, text in changes.items()))
    return wrapped(event, tenant)


def extended(consultation_id: uuid.UUID, days: int, tenant: str = "cheshire") -> Envelope:
    """The closing date moved to ``days`` after opening (it was 42), decided on day ``days - 30``."""
    event = ConsultationClosingExtended(
        consultation_id=consultation_id, closes_at=T0 + timedelta(days=days),
        previous_closes_at=T0 + timedelta(days=42), extended_at=T0 + timedelta(days=days - 30))
    return wrapped(event, tenant)


def submitted(consultation_id: uuid.UUID, answers: Iterable, *, response_id: uuid.UUID | None = None,
              area: str = "halton", equality: EqualityBands | None = None, tenant: str = "cheshire") -> Envelope:
    event = ResponseSubmitted(response_id=response_id or uuid.uuid4(), consultation_id=consultation_id,
                              submitted_at=T0 + timedelta(hours=1), answers=tuple(answers), area=area,
                              equality=equality)
    return wrapped(event, tenant)


def erased(response: Envelope) -> Envelope:
    event = ResponseErased(response_id=response.data.response_id, consultation_id=response.data.consultation_id,
                           erased_at=T0 + timedelta(days=2), reason="erasure_request")
    return wrapped(event, response.tenant)


def moderated(response: Envelope, decision: str, minutes: int = 0, question: str = "comments") -> Envelope:
    event = FreeTextModerated(response_id=response.data.response_id, consultation_id=response.data.consultation_id,
                              question=question, decision=decision, moderated_at=T0 + timedelta(minutes=minutes))
    return wrapped(event, response.tenant)


def choice(key: str, *options: str) -> ChoiceAnswer:
    kind = "single_choice" if key == "priority" else "multi_choice"
    return ChoiceAnswer(question=key, type=kind, options=options)


def comment(text: str, publishable: bool = True) -> TextAnswer:
    return TextAnswer(question="comments", type="free_text", text=text, publishable=publishable)


def panel_question(meeting_id: uuid.UUID, fate: str, *, tenant: str = "cheshire", late: bool = False,
                   question_id: uuid.UUID | None = None) -> list[Envelope]:
    """A question's events up to ``fate``: received, rejected:<reason>, accepted, answered or published.
    Accepted on T0 (due 14 days later); answered 10 days after acceptance, or 20 when ``late``."""
    question_id = question_id or uuid.uuid4()
    ids = {"question_id": question_id, "meeting_id": meeting_id}
    due = T0.date() + timedelta(days=14)
    answered_on = T0.date() + timedelta(days=20 if late else 10)
    steps = [PanelQuestionSubmitted(**ids, meeting_date=MEETING_DAY, submitted_at=T0 - timedelta(days=3), word_count=9)]
    if fate.startswith("rejected:"):
        steps.append(PanelQuestionRejected(**ids, rejected_at=T0, reason=fate.removeprefix("rejected:")))
    if fate in ("accepted", "answered", "published"):
        steps.append(PanelQuestionAccepted(**ids, accepted_at=T0, answer_due=due))
    if fate in ("answered", "published"):
        steps.append(PanelQuestionAnswered(**ids, answered_at=T0 + timedelta(days=21), answer_due=due, overdue=late,
                                           answered_on=answered_on))
    if fate == "published":
        steps.append(PanelQuestionPublished(**ids, published_at=T0 + timedelta(days=22)))
    return [wrapped(step, tenant) for step in steps]


PRECEPT_SPEC = {"question": "precept_option", "band_d_current": 250.0, "referendum_limit_pounds": 14.0,
                "options": [{"key": key, "band_d_change": change, "percent_increase": change / 2.5,
                             "new_band_d": 250 + change, "triggers_referendum": change > 14,
                             "bands": [{"band": "D", "yearly": change, "weekly": round(change / 52, 2)}]}
                            for key, change in (("freeze", 0.0), ("plus14", 14.0), ("plus20", 20.0))]}
PRECEPT_QUESTIONS = [{"key": "precept_option", "type": "single_choice", "text": {"en": "Which change?"},
                      "required": True, "options": [{"key": o["key"], "text": {"en": o["key"]}}
                                                    for o in PRECEPT_SPEC["options"]]}]


def precept_published(consultation_id: uuid.UUID, *, embargoed: bool = False, tenant: str = "cheshire") -> Envelope:
    event = ConsultationPublished(
        consultation_id=consultation_id, title=LocalisedText(en="Policing precept 2027-28"), kind="precept",
        opens_at=T0, closes_at=T0 + timedelta(days=28), questions=PRECEPT_QUESTIONS, results_embargoed=embargoed,
        areas=("halton", "warrington"), precept=PRECEPT_SPEC)
    return wrapped(event, tenant)


def precept_choice(option: str) -> ChoiceAnswer:
    return ChoiceAnswer(question="precept_option", type="single_choice", options=(option,))
