"""One question's form on the builder: read into the service's body (by the question's type), and the body shown
back as the form's fields for editing.

Numbers are read with ``reading`` so nothing typed can fail the page; the service checks every body again."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from peel.web.domain.staff import reading
from peel.web.domain.staff.consultation_builder import bilingual, slug
from peel.web.domain.staff.messages import N_

BUDGET_ROWS = 3
Problems = dict[str, str]


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
    found = reading.whole(given, 1, len(details.get("options", [])))
    return False if found is None else found


def _free_text(form: dict[str, str], before: dict[str, Any]) -> tuple[dict[str, Any], Problems]:
    most = reading.whole(form.get("max-length", "") or "2000", 1, 20_000)
    if most is None:
        return {}, {"max-length": N_("Enter the longest answer allowed, from 1 to 20000 characters")}
    return {"max_length": most}, {}


def _rating(form: dict[str, str], before: dict[str, Any]) -> tuple[dict[str, Any], Problems]:
    low = reading.signed_whole(form.get("scale-min", ""), -100, 100)
    high = reading.signed_whole(form.get("scale-max", ""), -100, 100)
    if low is None or high is None or low >= high or high - low > 20:
        return {}, {"scale-min": N_("Enter a scale from a lower to a higher whole number, such as 1 to 5")}
    kept = {point: text for point, text in ((before.get("scale") or {}).get("labels") or {}).items()
            if low < int(point) < high}
    labels = kept | {str(point): text for point, name in ((low, "label-min"), (high, "label-max"))
                     if (text := bilingual(form, name))}
    return {"scale": {"minimum": low, "maximum": high, "labels": labels}}, {}


def _number(form: dict[str, str], before: dict[str, Any]) -> tuple[dict[str, Any], Problems]:
    low, high = reading.decimal(form.get("range-min", "")), reading.decimal(form.get("range-max", ""))
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
    target, tolerance = reading.decimal(form.get("target", "")), reading.decimal(form.get("tolerance", "") or "0")
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
    numbers = [reading.decimal(form.get(f"line-{n}-{part}", "")) for part in ("spend", "min", "max", "step")]
    spend, low, high, step = numbers
    if None in numbers or spend < 0 or low > 0 or high < 0 or step <= 0:  # type: ignore[operator]
        return None, {f"line-{n}-spend": N_("Enter the line's spend now (pounds), its lowest and highest change "
                                            "(per cent) and the step (per cent)")}
    key = old["key"] if old else slug(name["en"], taken, "line")
    return {"key": key, "text": name, "current_spend": str(spend), "min_change_percent": str(low),
            "max_change_percent": str(high), "step_percent": str(step),
            "consequences": (old or {}).get("consequences") or []}, {}


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
