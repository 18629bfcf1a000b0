"""JSON Schemas of the registered events, as committed under ``schemas/events/``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from peel.common.events.envelope import TENANT_PATTERN, Envelope, Event
from peel.common.events.registry import EventRegistry

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def event_schema(model: type[Event]) -> dict[str, Any]:
    """The whole CloudEvent for one type: envelope attributes with ``data`` as the model's schema."""
    envelope = Envelope.model_json_schema()
    properties = dict(envelope["properties"])
    properties["type"] = {"const": model.type_name, "title": "Type"}
    properties["tenant"] = {"type": "string", "pattern": TENANT_PATTERN, "title": "Tenant"}
    data = model.model_json_schema(ref_template="#/$defs/{model}")
    definitions = data.pop("$defs", {})
    properties["data"] = data
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "$id": f"urn:peel:schema:{model.type_name}",
        "title": model.type_name,
        "description": (model.__doc__ or "").strip() or model.type_name,
        "type": "object",
        "properties": properties,
        "required": sorted(set(envelope["required"]) | {"data"}),
        "additionalProperties": False,
    }
    if definitions:
        schema["$defs"] = definitions
    return schema


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def schema_path(directory: Path, model: type[Event]) -> Path:
    return directory / f"{model.type_name}.json"


def drift(registry: EventRegistry, directory: Path) -> list[str]:
    """Differences between the code's schemas and the committed files, one line each."""
    problems = []
    expected = {schema_path(directory, model).name: render(event_schema(model)) for model in registry}
    for name, text in expected.items():
        path = directory / name
        if not path.exists():
            problems.append(f"{name}: not committed")
        elif path.read_text() != text:
            problems.append(f"{name}: differs from the code")
    problems.extend(
        f"{path.name}: no event of that type in the code"
        for path in sorted(directory.glob("*.json"))
        if path.name not in expected
    )
    return problems


def write(registry: EventRegistry, directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for model in registry:
        path = schema_path(directory, model)
        path.write_text(render(event_schema(model)))
        written.append(path)
    return written
