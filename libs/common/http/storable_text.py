"""Refuses, with a 422 naming each field, any request whose path, query string, headers or body carry text
PostgreSQL cannot store, before a route sees it; every service's app runs requests through it.

A clean request costs a few bytes scans: its body is looked at closely (parsed again to find the field)
only when a scan finds an escape, a byte or a percent-encoding that could hide such text.
"""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from peel.common import unstorable_text as text
from peel.common.unstorable_text import Location


class RefuseUnstorableText:
    """ASGI middleware: reads the whole body first (every route reads it whole anyway), checks it, then
    hands the request on unchanged."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        messages = await _read(receive)
        body = messages[0].get("body", b"") if len(messages) == 1 else b"".join(m.get("body", b"") for m in messages)
        found = unstorable_in_request(scope, body)
        if found:
            await JSONResponse({"detail": list(text.errors(found))}, status_code=422)(scope, receive, send)
            return
        await self.app(scope, _replaying(messages, receive), send)


def unstorable_in_request(scope: Scope, body: bytes) -> list[Location]:
    """Every field of the request holding unstorable text: path parameters, query parameters, headers, body."""
    found = _in_path(scope) + text.in_query(scope.get("query_string", b"")) + text.in_headers(scope["headers"])
    return found + (text.in_body(body, _media_type(scope)) if text.suspicious_body(body) else [])


def _in_path(scope: Scope) -> list[Location]:
    """The path parameters of the route the path matches that decode to unstorable text."""
    if not text.unstorable(scope["path"]):
        return []
    for route in scope["app"].router.routes:
        match, child = route.matches(scope)
        if match is Match.FULL:
            return [("path", name) for name, value in child.get("path_params", {}).items()
                    if isinstance(value, str) and text.unstorable(value)]
    return []


def _media_type(scope: Scope) -> str:
    for name, value in scope["headers"]:
        if name == b"content-type":
            return value.decode("latin-1").partition(";")[0].strip().lower()
    return ""


async def _read(receive: Receive) -> list[Message]:
    """The request's messages up to the end of its body (or the client's disconnecting)."""
    messages = [await receive()]
    while messages[-1]["type"] == "http.request" and messages[-1].get("more_body"):
        messages.append(await receive())
    return messages


def _replaying(messages: list[Message], receive: Receive) -> Receive:
    waiting = iter(messages)

    async def replay() -> Message:
        return next(waiting, None) or await receive()

    return replay
