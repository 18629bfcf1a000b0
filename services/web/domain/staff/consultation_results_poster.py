"""A consultation's short address, for posters on bus stops and in libraries: short enough to type from a photo,
made of characters that cannot be mistaken for one another, and leading to the consultation's start page.

The code is the start of the consultation's id (lower-case hexadecimal: no O, I or L to confuse with 0 and 1); the
office's public list of consultations resolves it, so a code opens only a consultation residents may see."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

CODE_LENGTH = 8
CODE = re.compile(r"^[0-9a-f]{8}$")


def short_code(consultation_id: str) -> str:
    return consultation_id.replace("-", "").lower()[:CODE_LENGTH]


def is_code(text: str) -> bool:
    return bool(CODE.fullmatch(text.lower()))


def short_address(base_url: str, tenant: str, consultation_id: str) -> str:
    return f"{base_url.rstrip('/')}/{tenant}/c/{short_code(consultation_id)}"


def listed(office_consultations: Mapping[str, Any]) -> Iterable[Mapping[str, Any]]:
    """Every consultation in the office's public list: open, upcoming and recently closed."""
    for part in ("open", "upcoming", "closed"):
        yield from office_consultations.get(part) or []


def resolve(code: str, office_consultations: Mapping[str, Any]) -> str | None:
    """The id of the one listed consultation the code names; none when no one, or more than one, has it."""
    wanted = code.lower()
    found = {str(c["id"]) for c in listed(office_consultations) if short_code(str(c.get("id", ""))) == wanted}
    return found.pop() if len(found) == 1 else None
