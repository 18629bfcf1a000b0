"""What a bilingual template is made of: English and Welsh wording, and the placeholders it takes.

A placeholder ``((name))`` takes the value ``name``; the Welsh part takes ``name_cy`` when it is given
and the English value otherwise. Dates are written out in each language. ``((name??text))`` shows the text
only when the value is yes. A template's versions never change: a new wording is a new version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from peel.notifications.contacts.domain.consents import Category


class Kind(StrEnum):
    LINE = "line"
    TEXT = "text"
    DATETIME = "datetime"


class TemplateKind(StrEnum):
    EMAIL = "email"
    SMS = "sms"
    LETTER = "letter"


@dataclass(frozen=True, slots=True)
class Placeholder:
    """``sensitive``: its value is not shown to staff once sent; ``sanitise``: links are taken out of its value;
    ``required``: a value must be given (a placeholder used only as ``((name??text))`` is optional)."""

    name: str
    kind: Kind = Kind.LINE
    sensitive: bool = False
    sanitise: bool = False
    required: bool = True

    def names(self) -> tuple[str, ...]:
        """The personalisation keys it takes: its name, and ``<name>_cy`` for text (dates are written per language)."""
        return (self.name,) if self.kind is Kind.DATETIME else (self.name, f"{self.name}_cy")


@dataclass(frozen=True, slots=True)
class Bilingual:
    en: str
    cy: str

    def of(self, language: str) -> str:
        return self.cy if language == "cy" else self.en


@dataclass(frozen=True, slots=True)
class Template:
    """One version of a tenant's template (built-in ones are version 1 of every tenant's)."""

    key: str
    subject: Bilingual
    body: Bilingual
    placeholders: tuple[Placeholder, ...]
    kind: TemplateKind = TemplateKind.EMAIL
    category: Category = Category.SERVICE
    version: int = 1
    created_at: datetime | None = None
    created_by: str | None = None
    sms: Bilingual | None = None  # shorter wording when an email's message goes by text instead

    def allowed(self) -> set[str]:
        return {name for placeholder in self.placeholders for name in placeholder.names()}

    def wording(self, text_message: bool) -> Bilingual:
        """The body, or for a text message the template's text-message wording when it has one."""
        return self.sms if text_message and self.sms is not None else self.body

    def has(self, language: str) -> bool:
        """Whether the template has wording in ``language`` ('en' or 'cy')."""
        return bool(self.body.of(language).strip())

    @property
    def built_in(self) -> bool:
        return self.created_at is None
