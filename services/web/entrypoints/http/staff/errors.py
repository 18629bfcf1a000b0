"""The staff pages' errors: signing in again, a role that may not, and the services' refusals, in the staff layout."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from peel.web.domain.staff.identity import StaffSession
from peel.web.domain.tenants import default_display
from peel.web.entrypoints.http.context import ports
from peel.web.entrypoints.http.staff.context import (
    NotYourRole,
    SignInNeeded,
    StaffPage,
    live_session,
    staff_csrf_token,
)
from peel.web.service_layer.ports import InvalidAnswers, Refused

log = logging.getLogger(__name__)


def is_staff_path(path: str) -> bool:
    return path == "/staff" or path.startswith("/staff/")


async def staff_error_page(request: Request, status_code: int, **context: Any) -> Response:
    """The error in the staff layout, for the signed-in user when there is one (never a stack trace)."""
    session = await _session_if_any(request)
    user = session.user if session else None
    try:
        display = await ports(request).tenants.display(user.tenant) if user else None
    except Exception:  # noqa: BLE001 - the error page must render even with the database down
        display = None
    page = StaffPage(lang=session.lang if session else "en", user=user, path=request.url.path,
                     display=display or default_display(user.tenant if user else request.app.state.settings
                                                        .default_tenant),
                     nonce=request.scope.get("state", {}).get("csp_nonce", ""),
                     csrf=staff_csrf_token(request, session.id if session else "sign-in"))
    headers = {"Cache-Control": "no-store", **context.pop("headers", {})}
    return request.app.state.pages.render(page, "staff/errors/error.html", status_code=status_code,
                                          headers=headers, status=status_code, **context)


async def _session_if_any(request: Request) -> StaffSession | None:
    """The session a page found, or (an address no page has) the browser's own, in its language."""
    try:
        return await live_session(request)
    except Exception:  # noqa: BLE001 - the error page must render even with the database down
        return None


async def sign_in_needed(request: Request, error: Exception) -> Response:
    assert isinstance(error, SignInNeeded)
    back = error.next_path if request.method == "GET" else "/staff/"
    return RedirectResponse(f"/staff/sign-in?next={_quoted(back)}", status_code=303)


async def not_your_role(request: Request, _: Exception) -> Response:
    return await staff_error_page(request, 403)


async def refused(request: Request, error: Refused) -> Response:
    """A service's 403 stays a 403; its 409 (or 410, or 400) says why it cannot be done now."""
    if error.status == 403:
        return await staff_error_page(request, 403)
    return await staff_error_page(request, 409, detail=_said(error.detail))


async def invalid(request: Request, error: InvalidAnswers) -> Response:
    """A 422 a page did not turn into its own form's errors: the service's words, field by field."""
    log.info("a staff form was refused by a service: %s", error, extra={"path": request.url.path})
    return await staff_error_page(request, 422, problems=error.errors)


def _said(detail: Any) -> str:
    return detail if isinstance(detail, str) else "; ".join(str(part) for part in detail) if detail else ""


def _quoted(path: str) -> str:
    return quote(path, safe="/")


STAFF_ERRORS = [(SignInNeeded, sign_in_needed), (NotYourRole, not_your_role)]
