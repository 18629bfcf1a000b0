"""A JSON body read straight into its model, for the busiest routes: pydantic parses the bytes itself,
without FastAPI's decode-then-validate. The errors are FastAPI's own (422, each under ``body``), and the
route documents the body as FastAPI would."""

from __future__ import annotations

import email.message
from typing import Any, TypeVar

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)
MISSING = {"type": "missing", "loc": ("body",), "msg": "Field required", "input": None}


async def json_body(request: Request, model: type[M]) -> M:
    """The request's body as ``model``, refused as FastAPI refuses a body it reads: an empty one is missing,
    and one whose Content-Type is not JSON is not parsed (it is no object with fields)."""
    body = await request.body()
    if not body:
        raise RequestValidationError([MISSING])
    try:
        if _declared_json(request.headers.get("content-type")):
            return model.model_validate_json(body)
        return model.model_validate(body, from_attributes=True)
    except ValidationError as error:
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in error.errors()]) from None


def _declared_json(content_type: str | None) -> bool:
    """Whether a Content-Type says JSON, by FastAPI's rule (strict: a body without one is not JSON):
    ``application/json`` or ``application/...+json``, parameters aside."""
    if not content_type:
        return False
    message = email.message.Message()
    message["content-type"] = content_type
    subtype = message.get_content_subtype()
    return message.get_content_maintype() == "application" and (subtype == "json" or subtype.endswith("+json"))


def documented_body(model: type[BaseModel]) -> dict[str, Any]:
    """``openapi_extra`` for a route reading ``model`` with ``json_body``; the models it refers to must be
    documented by other routes (they are components already)."""
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    schema.pop("$defs", None)
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}
