"""Refuses, with a 422 naming each field, any request whose path, query string, headers or body carry text
PostgreSQL cannot store, before a route sees it; every service's app runs requests through it. Since it reads
each body whole first, it also refuses, with a 413, a body larger than the service accepts, before reading more.

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
    """ASGI middleware: reads the whole body first (every route reads it whole anyway), checks it, then hands
    the request on unchanged; a body over ``max_request_bytes`` is answered 413 instead, unread beyond."""

    def __init__(self, app: ASGIApp, max_request_bytes: int) -> None:
        self.app = app
        self.max_request_bytes = max_request_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        messages = await _read(scope, receive, self.max_request_bytes)
        if messages is None:
            await _too_large(self.max_request_bytes)(scope, receive, send)
            return
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
    return _header(scope, b"content-type").partition(";")[0].strip().lower()


def _header(scope: Scope, name: bytes) -> str:
    """The value of the request's header ``name`` (given in lower case, as ASGI names headers), or ''."""
    return next((value.decode("latin-1") for key, value in scope["headers"] if key == name), "")


async def _read(scope: Scope, receive: Receive, most: int) -> list[Message] | None:
    """The request's messages up to the end of its body (or the client's disconnecting); None, having read
    no further, once the body, or the length it declares, passes ``most`` bytes."""
    if _declared_length(scope) > most:
        return None
    messages: list[Message] = []
    size = 0
    while not messages or _more_body(messages[-1]):
        messages.append(await receive())
        size += len(messages[-1].get("body", b""))
        if size > most:
            return None
    return messages


def _declared_length(scope: Scope) -> int:
    """The body's length as its Content-Length header declares it; 0 without one (or with a malformed one, which
    the server refuses itself)."""
    declared = _header(scope, b"content-length").strip()
    return int(declared) if declared.isascii() and declared.isdigit() else 0


def _more_body(message: Message) -> bool:
    return message["type"] == "http.request" and bool(message.get("more_body"))


def _too_large(most: int) -> JSONResponse:
    detail = f"the request body is larger than {most} bytes, the most this service accepts"
    return JSONResponse({"detail": detail}, status_code=413)


def _replaying(messages: list[Message], receive: Receive) -> Receive:
    waiting = iter(messages)

    async def replay() -> Message:
        return next(waiting, None) or await receive()

    return replay
