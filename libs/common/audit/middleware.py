"""Records each staff action a service accepts, as the answer leaves: a change (POST, PUT, PATCH, DELETE) by a
token with staff roles that the route answered 2xx. The entry is written before the answer's first message is
sent on, so a client that saw the action done finds it in the trail; failing to write it is logged and the answer
goes out unchanged (the action is done whatever the trail says).

Pure ASGI: it only watches the ``send`` of write requests; reads pass straight through."""

from __future__ import annotations

import logging
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from peel.common.audit.record import WRITES, entry_for, is_staff_action
from peel.common.audit.store import AuditLog

log = logging.getLogger(__name__)


class RecordStaffActions:
    """``app.state.audit_log`` keeps the entries; the principal is the one the auth dependency verified
    (``scope["state"]["principal"]``), so the token is not read twice."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in WRITES:
            await self.app(scope, receive, send)
            return

        async def send_recorded(message: Message) -> None:
            if message["type"] == "http.response.start":
                await _record(scope, message["status"])
            await send(message)

        await self.app(scope, receive, send_recorded)


async def _record(scope: Scope, status: int) -> None:
    principal = scope.get("state", {}).get("principal")
    if principal is None or not is_staff_action(scope["method"], status, principal.roles):
        return
    try:
        entry = entry_for(principal, scope["method"], _route_of(scope), scope.get("path_params", {}), status)
        await _audit_log(scope).record(entry)
    except Exception:  # the action is done: a lost entry must not turn it into an error
        log.exception("an audit entry could not be written",
                      extra={"path": scope.get("path"), "method": scope["method"]})


def _route_of(scope: Scope) -> str:
    route: Any = scope.get("route")
    return getattr(route, "path", None) or scope.get("path", "")


def _audit_log(scope: Scope) -> AuditLog:
    return scope["app"].state.audit_log
