"""A resident's signed link, followed from an email to its page and sent back to the API's action.

The page posts the link's token back: in the query, as the email's link carries it, or in the body, as a JSON
field or a form field ``token`` (``application/x-www-form-urlencoded``), with the action's other fields beside it.
A GET on the action's own path answers 405, with ``Allow: POST`` and the pages that take the action.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Annotated, Any, TypeVar
from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, Query, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from peel.scheduling.surgeries.domain.links import LANGUAGES, page_links

FORM = "application/x-www-form-urlencoded"
TOKEN_LIMITS = {"min_length": 20, "max_length": 100}
QueryToken = Annotated[str | None, Query(**TOKEN_LIMITS, description="The token from your link (or give it in "
                                                                     "the body)")]
F = TypeVar("F", bound="LinkForm")
V = TypeVar("V")
NOT_A_PAGE = ("This address takes a POST with the token from your link (in the query, or in a JSON or form body). "
              "Open the page your email linked to instead: it asks you to confirm.")


class LinkForm(BaseModel):
    """What a link's page posts: the link's token, unless the query carries it."""

    model_config = ConfigDict(extra="forbid")

    token: str | None = Field(None, **TOKEN_LIMITS, description="The token from your link (or give it in the query)")


def link_form(model: type[F]) -> Callable[..., Any]:
    """A dependency reading ``model`` from the body (JSON, a form, or none) with the token it or the query gives."""

    async def read(request: Request, token: QueryToken = None) -> F:
        form = await _body(request, model)
        token = given_once("token", token, form.token)
        if token is None:
            raise RequestValidationError([{"loc": ("body", "token"), "type": "missing",
                                           "msg": "give the token from your link, in the body or the query"}])
        return form.model_copy(update={"token": token})

    return read


def given_once(name: str, in_query: V | None, in_body: V | None) -> V | None:
    """A field the query or the body may give: either, or both alike; a 422 when they differ."""
    if in_query is not None and in_body is not None and in_query != in_body:
        raise RequestValidationError([{"loc": ("body", name), "type": "value_error",
                                       "msg": f"differs from the {name} in the query: give it once"}])
    return in_body if in_body is not None else in_query


async def _body(request: Request, model: type[F]) -> F:
    raw = await request.body()
    try:
        if request.headers.get("content-type", "").partition(";")[0].strip() == FORM:
            return model.model_validate(dict(parse_qsl(raw.decode(errors="replace"))))
        return model.model_validate_json(raw or b"{}")
    except ValidationError as error:
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in error.errors()]) from None


LinkToken = Annotated[LinkForm, Depends(link_form(LinkForm))]


def link_form_body(model: type[LinkForm]) -> dict[str, Any]:
    """``openapi_extra`` documenting ``model`` as a JSON or a form body."""
    schema = model.model_json_schema()
    return {"requestBody": {"required": False, "content": {kind: {"schema": schema}
                                                           for kind in ("application/json", FORM)}}}


def pages_instead_of_get(router: APIRouter, actions: Mapping[str, Mapping[str, str]]) -> None:
    """Answer a GET on each action's path with 405, ``Allow: POST`` and the pages, in English and Welsh, that
    take it; each action's pages are page paths by name, with the action path's own parameters."""
    for path, pages in actions.items():
        router.add_api_route(path, _pointing_at(pages), methods=["GET"], response_class=JSONResponse,
                             status_code=status.HTTP_405_METHOD_NOT_ALLOWED,
                             summary="Not a page: answers 405 with the pages that take this action",
                             responses={405: {"description": "Use POST; the pages that take the action are listed"}},
                             openapi_extra={"parameters": _path_ids(path)})


def _path_ids(path: str) -> list[dict[str, Any]]:
    """The ids in an action's path, documented as the POST's are: the GET reads them without validating."""
    return [{"name": name, "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}
            for name in re.findall(r"{(\w+)}", path)]


def _pointing_at(pages: Mapping[str, str]) -> Callable[..., Any]:
    async def answer(request: Request, token: QueryToken = None) -> JSONResponse:
        shown = token or "<the token from your link>"
        found = {lang: page_links(pages, lang, shown, **request.path_params) for lang in LANGUAGES}
        return JSONResponse({"detail": NOT_A_PAGE, "pages": found}, status_code=status.HTTP_405_METHOD_NOT_ALLOWED,
                            headers={"Allow": "POST"})

    return answer
