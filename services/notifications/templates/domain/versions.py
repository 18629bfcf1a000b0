"""Writing a template: its first version or a later one, each checked and then never changed.

Staff declare the placeholders they want flagged (kind, sensitive, sanitise); any other placeholder the
wording uses is a single line. A placeholder used only as ``((name??text))`` needs no value. A template needs
wording in at least one language; email and letters need a subject in each language they have.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from peel.common.errors import FieldError, InvalidInput
from peel.notifications.contacts.domain.consents import Category
from peel.notifications.templates.domain.filling import used_names
from peel.notifications.templates.domain.template_parts import Bilingual, Placeholder, Template, TemplateKind

RESERVED_KEYS = frozenset({"layout"})


@dataclass(frozen=True, slots=True)
class Draft:
    """What staff wrote for a version."""

    subject: Bilingual
    body: Bilingual
    placeholders: tuple[Placeholder, ...] = ()


def first_version(key: str, kind: TemplateKind, category: Category, draft: Draft, staff: str,
                  now: datetime) -> Template:
    if key in RESERVED_KEYS:
        raise InvalidInput([FieldError(("key",), f"{key!r} is reserved; choose another key")])
    return _version(Template(key, draft.subject, draft.body, (), kind, category, 1, now, staff), draft)


def next_version(latest: Template, draft: Draft, staff: str, now: datetime) -> Template:
    """Version n + 1 of the template, of the same kind and category; the earlier versions stay as they are."""
    return _version(replace(latest, version=latest.version + 1, created_at=now, created_by=staff), draft)


def _version(base: Template, draft: Draft) -> Template:
    _check_wording(base.kind, draft)
    placeholders = _placeholders(draft)
    return replace(base, subject=draft.subject, body=draft.body, placeholders=placeholders)


def _check_wording(kind: TemplateKind, draft: Draft) -> None:
    errors = [FieldError(("subject", language), "is required when the body has this language")
              for language in ("en", "cy") if kind is not TemplateKind.SMS
              and draft.body.of(language).strip() and not draft.subject.of(language).strip()]
    if not (draft.body.en.strip() or draft.body.cy.strip()):
        errors.append(FieldError(("body", "en"), "give the wording in English, in Welsh or in both"))
    if errors:
        raise InvalidInput(errors)


def _placeholders(draft: Draft) -> tuple[Placeholder, ...]:
    texts = (draft.subject.en, draft.subject.cy, draft.body.en, draft.body.cy)
    uses = [use for text in texts for use in used_names(text)]
    used = dict.fromkeys(name for name, _ in uses)
    declared = {placeholder.name: placeholder for placeholder in draft.placeholders}
    unused = [FieldError(("placeholders", index, "name"), f"(({placeholder.name})) is not used in the wording")
              for index, placeholder in enumerate(draft.placeholders) if placeholder.name not in used]
    welsh_names = [FieldError(("body",), f"use (({name[:-3]})) in both parts: its Welsh value is {name!r}")
                   for name in used if name.endswith("_cy")]
    if unused or welsh_names:
        raise InvalidInput([*unused, *welsh_names])
    plain = {name for name, conditional in uses if not conditional}
    return tuple(replace(declared.get(name, Placeholder(name)), required=name in plain) for name in used)
