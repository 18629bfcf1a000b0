"""The Welsh catalogue: every ``translations/<lang>/*.po`` file (one per part of the site), merged at start-up.

Read from the ``.po`` sources directly, so there is no compiled ``.mo`` file to build or to go stale."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


def catalogues(lang: str, folder: Path = TRANSLATIONS) -> list[Catalog]:
    return [read_po(path.open("rb"), locale=lang) for path in sorted((folder / lang).glob("*.po"))]


def translations(lang: str, folder: Path = TRANSLATIONS) -> NullTranslations:
    """The merged catalogue for ``lang``; English is the source language, so it has none."""
    merged: Translations | None = None
    for catalogue in catalogues(lang, folder):
        compiled = BytesIO()
        write_mo(compiled, catalogue, use_fuzzy=False)
        compiled.seek(0)
        part = Translations(compiled)
        merged = part if merged is None else merged.merge(part)
    return merged or NullTranslations()
