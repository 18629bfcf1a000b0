"""How an office shows its two languages: Welsh first, English first, side by side, or each contact's own
language only (both when it is not known).

A message asked for in one language ('en' or 'cy') shows that part only, whatever the layout.
"""

from __future__ import annotations

from enum import StrEnum


class Layout(StrEnum):
    CY_FIRST = "cy_first"
    EN_FIRST = "en_first"
    SIDE_BY_SIDE = "side_by_side"
    SEPARATE = "separate"


DEFAULT_LAYOUT = Layout.EN_FIRST
LANGUAGES = ("en", "cy")


def languages_shown(layout: Layout, language: str) -> tuple[str, ...]:
    """The parts a message shows, in order. Welsh comes first except in the English-first layout."""
    if language in LANGUAGES:
        return (language,)
    return ("en", "cy") if layout is Layout.EN_FIRST else ("cy", "en")
