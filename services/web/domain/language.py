"""The two languages of every page, and how text the offices wrote is shown in them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

LANGUAGES = ("en", "cy")
NAMES = {"en": "English", "cy": "Cymraeg"}


def other_language(lang: str) -> str:
    return "cy" if lang == "en" else "en"


@dataclass(frozen=True)
class Localised:
    """Text in the page's language, or in English with ``lang`` set when the office gave no Welsh."""

    text: str
    lang: str | None = None  # set only when it differs from the page's language

    def __str__(self) -> str:
        return self.text


def localised(text: Mapping[str, str | None] | str | None, lang: str) -> Localised:
    """The office's text in ``lang``; English (marked ``lang="en"``) where it has no Welsh."""
    if text is None:
        return Localised("")
    if isinstance(text, str):
        return Localised(text)
    chosen = text.get(lang)
    if chosen:
        return Localised(chosen)
    fallback = text.get("en") or next((value for value in text.values() if value), "")
    return Localised(fallback, None if lang == "en" else "en")
