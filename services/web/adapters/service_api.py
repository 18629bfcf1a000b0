"""A service's API over HTTP: one aiohttp session (kept-alive connections) per service, the resident's address
passed on. aiohttp rather than httpx here: a page makes up to three calls, and aiohttp's client costs a
fraction of httpx's CPU per call (bench/resident_journey.py)."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import aiohttp
from yarl import URL

from peel.web.service_layer.ports import (
    InvalidAnswers,
    Json,
    NotFoundThere,
    Refused,
    ServiceUnavailable,
    TooManyRequests,
)


@dataclass(frozen=True)
class Answer:
    """A service's answer, read whole."""

    status: int
    headers: Mapping[str, str]
    content: bytes
    path: str

    def json(self) -> Any:
        return json.loads(self.content)

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")


class HttpServiceApi:
    def __init__(self, base_url: str, *, timeout: float, connections: int) -> None:
        self._base = URL(base_url)
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._connections = connections
        self._session: aiohttp.ClientSession | None = None

    async def get(self, path: str, *, resident: str, params: Mapping[str, Any] | None = None) -> Json:
        return (await self._send("GET", path, resident, params=params)).json()

    async def get_bytes(self, path: str, *, resident: str, params: Mapping[str, Any] | None = None) -> bytes:
        return (await self._send("GET", path, resident, params=params)).content

    async def post(self, path: str, *, resident: str, json: Any = None,
                   headers: Mapping[str, str] | None = None) -> Json:
        response = await self._send("POST", path, resident, body=json, headers=headers)
        return response.json() if response.content else {}

    async def put(self, path: str, *, resident: str, json: Any = None) -> Json:
        response = await self._send("PUT", path, resident, body=json)
        return response.json() if response.content else {}

    async def request(self, method: str, path: str, *, resident: str, headers: Mapping[str, str] | None = None,
                      params: Mapping[str, Any] | None = None, json: Any = None, text: str | None = None) -> Answer:
        """Any call, its answer read whole (the staff pages' calls carry the user's token in ``headers``); ``text``
        is sent as the body as it is (a CSV upload), with the content type ``headers`` give."""
        return await self._send(method, path, resident, headers=headers, params=params, body=json, text=text)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    def _client(self) -> aiohttp.ClientSession:
        """Made on first use, inside the running event loop."""
        if self._session is None:
            connector = aiohttp.TCPConnector(limit=self._connections, ttl_dns_cache=300)
            self._session = aiohttp.ClientSession(connector=connector, timeout=self._timeout,
                                                  cookie_jar=aiohttp.DummyCookieJar())
        return self._session

    async def _send(self, method: str, path: str, resident: str, *, headers: Mapping[str, str] | None = None,
                    text: str | None = None,
                    params: Mapping[str, Any] | None = None, body: Any = None) -> Answer:
        sent = {"X-Forwarded-For": resident, **(headers or {})}
        url = self._base.join(URL(path)) if path.startswith("/") else self._base / path
        try:
            async with self._client().request(method, url, headers=sent, params=_query(params),
                                              json=body, data=text) as response:
                answer = Answer(response.status, response.headers, await response.read(), url.path)
        except (aiohttp.ClientError, TimeoutError) as error:
            raise ServiceUnavailable(f"{self._base} did not answer: {type(error).__name__}") from error
        raise_for_status(answer)
        return answer


def _query(params: Mapping[str, Any] | None) -> list[tuple[str, str]] | None:
    if not params:
        return None
    return [(key, str(item)) for key, value in params.items()
            for item in (value if isinstance(value, list | tuple) else [value])]


def raise_for_status(response: Answer) -> None:
    """Turn a service's error answer into the error a page explains."""
    code = response.status
    if code < 400:
        return
    if code == 404:
        raise NotFoundThere(_detail(response))
    if code == 422:
        detail = _detail(response)
        raise InvalidAnswers(field_errors(detail), detail)
    if code == 429:
        raise TooManyRequests(math.ceil(float(response.headers.get("retry-after", "60"))))
    if code in {409, 410, 400, 403}:
        raise Refused(code, _detail(response))
    raise ServiceUnavailable(f"{response.path} answered {code}")


def _detail(response: Answer) -> Any:
    try:
        found = response.json()
    except ValueError:
        return response.text
    return found.get("detail") if isinstance(found, dict) else found


def field_errors(detail: Any) -> dict[str, str]:
    """A 422's ``detail`` list as {field: message}; the field is the last named part of its location."""
    if not isinstance(detail, list):
        return {"": str(detail)}
    errors: dict[str, str] = {}
    for problem in detail:
        names = [str(part) for part in problem.get("loc", []) if isinstance(part, str) and part != "body"]
        errors.setdefault(names[-1] if names else "", str(problem.get("msg", "")))
    return errors
