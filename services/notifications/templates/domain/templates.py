"""Bilingual email templates: each message shows English, then Welsh, filled from its personalisation.

Every template other services may ask for is here, the consultation receipt and the scheduling service's
emails; ``template_parts`` says what one is made of.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from peel.common.errors import FieldError, InvalidInput
from peel.common.working_days import LONDON
from peel.notifications.templates.domain.scheduling_templates import SCHEDULING_TEMPLATES
from peel.notifications.templates.domain.template_parts import Bilingual, Kind, Placeholder, Template

PLACEHOLDER = re.compile(r"\(\((\w+)\)\)")
LONGEST_VALUE = 2000
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
CY_MONTHS = ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref",
             "Tachwedd", "Rhagfyr")


@dataclass(frozen=True, slots=True)
class Rendered:
    subject: str
    body: str


CONSULTATION_RECEIPT = Template(
    key="consultation_receipt",
    subject=Bilingual("Your response to ((consultation_title))", "Eich ymateb i ((consultation_title))"),
    body=Bilingual(
        "Thank you for responding to ((consultation_title)).\n\nYour response reference: ((response_id))\n"
        "We received it on ((submitted_at)).\n\n((withdrawal_instructions))",
        "Diolch am ymateb i ((consultation_title)).\n\nCyfeirnod eich ymateb: ((response_id))\n"
        "Cawsom eich ymateb ar ((submitted_at)).\n\n((withdrawal_instructions))",
    ),
    placeholders=(Placeholder("consultation_title"), Placeholder("response_id"),
                  Placeholder("submitted_at", Kind.DATETIME), Placeholder("withdrawal_instructions", Kind.TEXT)),
)


TEMPLATES = {template.key: template for template in (CONSULTATION_RECEIPT, *SCHEDULING_TEMPLATES)}


def template_for(key: str) -> Template:
    if key not in TEMPLATES:
        raise InvalidInput([FieldError(("template",), f"no template {key!r}; choose from {sorted(TEMPLATES)}")])
    return TEMPLATES[key]


def check_personalisation(template: Template, values: Mapping[str, str]) -> None:
    """Every placeholder filled, nothing else given, each value well formed; each failing key is named."""
    errors = [FieldError(("personalisation", name), "no such placeholder in this template")
              for name in sorted(set(values) - template.allowed())]
    for placeholder in template.placeholders:
        errors.extend(_value_errors(placeholder, values))
    if errors:
        raise InvalidInput(errors)


def _value_errors(placeholder: Placeholder, values: Mapping[str, str]) -> list[FieldError]:
    if placeholder.name not in values:
        return [FieldError(("personalisation", placeholder.name), "is required by this template", "missing")]
    return [FieldError(("personalisation", name), reason) for name in placeholder.names()
            if name in values and (reason := _invalid(placeholder.kind, values[name]))]


def _invalid(kind: Kind, value: str) -> str | None:
    if not value.strip():
        return "must not be blank"
    if len(value) > LONGEST_VALUE:
        return f"is {len(value)} characters long; the limit is {LONGEST_VALUE}"
    if kind is Kind.LINE and ("\n" in value or "\r" in value):
        return "must be a single line"
    if kind is Kind.DATETIME and _moment(value) is None:
        return "must be a date and time with its UTC offset, e.g. 2027-01-10T09:00:00Z"
    return None


def render(template: Template, values: Mapping[str, str]) -> Rendered:
    """English first, then Welsh, in the subject and in the body."""
    en, cy = _language_values(template, values, "en"), _language_values(template, values, "cy")
    subject = f"{_fill(template.subject.en, en)} / {_fill(template.subject.cy, cy)}"
    return Rendered(subject, f"{_fill(template.body.en, en)}\n\n---\n\n{_fill(template.body.cy, cy)}\n")


def _language_values(template: Template, values: Mapping[str, str], language: str) -> dict[str, str]:
    filled = {}
    for placeholder in template.placeholders:
        value = values[placeholder.name]
        if language == "cy":
            value = values.get(f"{placeholder.name}_cy", value)
        filled[placeholder.name] = _when(value, language) if placeholder.kind is Kind.DATETIME else value
    return filled


def _fill(text: str, values: Mapping[str, str]) -> str:
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], text)


def _moment(value: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _when(value: str, language: str) -> str:
    """``10 January 2027 at 09:00`` or ``10 Ionawr 2027 am 09:00``, UK time."""
    moment = _moment(value)
    assert moment is not None, "checked when the message was created"
    local = moment.astimezone(LONDON)
    months, at = (CY_MONTHS, "am") if language == "cy" else (EN_MONTHS, "at")
    return f"{local.day} {months[local.month - 1]} {local.year} {at} {local:%H:%M}"
