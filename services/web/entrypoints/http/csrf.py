"""Forged form posts are refused without JavaScript: every form carries a token signed for this browser's session,
and a post from another site's page (its ``Origin``) is refused before the token is even read."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from fastapi import Request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.datastructures import FormData

P, R = ParamSpec("P"), TypeVar("R")
MAX_AGE_SECONDS = 4 * 3600
FIELD = "csrf_token"


class ForgedForm(Exception):
    """The form's token is missing, forged, expired or not this session's: 400."""


class ForeignOrigin(Exception):
    """The form was posted from another site: 403."""


def _signer(request: Request) -> URLSafeTimedSerializer:
    return request.app.state.csrf_signer


def csrf_token(request: Request) -> str:
    session_id = request.scope.get("state", {}).get("session_id", "")
    return _signer(request).dumps(session_id)


async def checked_form(request: Request) -> FormData:
    """The posted form, once its origin and token are proven; use as the dependency of every POST page.

    The one exception: a mail client's RFC 8058 one-click unsubscribe (exactly ``List-Unsubscribe=One-Click``,
    without cookie or token: its signed link is its proof) to a page marked ``takes_one_click``."""
    if not _takes_one_click(request):
        refuse_foreign_origin(request)
    form = await request.form()
    if is_one_click(request, form):
        return form
    refuse_foreign_origin(request)
    token = form.get(FIELD)
    session_id = request.scope.get("state", {}).get("session_id", "")
    if not isinstance(token, str) or not session_id:
        raise ForgedForm("the form has no token")
    try:
        signed_for = _signer(request).loads(token, max_age=MAX_AGE_SECONDS)
    except BadSignature as error:
        raise ForgedForm("the form's token is not ours or has expired") from error
    if not hmac.compare_digest(str(signed_for), session_id):
        raise ForgedForm("the form's token belongs to another session")
    return form


ONE_CLICK = [("List-Unsubscribe", "One-Click")]  # what a mail client posts (RFC 8058), and nothing else


def takes_one_click(endpoint: Callable[P, R]) -> Callable[P, R]:
    """Marks the one page a mail client's one-click unsubscribe may post to."""
    endpoint.takes_one_click = True  # type: ignore[attr-defined]
    return endpoint


def is_one_click(request: Request, form: FormData) -> bool:
    """A one-click unsubscribe from a mail client, posted to a page that takes it."""
    return _takes_one_click(request) and list(form.multi_items()) == ONE_CLICK


def _takes_one_click(request: Request) -> bool:
    return getattr(request.scope.get("endpoint"), "takes_one_click", False) is True


def refuse_foreign_origin(request: Request) -> None:
    origin = request.headers.get("origin")
    if origin is not None and origin != "null" and origin != _own_origin(request):
        raise ForeignOrigin(origin)
    if origin is None and request.headers.get("sec-fetch-site") == "cross-site":
        raise ForeignOrigin("cross-site")


def _own_origin(request: Request) -> str:
    return f"{request.url.scheme}://{request.headers.get('host', request.url.netloc)}"

