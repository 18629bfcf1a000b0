"""Built-in bilingual templates, checking a message's values against a template, and the classic rendering.

Every template other services ask for by key is here (the consultation receipt and the scheduling service's
emails): each is version 1 of every tenant's template of that key, and a tenant may add later versions.
``template_parts`` says what a template is made of; ``rendering`` renders one in an office's layout.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from peel.common.errors import FieldError, InvalidInput
from peel.notifications.contacts.domain.consents import Channel
from peel.notifications.templates.domain.council_templates import COUNCIL_TEMPLATES
from peel.notifications.templates.domain.filling import PLACEHOLDER, Value, moment
from peel.notifications.templates.domain.layouts import Layout
from peel.notifications.templates.domain.rendering import content_of, render_parts
from peel.notifications.templates.domain.scheduling_templates import SCHEDULING_TEMPLATES
from peel.notifications.templates.domain.template_parts import Bilingual, Kind, Placeholder, Template

__all__ = ["PLACEHOLDER", "TEMPLATES", "Rendered", "check_personalisation", "render", "template_for"]
LONGEST_VALUE = 2000
LONGEST_LIST = 100


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


TEMPLATES = {template.key: template for template in (CONSULTATION_RECEIPT, *SCHEDULING_TEMPLATES,
                                                     *COUNCIL_TEMPLATES)}


def template_for(key: str) -> Template:
    """The built-in template of ``key``."""
    if key not in TEMPLATES:
        raise InvalidInput([FieldError(("template",), f"no template {key!r}; choose from {sorted(TEMPLATES)}")])
    return TEMPLATES[key]


def check_personalisation(template: Template, values: Mapping[str, Value]) -> None:
    """Every required placeholder filled, nothing else given, each value well formed; each failing key is named."""
    errors = [FieldError(("personalisation", name), "no such placeholder in this template")
              for name in sorted(set(values) - template.allowed())]
    for placeholder in template.placeholders:
        errors.extend(_value_errors(placeholder, values))
    if errors:
        raise InvalidInput(errors)


def _value_errors(placeholder: Placeholder, values: Mapping[str, Value]) -> list[FieldError]:
    if placeholder.required and placeholder.name not in values:
        return [FieldError(("personalisation", placeholder.name), "is required by this template", "missing")]
    return [FieldError(("personalisation", name), reason) for name in placeholder.names()
            if name in values and (reason := _invalid(placeholder.kind, values[name]))]


def _invalid(kind: Kind, value: Value) -> str | None:
    if isinstance(value, str):
        return _invalid_text(kind, value)
    if kind is Kind.DATETIME:
        return "must be one date and time, not a list"
    if not value or len(value) > LONGEST_LIST:
        return f"must list between 1 and {LONGEST_LIST} items"
    return next((reason for item in value if (reason := _invalid_text(Kind.LINE, item))), None)


def _invalid_text(kind: Kind, value: object) -> str | None:
    if not isinstance(value, str):
        return "must be text"
    if not value.strip():
        return "must not be blank"
    if len(value) > LONGEST_VALUE:
        return f"is {len(value)} characters long; the limit is {LONGEST_VALUE}"
    if kind is Kind.LINE and ("\n" in value or "\r" in value):
        return "must be a single line"
    if kind is Kind.DATETIME and moment(value) is None:
        return "must be a date and time with its UTC offset, e.g. 2027-01-10T09:00:00Z"
    return None


def render(template: Template, values: Mapping[str, Value], layout: Layout = Layout.EN_FIRST) -> Rendered:
    """Both languages in the layout's order (English first by default), in the subject and in the body."""
    content = content_of(render_parts(template, values, layout, "both"), Channel(template.kind.value))
    return Rendered(content.subject, content.text)
