"""A JSON body read straight into its model, for the busiest routes: pydantic parses the bytes itself,
without FastAPI's decode-then-validate. The errors are FastAPI's own (422, each under ``body``), and the
route documents the body as FastAPI would."""

from __future__ import annotations

from typing import Any, TypeVar

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


async def json_body(request: Request, model: type[M]) -> M:
    try:
        return model.model_validate_json(await request.body())
    except ValidationError as error:
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in error.errors()]) from None


def documented_body(model: type[BaseModel]) -> dict[str, Any]:
    """``openapi_extra`` for a route reading ``model`` with ``json_body``; the models it refers to must be
    documented by other routes (they are components already)."""
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    schema.pop("$defs", None)
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}
