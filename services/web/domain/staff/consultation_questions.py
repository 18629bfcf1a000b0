"""A consultation's questions as the builder edits them: each type's form read into the service's body and back,
their order, and routing ("show this question only if an earlier answer is ...").

The service replaces a draft's whole list of questions on each save, so every change here answers the new list."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from peel.web.domain.staff.consultation_builder import bilingual, slug
from peel.web.domain.staff.messages import N_

TYPES = {"single_choice": N_("Choose one option"), "multi_choice": N_("Choose one or more options"),
         "free_text": N_("Free text"), "rating": N_("Rating on a scale"), "ranking": N_("Put options in order"),
         "number": N_("A number"), "budget_allocation": N_("Budget allocation")}
CHOICES = ("single_choice", "multi_choice")
WITH_OPTIONS = ("single_choice", "multi_choice", "ranking")
DETAILS = ("options", "min_selections", "max_selections", "max_length", "scale", "range", "min_ranked", "budget")
BUDGET_ROWS = 3
Problems = dict[str, str]


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


def read_question(form: dict[str, str], kind: str, before: dict[str, Any] | None,
                  taken: set[str]) -> tuple[dict[str, Any], Problems]:
    """The body of one question from its form; ``before`` is the question being edited (its keys are kept)."""
    text = bilingual(form, "text")
    problems: Problems = {} if text else {"text-en": N_("Enter the question in English")}
    key = before["key"] if before else slug(text["en"] if text else "", taken, "question")
    body: dict[str, Any] = {"key": key, "type": kind, "text": text or {}, "required": form.get("required") == "yes"}
    if before and before.get("show_if"):
        body["show_if"] = before["show_if"]
    details, more = READERS[kind](form, before or {})
    return body | details, problems | more


def _options(form: dict[str, str], before: dict[str, Any]) -> tuple[dict[str, Any], Problems]:
    english = [line.strip() for line in form.get("options-en", "").splitlines() if line.strip()]
    welsh = [line.strip() for line in form.get("options-cy", "").splitlines()]
    if len(english) < 2:
        return {}, {"options-en": N_("Enter at least two options in English, one on each line")}
    kept = [option["key"] for option in before.get("options") or []]
    taken: set[str] = set()
    options = []
    for n, words in enumerate(english):
        key = kept[n] if n < len(kept) and kept[n] not in taken else slug(words, taken, "option")
        taken.add(key)
        cy = welsh[n].strip() if n < len(welsh) and welsh[n].strip() else None
        options.append({"key": key, "text": {"en": words, "cy": cy} if cy else {"en": words}})
    return {"options": options}, {}


def _multi(form: dict[str, str], before: dict[str, Any]) -> tuple[dict[str, Any], Problems]:
    details, problems = _options(form, before)
    fewest, most = _count(form, "min-selections", details), _count(form, "max-selections", details)
    if fewest is False or most is False or (fewest and most and fewest > most):
        problems["max-selections"] = N_("Enter how many options a resident may choose, or leave it blank")
    details |= {name: value for name, value in (("min_selections", fewest), ("max_selections", most)) if value}
    return details, problems


def _ranking(form: dict[str, str], before: dict[str, Any]) -> tuple[dict[str, Any], Problems]:
    details, problems = _options(form, before)
    fewest = _count(form, "min-ranked", details)
    if fewest is False:
        problems["min-ranked"] = N_("Enter how many options a resident must put in order, or leave it blank")
    elif fewest:
        details["min_ranked"] = fewest
    return details, problems


def _count(form: dict[str, str], name: str, details: dict[str, Any]) -> int | bool | None:
    """A number of the options from 1 to all of them; ``None`` when blank, ``False`` when no such number."""
    given = form.get(name, "")
    if not given:
        return None
    return int(given) if given.isdigit() and 1 <= int(given) <= len(details.get("options", [])) else False


def _free_text(form: dict[str, str], before: dict[str, Any]) -> tuple[dict[str, Any], Problems]:
    most = form.get("max-length", "") or "2000"
    if not most.isdigit() or not 1 <= int(most) <= 20_000:
        return {}, {"max-length": N_("Enter the longest answer allowed, from 1 to 20000 characters")}
    return {"max_length": int(most)}, {}


def _rating(form: dict[str, str], before: dict[str, Any]) -> tuple[dict[str, Any], Problems]:
    low, high = _whole(form.get("scale-min", "")), _whole(form.get("scale-max", ""))
    if low is None or high is None or not -100 <= low < high <= 100 or high - low > 20:
        return {}, {"scale-min": N_("Enter a scale from a lower to a higher whole number, such as 1 to 5")}
    kept = {point: text for point, text in ((before.get("scale") or {}).get("labels") or {}).items()
            if low < int(point) < high}
    labels = kept | {str(point): text for point, name in ((low, "label-min"), (high, "label-max"))
                     if (text := bilingual(form, name))}
    return {"scale": {"minimum": low, "maximum": high, "labels": labels}}, {}


def _number(form: dict[str, str], before: dict[str, Any]) -> tuple[dict[str, Any], Problems]:
    low, high = _amount(form.get("range-min", "")), _amount(form.get("range-max", ""))
    if low is None or high is None or low >= high:
        return {}, {"range-min": N_("Enter the smallest and largest numbers allowed, the smallest first")}
    allowed = {"minimum": float(low), "maximum": float(high), "integer_only": form.get("integer-only") == "yes"}
    return {"range": allowed | ({"unit": form["unit"]} if form.get("unit") else {})}, {}


def _budget(form: dict[str, str], before: dict[str, Any]) -> tuple[dict[str, Any], Problems]:
    old = (before.get("budget") or {}).get("lines") or []
    lines, problems = [], {}
    for n in range(len(old) + BUDGET_ROWS):
        line, problem = _budget_line(form, n, old[n] if n < len(old) else None, {line["key"] for line in lines})
        lines += [line] if line else []
        problems |= problem
    target, tolerance = _amount(form.get("target", "")), _amount(form.get("tolerance", "") or "0")
    if target is None:
        problems["target"] = N_("Enter the change in spending to reach, in pounds (negative to save)")
    if tolerance is None or tolerance < 0:
        problems["tolerance"] = N_("Enter how far from the target still balances, in pounds")
    if not lines:
        problems.setdefault("line-0-en", N_("Enter at least one budget line"))
    budget = {"lines": lines, "target_change": str(target), "tolerance": str(tolerance)}
    if (before.get("budget") or {}).get("precept"):
        budget["precept"] = before["budget"]["precept"]
    return {"budget": budget}, problems


def _budget_line(form: dict[str, str], n: int, old: dict[str, Any] | None,
                 taken: set[str]) -> tuple[dict[str, Any] | None, Problems]:
    name = bilingual(form, f"line-{n}")
    if name is None:
        return None, {}
    numbers = [_amount(form.get(f"line-{n}-{part}", "")) for part in ("spend", "min", "max", "step")]
    spend, low, high, step = numbers
    if None in numbers or spend < 0 or low > 0 or high < 0 or step <= 0:  # type: ignore[operator]
        return None, {f"line-{n}-spend": N_("Enter the line's spend now (pounds), its lowest and highest change "
                                            "(per cent) and the step (per cent)")}
    key = old["key"] if old else slug(name["en"], taken, "line")
    return {"key": key, "text": name, "current_spend": str(spend), "min_change_percent": str(low),
            "max_change_percent": str(high), "step_percent": str(step),
            "consequences": (old or {}).get("consequences") or []}, {}


def _whole(text: str) -> int | None:
    return int(text) if text.lstrip("-").isdigit() else None


def _amount(text: str) -> Decimal | None:
    try:
        found = Decimal(text.replace("£", "").replace(",", ""))
    except InvalidOperation:
        return None
    return found if found.is_finite() else None


READERS = {"single_choice": _options, "multi_choice": _multi, "ranking": _ranking, "free_text": _free_text,
           "rating": _rating, "number": _number, "budget_allocation": _budget}


def question_form(q: dict[str, Any]) -> dict[str, str]:
    """A question's fields as its edit form shows them."""
    form = {"text-en": q["text"]["en"], "text-cy": q["text"].get("cy") or "",
            "required": "yes" if q.get("required") else "no"}
    options = q.get("options") or []
    form |= {"options-en": "\n".join(o["text"]["en"] for o in options),
             "options-cy": "\n".join(o["text"].get("cy") or "" for o in options)}
    form |= _scale_form(q.get("scale")) | _range_form(q.get("range")) | _budget_form(q.get("budget"))
    form |= {name: str(q.get(name.replace("-", "_")) or "")
             for name in ("max-length", "min-selections", "max-selections", "min-ranked")}
    return form


def _scale_form(scale: dict[str, Any] | None) -> dict[str, str]:
    if not scale:
        return {"scale-min": "1", "scale-max": "5"}
    labels = scale.get("labels") or {}
    form = {"scale-min": str(scale["minimum"]), "scale-max": str(scale["maximum"])}
    for name, point in (("label-min", scale["minimum"]), ("label-max", scale["maximum"])):
        label = labels.get(str(point)) or {}
        form |= {f"{name}-en": label.get("en") or "", f"{name}-cy": label.get("cy") or ""}
    return form


def _range_form(allowed: dict[str, Any] | None) -> dict[str, str]:
    if not allowed:
        return {}
    return {"range-min": _plain(allowed["minimum"]), "range-max": _plain(allowed["maximum"]),
            "unit": allowed.get("unit") or "", "integer-only": "yes" if allowed.get("integer_only") else ""}


def _budget_form(budget: dict[str, Any] | None) -> dict[str, str]:
    if not budget:
        return {"tolerance": "0"}
    form = {"target": _plain(budget["target_change"]), "tolerance": _plain(budget["tolerance"])}
    for n, line in enumerate(budget["lines"]):
        form |= {f"line-{n}-en": line["text"]["en"], f"line-{n}-cy": line["text"].get("cy") or "",
                 f"line-{n}-spend": _plain(line["current_spend"]), f"line-{n}-min": _plain(line["min_change_percent"]),
                 f"line-{n}-max": _plain(line["max_change_percent"]), f"line-{n}-step": _plain(line["step_percent"])}
    return form


def _plain(number: Any) -> str:
    return format(Decimal(str(number)).normalize(), "f")


def budget_rows(q: dict[str, Any] | None) -> int:
    return len(((q or {}).get("budget") or {}).get("lines") or []) + BUDGET_ROWS


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
