"""Forged form posts are refused without JavaScript: every form carries a token signed for this browser's session,
and a post from another site's page (its ``Origin``) is refused before the token is even read."""

from __future__ import annotations

import hmac

from fastapi import Request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.datastructures import FormData

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
    """The posted form, once its origin and token are proven; use as the dependency of every POST page."""
    refuse_foreign_origin(request)
    form = await request.form()
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


def refuse_foreign_origin(request: Request) -> None:
    origin = request.headers.get("origin")
    if origin is not None and origin != "null" and origin != _own_origin(request):
        raise ForeignOrigin(origin)
    if origin is None and request.headers.get("sec-fetch-site") == "cross-site":
        raise ForeignOrigin("cross-site")


def _own_origin(request: Request) -> str:
    return f"{request.url.scheme}://{request.headers.get('host', request.url.netloc)}"
