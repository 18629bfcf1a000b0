"""A service's API over HTTP: one kept-alive connection pool per service, the resident's address passed on."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import httpx

from peel.web.service_layer.ports import (
    InvalidAnswers,
    Json,
    NotFoundThere,
    Refused,
    ServiceUnavailable,
    TooManyRequests,
)


class HttpServiceApi:
    def __init__(self, base_url: str, *, timeout: float, connections: int) -> None:
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        self._client = httpx.AsyncClient(base_url=base_url, timeout=timeout, limits=limits)

    async def get(self, path: str, *, resident: str, params: Mapping[str, Any] | None = None) -> Json:
        return (await self._send("GET", path, resident, params=params)).json()

    async def get_bytes(self, path: str, *, resident: str, params: Mapping[str, Any] | None = None) -> bytes:
        return (await self._send("GET", path, resident, params=params)).content

    async def post(self, path: str, *, resident: str, json: Any = None,
                   headers: Mapping[str, str] | None = None) -> Json:
        response = await self._send("POST", path, resident, json=json, headers=headers)
        return response.json() if response.content else {}

    async def close(self) -> None:
        await self._client.aclose()

    async def _send(self, method: str, path: str, resident: str, *, headers: Mapping[str, str] | None = None,
                    **kwargs: Any) -> httpx.Response:
        sent = {"X-Forwarded-For": resident, **(headers or {})}
        try:
            response = await self._client.request(method, path, headers=sent, **kwargs)
        except httpx.HTTPError as error:
            raise ServiceUnavailable(f"{self._client.base_url} did not answer: {type(error).__name__}") from error
        raise_for_status(response)
        return response


def raise_for_status(response: httpx.Response) -> None:
    """Turn a service's error answer into the error a page explains."""
    code = response.status_code
    if code < 400:
        return
    if code == 404:
        raise NotFoundThere(_detail(response))
    if code == 422:
        raise InvalidAnswers(field_errors(_detail(response)))
    if code == 429:
        raise TooManyRequests(math.ceil(float(response.headers.get("Retry-After", "60"))))
    if code in {409, 410, 400, 403}:
        raise Refused(code, _detail(response))
    raise ServiceUnavailable(f"{response.request.url.path} answered {code}")


def _detail(response: httpx.Response) -> Any:
    try:
        return response.json().get("detail")
    except ValueError:
        return response.text


def field_errors(detail: Any) -> dict[str, str]:
    """A 422's ``detail`` list as {field: message}; the field is the last named part of its location."""
    if not isinstance(detail, list):
        return {"": str(detail)}
    errors: dict[str, str] = {}
    for problem in detail:
        names = [str(part) for part in problem.get("loc", []) if isinstance(part, str) and part != "body"]
        errors.setdefault(names[-1] if names else "", str(problem.get("msg", "")))
    return errors
