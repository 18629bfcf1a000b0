"""The consultation service's verdict on an answer, said on the question's page: each problem it located
(``loc``: body, answers, question key, then the part of a structured answer) put against the field that shows it,
in words of the page's language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from peel.web.domain.answers import ANSWER, PRECEPT_CHANGE, Problem, Question, line_field, rank_field, shown

FieldProblem = Mapping[str, Any]  # {"loc": [...], "msg": ..., "type": ...}
NOT_ASKED = "not_asked"


def N_(message: str) -> str:  # noqa: N802 - the gettext marker
    return message


MISSING = {
    "single_choice": N_("Select an answer"), "rating": N_("Select an answer"),
    "multi_choice": N_("Select at least one option"), "free_text": N_("Enter your answer"),
    "ranking": N_("Choose an option for each rank"), "number": N_("Enter a number"),
    "budget_allocation": N_("Enter a change for every line"),
}


def question_key(problem: FieldProblem) -> str | None:
    loc = [str(part) for part in problem.get("loc", [])]
    return loc[2] if len(loc) > 2 and loc[:2] == ["body", "answers"] else None


def problems_of(question: Question, found: Iterable[FieldProblem]) -> list[Problem]:
    """The problems the service found with ``question``'s answer, routing aside."""
    return [_problem(question, [str(part) for part in problem["loc"][3:]], problem)
            for problem in found if question_key(problem) == question["key"] and problem.get("type") != NOT_ASKED]


def routed_away(found: Iterable[FieldProblem]) -> set[str]:
    """The questions routing no longer shows, whose answers must be let go."""
    return {key for problem in found if problem.get("type") == NOT_ASKED and (key := question_key(problem))}


def _problem(question: Question, part: list[str], problem: FieldProblem) -> Problem:
    kind, code = question["type"], problem.get("type")
    first = rank_field(1) if kind == "ranking" else _first_line(question) if kind == "budget_allocation" else ANSWER
    if kind == "budget_allocation":
        return _budget_problem(question, part, code, first) or Problem(first, problem["msg"], in_english=True)
    if code == "missing":
        return Problem(first, MISSING.get(kind, MISSING["free_text"]))
    return _invalid(question, first) or Problem(first, problem["msg"], in_english=True)


def _invalid(question: Question, field: str) -> Problem | None:
    kind = question["type"]
    if kind in {"single_choice", "rating"}:
        return Problem(field, MISSING[kind])
    if kind == "free_text" and question.get("max_length"):
        return Problem(field, N_("Your answer must be %(max)s characters or fewer"), {"max": question["max_length"]})
    if kind == "number" and question.get("range"):
        return _number_problem(question["range"], field)
    if kind == "multi_choice":
        low, high = question.get("min_selections") or 1, question.get("max_selections") or len(question["options"])
        if low == 1:
            return Problem(field, N_("Select no more than %(high)s options"), {"high": high})
        return Problem(field, N_("Select between %(low)s and %(high)s options"), {"low": low, "high": high})
    if kind == "ranking":
        if question.get("min_ranked"):
            return Problem(field, N_("Rank at least %(low)s options"), {"low": question["min_ranked"]})
        return Problem(field, N_("Rank all %(count)s options"), {"count": len(question["options"])})
    return None


def _number_problem(allowed: Mapping[str, Any], field: str) -> Problem:
    values = {"low": shown(allowed["minimum"]), "high": shown(allowed["maximum"])}
    if allowed.get("integer_only"):
        return Problem(field, N_("Enter a whole number between %(low)s and %(high)s"), values)
    return Problem(field, N_("Enter a number between %(low)s and %(high)s"), values)


def _budget_problem(question: Question, part: list[str], code: str | None, first: str) -> Problem | None:
    budget = question.get("budget") or {}
    if code == "unbalanced":
        return Problem(first, N_("Your changes do not balance yet: change them until the total is within "
                                 "£%(tolerance)s of the target"), {"tolerance": shown(budget.get("tolerance"))})
    if part[:1] == ["precept_change"] and budget.get("precept"):
        return Problem(PRECEPT_CHANGE, N_("Enter an amount from £0 to £%(high)s a year, in whole pence"),
                       {"high": shown(budget["precept"]["max_change"])})
    line = next((line for line in budget.get("lines", []) if part[1:2] == [line["key"]]), None)
    if part[:1] == ["changes_percent"] and line:
        return Problem(line_field(line["key"]), N_("Enter a change between %(low)s%% and %(high)s%%, in steps of "
                                                   "%(step)s%%"),
                       {"low": shown(line["min_change_percent"]), "high": shown(line["max_change_percent"]),
                        "step": shown(line["step_percent"])})
    return None


def _first_line(question: Question) -> str:
    lines = (question.get("budget") or {}).get("lines") or [{"key": "none"}]
    return line_field(lines[0]["key"])
