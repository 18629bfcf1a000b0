"""A consultation's questions as the builder edits them: their types, their order, and routing ("show this question
only if an earlier answer is ..."). Each type's form is read in ``consultation_question_form``.

The service replaces a draft's whole list of questions on each save, so every change here answers the new list."""

from __future__ import annotations

from typing import Any

from peel.web.domain.staff.messages import N_

TYPES = {"single_choice": N_("Choose one option"), "multi_choice": N_("Choose one or more options"),
         "free_text": N_("Free text"), "rating": N_("Rating on a scale"), "ranking": N_("Put options in order"),
         "number": N_("A number"), "budget_allocation": N_("Budget allocation")}
CHOICES = ("single_choice", "multi_choice")
WITH_OPTIONS = ("single_choice", "multi_choice", "ranking")
DETAILS = ("options", "min_selections", "max_selections", "max_length", "scale", "range", "min_ranked", "budget")


def kind_keys(consultation: dict[str, Any]) -> set[str]:
    """The questions a kind asks of itself (a Plan section's rating and comment, the precept's choice): they come
    first, follow their sections or precept, and are not edited as questions."""
    if consultation["kind"] == "draft_plan":
        return {f"{s['key']}_{part}" for s in consultation.get("sections") or [] for part in ("support", "comment")}
    return {"precept_option"} if consultation["kind"] == "precept" else set()


def written(consultation: dict[str, Any]) -> list[dict[str, Any]]:
    """The questions staff wrote, in order: what the service takes as a draft's ``questions``."""
    own = kind_keys(consultation)
    return [q for q in consultation["questions"] if q["key"] not in own]


def as_body(question: dict[str, Any]) -> dict[str, Any]:
    """A question as the service shows it, turned back into the body that creates it (empty fields left out)."""
    body = {key: question[key] for key in ("key", "type", "text", "required")}
    body |= {key: question[key] for key in DETAILS if question.get(key) not in (None, [], {})}
    if question.get("show_if"):
        body["show_if"] = question["show_if"]
    return _without_nulls(body)


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_nulls(item) for item in value]
    return value


def bodies(questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [as_body(question) for question in questions]


def replaced(questions: list[dict[str, Any]], body: dict[str, Any]) -> list[dict[str, Any]]:
    """The list with ``body`` in its question's place, or added at the end when new."""
    found = [q["key"] for q in questions]
    if body["key"] in found:
        return [body if q["key"] == body["key"] else as_body(q) for q in questions]
    return [*bodies(questions), body]


def moved(questions: list[dict[str, Any]], key: str, step: int) -> list[dict[str, Any]]:
    """The list with the question one place up (``-1``) or down (``1``); routing still points only backwards."""
    order = bodies(questions)
    at = next(n for n, q in enumerate(order) if q["key"] == key)
    to = min(max(at + step, 0), len(order) - 1)
    order.insert(to, order.pop(at))
    return order


def routing_problem(questions: list[dict[str, Any]], before: set[str] | frozenset[str] = frozenset()) -> str | None:
    """Why this order cannot be: a question shown by an answer that now comes after it (``before``: asked first)."""
    seen = set(before)
    for q in questions:
        rule = q.get("show_if")
        if rule and rule["question"] not in seen:
            return N_("A question can only depend on an earlier question: move the routing first")
        seen.add(q["key"])
    return None


def removed(questions: list[dict[str, Any]], key: str) -> tuple[list[dict[str, Any]], str | None]:
    """The list without the question, or why not (the last question, or one others depend on)."""
    if len(questions) <= 1:
        return [], N_("A consultation needs at least one question: add another before removing this one")
    if any((q.get("show_if") or {}).get("question") == key for q in questions):
        return [], N_("Another question is shown only after an answer to this one: change its routing first")
    return [as_body(q) for q in questions if q["key"] != key], None


def routing_choices(questions: list[dict[str, Any]], key: str) -> list[tuple[str, str, dict[str, Any]]]:
    """The answers that may show ``key``: (value ``question:option``, question text, option text), earlier only."""
    found = []
    for q in questions:
        if q["key"] == key:
            break
        if q["type"] in CHOICES:
            found += [(f"{q['key']}:{o['key']}", q["text"]["en"], o["text"]) for o in q["options"]]
    return found


def with_routing(questions: list[dict[str, Any]], key: str, answer: str,
                 own: set[str] | frozenset[str] = frozenset()) -> tuple[list[dict[str, Any]], str | None]:
    """The written questions with ``key`` shown always (``answer`` "always") or only after the chosen earlier
    answer (of any question, the kind's own included: ``own``)."""
    allowed = {value for value, _, _ in routing_choices(questions, key)}
    if answer != "always" and answer not in allowed:
        return [], N_("Choose when to show this question")
    order = bodies([q for q in questions if q["key"] not in own])
    for q in order:
        if q["key"] == key:
            q.pop("show_if", None)
            if answer != "always":
                question, option = answer.split(":", 1)
                q["show_if"] = {"question": question, "equals": option}
    return order, None
