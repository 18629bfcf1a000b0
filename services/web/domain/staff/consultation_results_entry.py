"""Assisted entry: a paper form, a telephone call or an event's card keyed in by staff on the resident's behalf.

Every question is on one page (a paper form has no routing), each question's fields named after its key so the
resident pages' readers (``peel.web.domain.answers``) read them as they read one question's page. The channel is
always recorded, so results can be shown by channel and never silently pooled."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from peel.web.domain.answers import ANSWER, line_field, posted_values, rank_field, read_answer
from peel.web.domain.staff import reading
from peel.web.domain.staff.messages import N_

ASSISTED_CHANNELS = ("paper", "telephone", "event")
BANDS = {
    "age_band": ("16_24", "25_34", "35_44", "45_54", "55_64", "65_74", "75_plus", "prefer_not_to_say"),
    "sex": ("female", "male", "prefer_not_to_say"),
    "ethnicity": ("asian", "black", "mixed", "white", "other", "prefer_not_to_say"),
    "disability": ("yes", "no", "prefer_not_to_say"),
}
Form = Mapping[str, list[str]]


def prefix(key: str) -> str:
    return f"{key}--"


def first_field(question: Mapping[str, Any]) -> str:
    """The id of a question's first input, where its error links to."""
    key, kind = question["key"], question.get("type")
    if kind == "ranking":
        return prefix(key) + rank_field(1)
    if kind == "budget_allocation":
        lines = (question.get("budget") or {}).get("lines") or [{"key": ""}]
        return prefix(key) + line_field(lines[0]["key"])
    return prefix(key) + ANSWER


def own_fields(question: Mapping[str, Any], form: Form) -> dict[str, list[str]]:
    """The question's fields without their prefix, as its one-question page would post them."""
    start = prefix(question["key"])
    return {name[len(start):]: values for name, values in form.items() if name.startswith(start)}


@dataclass
class Entry:
    """The response read from the form, or what is wrong with it (field id -> message to translate)."""

    body: dict[str, Any] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)


def read_entry(questions: Sequence[Mapping[str, Any]], form: Form) -> Entry:
    entry = Entry()
    entry.body["channel"] = _channel(_one(form, "channel"), entry.problems)
    received = _received_on(form, entry.problems)
    if received:
        entry.body["received_on"] = received.isoformat()
    entry.body["answers"] = _answers(questions, form, entry)
    postcode = _one(form, "postcode").upper()
    entry.body["postcode"] = postcode or None
    entry.body["publish_consent"] = _one(form, "publish_consent") == "yes"
    equality = _equality(form, entry.problems)
    if equality:
        entry.body["equality"] = equality
    return entry


def _one(form: Form, name: str) -> str:
    values = form.get(name) or [""]
    return values[0].strip()


def _channel(given: str, problems: dict[str, str]) -> str:
    if given not in ASSISTED_CHANNELS:
        problems["channel"] = N_("Select how the response came in")
    return given


def _received_on(form: Form, problems: dict[str, str]) -> date | None:
    parts = [_one(form, f"received-{part}") for part in ("day", "month", "year")]
    if not any(parts):
        return None
    numbers = [reading.whole(part, 0, 9999) for part in parts]
    if None in numbers:
        problems["received-day"] = N_("Enter the date received as a day, month and year, like 27 3 2026")
        return None
    try:
        day = date(numbers[2], numbers[1], numbers[0])  # type: ignore[arg-type]
    except ValueError:
        problems["received-day"] = N_("Enter a real date")
        return None
    if day > date.today():
        problems["received-day"] = N_("The date received must be today or in the past")
    return day


def _answers(questions: Sequence[Mapping[str, Any]], form: Form, entry: Entry) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in questions:
        own = own_fields(question, form)
        reading = read_answer(question, own)
        entry.values[question["key"]] = posted_values(question, own)
        for problem in reading.problems:
            entry.problems[prefix(question["key"]) + problem.field] = problem.message
        if reading.value is not None:
            answers[question["key"]] = reading.value
    return answers


def _equality(form: Form, problems: dict[str, str]) -> dict[str, Any] | None:
    bands = {name: _one(form, name) for name in BANDS if _one(form, name) in BANDS[name]}
    consent = _one(form, "equality_consent") == "yes"
    if bands and not consent:
        problems["equality_consent"] = N_("Equality answers are kept only with the resident's consent: confirm it "
                                          "or leave the equality answers blank")
        return None
    return {"consent": True, **bands} if bands else None


def service_problems(questions: Sequence[Mapping[str, Any]], errors: Mapping[str, str]) -> dict[str, str]:
    """The service's 422, each problem moved to the field it names (a question's first input, where it is one)."""
    fields = {question["key"]: first_field(question) for question in questions}
    fields |= {"received_on": "received-day", "consent": "equality_consent"}
    return {fields.get(name, name or "channel"): message for name, message in errors.items()}
