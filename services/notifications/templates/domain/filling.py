"""Filling a template's wording with a message's values, in one language.

``((name))`` takes the value (``name_cy`` in Welsh when given); a list value becomes bullet points; a date is
written out in the language, in UK time; ``((name??text))`` shows the text when the value is yes. A value
whose placeholder asks for sanitising loses its links. A placeholder without a value stays as it is and is
reported, so that a preview can show what is missing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime

from peel.common.working_days import LONDON
from peel.notifications.templates.domain.template_parts import Kind, Template

PLACEHOLDER = re.compile(r"\(\((\w+)(?:\?\?(.*?))?\)\)", re.DOTALL)
LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
BULLET = "• "
YES = frozenset({"yes", "y", "true", "1", "ie", "do"})
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
CY_MONTHS = ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref",
             "Tachwedd", "Rhagfyr")

Value = str | Sequence[str]
Values = Mapping[str, Value]


def used_names(text: str) -> list[tuple[str, bool]]:
    """Each placeholder the text uses, and whether that use is conditional (``((name??text))``)."""
    return [(match.group(1), match.group(2) is not None) for match in PLACEHOLDER.finditer(text)]


def language_values(template: Template, values: Values, language: str) -> dict[str, Value]:
    """The value of each placeholder given, as the ``language`` part shows it."""
    filled: dict[str, Value] = {}
    for placeholder in template.placeholders:
        if placeholder.name not in values:
            continue
        value = values[placeholder.name]
        if language == "cy" and placeholder.kind is not Kind.DATETIME:
            value = values.get(f"{placeholder.name}_cy", value)
        if placeholder.kind is Kind.DATETIME and isinstance(value, str):
            value = when(value, language) or value
        filled[placeholder.name] = without_links(value) if placeholder.sanitise else value
    return filled


def fill(text: str, values: Mapping[str, Value]) -> tuple[str, tuple[str, ...]]:
    """The text with its placeholders filled, and the names left unfilled."""
    missing: list[str] = []

    def replace(match: re.Match[str]) -> str:
        name, shown = match.group(1), match.group(2)
        if shown is not None:
            return shown if _yes(values.get(name)) else ""
        if name not in values:
            missing.append(name)
            return match.group(0)
        return _text(values[name])

    return PLACEHOLDER.sub(replace, text), tuple(dict.fromkeys(missing))


def _yes(value: Value | None) -> bool:
    return isinstance(value, str) and value.strip().lower() in YES


def _text(value: Value) -> str:
    if isinstance(value, str):
        return value
    return "\n" + "\n".join(f"{BULLET}{item}" for item in value) + "\n"


def without_links(value: Value) -> Value:
    if isinstance(value, str):
        return LINK.sub("", value)
    return [LINK.sub("", item) for item in value]


def moment(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def when(value: str, language: str) -> str | None:
    """``10 January 2027 at 09:00`` or ``10 Ionawr 2027 am 09:00``, UK time; ``None`` if it is not a moment."""
    parsed = moment(value)
    if parsed is None:
        return None
    local = parsed.astimezone(LONDON)
    months, at = (CY_MONTHS, "am") if language == "cy" else (EN_MONTHS, "at")
    return f"{local.day} {months[local.month - 1]} {local.year} {at} {local:%H:%M}"
