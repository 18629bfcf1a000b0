"""What a bilingual email template is made of: English and Welsh wording, and the placeholders it takes.

A placeholder ``((name))`` takes the value ``name``; the Welsh part takes ``name_cy`` when it is given
and the English value otherwise. Dates are written out in each language.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    LINE = "line"
    TEXT = "text"
    DATETIME = "datetime"


@dataclass(frozen=True, slots=True)
class Placeholder:
    name: str
    kind: Kind = Kind.LINE

    def names(self) -> tuple[str, ...]:
        """The personalisation keys it takes: its name, and ``<name>_cy`` for text (dates are written per language)."""
        return (self.name,) if self.kind is Kind.DATETIME else (self.name, f"{self.name}_cy")


@dataclass(frozen=True, slots=True)
class Bilingual:
    en: str
    cy: str


@dataclass(frozen=True, slots=True)
class Template:
    key: str
    subject: Bilingual
    body: Bilingual
    placeholders: tuple[Placeholder, ...]

    def allowed(self) -> set[str]:
        return {name for placeholder in self.placeholders for name in placeholder.names()}
