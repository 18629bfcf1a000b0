"""A resident's way through a consultation: the answers given so far, the optional pages after the questions
(postcode, receipt email, consent to publish free text, equality questions with their own consent), and the
response they make up. Kept in the session as plain JSON."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

Consultation = Mapping[str, Any]  # a ConsultationPublic of the consultation service
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?( ?[0-9][A-Z]{2})?$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
EQUALITY = {  # question -> its options (each with "Prefer not to say"), as EqualityMonitoring takes them
    "age_band": ("16_24", "25_34", "35_44", "45_54", "55_64", "65_74", "75_plus", "prefer_not_to_say"),
    "sex": ("female", "male", "prefer_not_to_say"),
    "ethnicity": ("asian", "black", "mixed", "white", "other", "prefer_not_to_say"),
    "disability": ("yes", "no", "prefer_not_to_say"),
}
STEPS = ("postcode", "email", "publish", "equality", *EQUALITY)


@dataclass
class Progress:
    answers: dict[str, Any] = field(default_factory=dict)  # question key -> answer; None: asked, left blank
    details: dict[str, Any] = field(default_factory=dict)  # step -> what was given
    visited: list[str] = field(default_factory=list)
    idempotency_key: str | None = None
    sent: dict[str, Any] | None = None  # the service's receipt, with the idempotency key that sent it

    @classmethod
    def of(cls, data: Mapping[str, Any] | None) -> Progress:
        data = data or {}
        return cls(dict(data.get("answers", {})), dict(data.get("details", {})), list(data.get("visited", [])),
                   data.get("idempotency_key"), data.get("sent"))

    def as_json(self) -> dict[str, Any]:
        return {"answers": self.answers, "details": self.details, "visited": self.visited,
                "idempotency_key": self.idempotency_key, "sent": self.sent}

    def gave_free_text(self, consultation: Consultation) -> bool:
        return any(q["type"] == "free_text" and self.answers.get(q["key"]) for q in consultation["questions"])

    def applies(self, step: str, consultation: Consultation) -> bool:
        if step == "publish":
            return self.gave_free_text(consultation)
        if step in EQUALITY:
            return self.details.get("equality") == "yes"
        return step in STEPS

    def next_step(self, after: str | None, consultation: Consultation, *, changing: bool = False) -> str | None:
        """The optional page after ``after`` (the first when None); when changing an answer, only a page not yet
        seen; None: check your answers."""
        later = STEPS[STEPS.index(after) + 1:] if after in STEPS else STEPS
        return next((step for step in later if self.applies(step, consultation)
                     and not (changing and step in self.visited)), None)

    def previous_question(self, key: str | None, consultation: Consultation) -> str | None:
        """The question answered just before ``key`` (the last one answered when None)."""
        keys = [q["key"] for q in consultation["questions"]]
        before = keys[:keys.index(key)] if key in keys else keys
        return next((k for k in reversed(before) if k in self.answers), None)

    def sent_with(self, key: str | None) -> bool:
        return bool(self.sent and key and self.sent.get("idempotency_key") == key)


def response_body(consultation: Consultation, progress: Progress) -> dict[str, Any]:
    """The ``ResponseCreate`` these answers make: blank answers left out, each detail only when given."""
    body: dict[str, Any] = {"answers": {key: value for key, value in progress.answers.items() if value is not None}}
    details = progress.details
    for name in ("postcode", "email"):
        if details.get(name):
            body[name] = details[name]
    if progress.gave_free_text(consultation):
        body["publish_consent"] = details.get("publish") == "yes"
    if details.get("equality") == "yes":
        body["equality"] = {"consent": True} | {name: details.get(name) for name in EQUALITY}
    return body


def read_postcode(given: str) -> tuple[str | None, bool]:
    """The postcode as written on letters (``CW1 2AB``), or whether it is no postcode."""
    text = re.sub(r"\s+", "", given.upper())
    if not text:
        return None, True
    if len(text) > 4 and POSTCODE.match(text):
        text = f"{text[:-3]} {text[-3:]}"
    return (text, True) if POSTCODE.match(text) else (None, False)


def read_email(given: str) -> tuple[str | None, bool]:
    text = given.strip()
    return (text or None, True) if not text or (EMAIL.match(text) and len(text) <= 254) else (None, False)


def stage(consultation: Consultation, now: datetime) -> str:
    """What the start page shows: ``not_open``, ``open``, ``closed``, or ``results`` (published results or
    outcome)."""
    status = consultation["status"]
    if status in {"draft", "scheduled"}:
        return "not_open"
    if status == "open" and _moment(consultation["closes_at"]) > now:
        return "open"
    if status == "results_published" or consultation.get("outcome"):
        return "results"
    return "closed"


def _moment(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def plan_section(key: str, consultation: Consultation) -> Mapping[str, Any] | None:
    """The draft Plan's section a question is about (``<section>_support`` and ``<section>_comment``)."""
    return next((section for section in consultation.get("sections") or []
                 if key in {f"{section['key']}_support", f"{section['key']}_comment"}), None)


def question(key: str, consultation: Consultation) -> Mapping[str, Any] | None:
    return next((q for q in consultation["questions"] if q["key"] == key), None)
