"""A reporting result as its route answers it in JSON (the result is served as it is)."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter


def as_json(found: Any) -> Any:
    """``found`` (a result dataclass) as JSON values: what the route serving it answers."""
    return TypeAdapter(type(found)).dump_python(found, mode="json")
