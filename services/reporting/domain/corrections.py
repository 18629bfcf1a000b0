"""Corrections of a published consultation's text: each names a place and gives its whole new text.

The places are those ``ConsultationCorrected`` names: ``title``, ``summary``, ``questions.<key>.text``,
``questions.<key>.options.<key>``, ``questions.<key>.scale.<point>``, ``questions.<key>.budget.<line>``,
``questions.<key>.budget.<line>.consequences.<change>``, ``sections.<key>.title`` and
``sections.<key>.summary`` and ``outcome``. The results show the current text: the latest correction of each place
over the text published. Places the results do not show (the summary, a budget line's consequences)
and places the consultation does not have (an outcome not yet published) are left alone.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any

Text = Mapping[str, str]
Published = dict[str, Any]  # the published consultation as JSON: title, questions, sections, outcome


def corrected(published: Mapping[str, Any], changes: Mapping[str, Text]) -> Published:
    """The published consultation with each change's text in its place."""
    found = copy.deepcopy(dict(published))
    for field, text in changes.items():
        _put(found, field.split("."), dict(text))
    return found


def _put(found: Published, place: list[str], text: dict[str, str]) -> None:
    match place:
        case ["title"]:
            found["title"] = text
        case ["outcome"] if found.get("outcome"):
            found["outcome"] = text
        case ["questions", key, *within]:
            question = _keyed(found.get("questions", ()), key)
            if question is not None:
                _put_in_question(question, within, text)
        case ["sections", key, "title" | "summary" as part]:
            section = _keyed(found.get("sections", ()), key)
            if section is not None:
                section[part] = text


def _put_in_question(question: dict[str, Any], place: list[str], text: dict[str, str]) -> None:
    match place:
        case ["text"]:
            question["text"] = text
        case ["options", key]:
            _set_text(_keyed(question.get("options", ()), key), text)
        case ["scale", point] if question.get("scale"):
            question["scale"].setdefault("labels", {})[point] = text
        case ["budget", line] if question.get("budget"):
            _set_text(_keyed(question["budget"].get("lines", ()), line), text)


def _keyed(items: Iterable[dict[str, Any]], key: str) -> dict[str, Any] | None:
    return next((item for item in items if item.get("key") == key), None)


def _set_text(item: dict[str, Any] | None, text: dict[str, str]) -> None:
    if item is not None:
        item["text"] = text
