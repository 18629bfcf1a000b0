"""A question page's form read as the answer the consultation service takes, and an answer put back into the form.

Only what a form cannot say is checked here (a number that is not a number, an option ranked twice); every rule
of the question itself (required, limits, balance, routing) is the consultation service's, through its check call.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

Question = Mapping[str, Any]  # a QuestionPublic of the consultation service
Form = Mapping[str, list[str]]  # each field's values, as posted
ANSWER = "answer"  # the field (and the id of its first input) of a one-field question
PRECEPT_CHANGE = "precept-change"
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def N_(message: str) -> str:  # noqa: N802 - the gettext marker
    return message


@dataclass(frozen=True)
class Problem:
    """What is wrong with one field: a message to translate (with its values), or the service's own words."""

    field: str
    message: str
    values: dict[str, Any] = field(default_factory=dict)
    in_english: bool = False  # the service's message, shown as it came

    def as_dict(self) -> dict[str, Any]:
        return {"href": f"#{self.field}", "message": self.message, "values": self.values, "en": self.in_english}


@dataclass(frozen=True)
class Reading:
    """The answer a form gives (None when left blank) or why it cannot be read."""

    value: Any
    problems: tuple[Problem, ...] = ()


def line_field(key: str) -> str:
    return f"line-{key}"


def rank_field(rank: int) -> str:
    return f"rank-{rank}"


def read_answer(question: Question, form: Form) -> Reading:
    reader = _READERS.get(question["type"], _one_text)
    return reader(question, form)


def _first(form: Form, name: str) -> str:
    values = form.get(name) or [""]
    return values[0].strip()


def _one_text(question: Question, form: Form) -> Reading:
    return Reading(_first(form, ANSWER) or None)


def _rating(question: Question, form: Form) -> Reading:
    given = _first(form, ANSWER)
    return Reading(int(given) if re.fullmatch(r"-?\d+", given) else (given or None))


def _multi(question: Question, form: Form) -> Reading:
    chosen = [value for value in form.get(ANSWER, []) if value]
    return Reading(chosen or None)


def _number(question: Question, form: Form) -> Reading:
    given = _first(form, ANSWER).replace(",", "").replace("£", "")
    if not given:
        return Reading(None)
    if not NUMBER.match(given):
        return Reading(None, (Problem(ANSWER, N_("Enter a number")),))
    return Reading(figure(given))


def _ranking(question: Question, form: Form) -> Reading:
    order: list[str] = []
    for rank in range(1, len(question.get("options") or []) + 1):
        key = _first(form, rank_field(rank))
        if key and key in order:
            return Reading(None, (Problem(rank_field(rank), N_("You chose the same option twice: choose each "
                                                                 "option only once")),))
        if key:
            order.append(key)
    return Reading(order or None)


def _budget(question: Question, form: Form) -> Reading:
    budget = question.get("budget") or {}
    changes: dict[str, Any] = {}
    problems: list[Problem] = []
    for line in budget.get("lines", []):
        given = _first(form, line_field(line["key"])).replace("%", "") or "0"
        if NUMBER.match(given):
            changes[line["key"]] = figure(given)
        else:
            problems.append(Problem(line_field(line["key"]), N_("Enter the change as a number of per cent")))
    value: dict[str, Any] = {"changes_percent": changes}
    if budget.get("precept"):
        given = _first(form, PRECEPT_CHANGE).replace("£", "") or "0"
        if NUMBER.match(given):
            value["precept_change"] = figure(given)
        else:
            problems.append(Problem(PRECEPT_CHANGE, N_("Enter the change in pounds, like 5 or 12.50")))
    return Reading(None if problems else value, tuple(problems))


def figure(text: str) -> int | float:
    """A number as posted: whole numbers stay whole (5, not 5.0)."""
    number = float(text)
    return int(number) if number.is_integer() and "." not in text else number


_READERS = {
    "single_choice": _one_text, "free_text": _one_text, "multi_choice": _multi, "rating": _rating,
    "number": _number, "ranking": _ranking, "budget_allocation": _budget,
}


def form_values(question: Question, answer: Any) -> dict[str, Any]:
    """The form's fields for a stored answer, so a resident coming back sees what they gave."""
    kind = question["type"]
    if answer is None:
        return {"changes": {}, "ranks": {}} if kind in {"budget_allocation", "ranking"} else {}
    if kind == "ranking":
        return {"ranks": {rank_field(rank): key for rank, key in enumerate(answer, start=1)}}
    if kind == "budget_allocation":
        changes = {line_field(key): shown(change) for key, change in answer.get("changes_percent", {}).items()}
        return {"changes": changes, PRECEPT_CHANGE: shown(answer.get("precept_change"))}
    if kind == "multi_choice":
        return {ANSWER: list(answer)}
    return {ANSWER: shown(answer)}


def posted_values(question: Question, form: Form) -> dict[str, Any]:
    """The form's fields as the resident entered them, to show again beside an error."""
    kind = question["type"]
    if kind == "ranking":
        return {"ranks": {name: _first(form, name) for name in form if name.startswith("rank-")}}
    if kind == "budget_allocation":
        return {"changes": {name: _first(form, name) for name in form if name.startswith("line-")},
                PRECEPT_CHANGE: _first(form, PRECEPT_CHANGE)}
    if kind == "multi_choice":
        return {ANSWER: list(form.get(ANSWER, []))}
    return {ANSWER: (form.get(ANSWER) or [""])[0]}


def shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def option_text(question: Question, key: str) -> Mapping[str, Any] | str:
    """An option's text (LocalisedText), or its key when the question no longer offers it."""
    return next((option["text"] for option in question.get("options") or [] if option["key"] == key), key)
