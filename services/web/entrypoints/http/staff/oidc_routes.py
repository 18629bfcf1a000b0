"""Signing in with the office's identity provider (OpenID Connect): the sign-in page's buttons start it, the
provider sends the browser back to the callback, which starts a staff session or says why not.

Starting answers a page that moves on to the provider at once (a refresh, with a link for browsers that do not
follow one) rather than a redirect: the pages' policy lets forms post only to this site, and browsers apply that to
a form's redirects too.

What the browser must bring back (state, nonce, PKCE verifier, where to go next) is kept in a signed cookie that
lasts ten minutes, is sent only to /staff and is unreadable to scripts; it is used once."""

from __future__ import annotations

import hmac
import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.datastructures import FormData

from peel.web.domain.staff.sign_in import safe_next
from peel.web.entrypoints.http.csrf import FIELD, MAX_AGE_SECONDS, ForgedForm, refuse_foreign_origin
from peel.web.entrypoints.http.staff.context import session_id_of, staff_ports
from peel.web.entrypoints.http.staff.sign_in_routes import anonymous_page, signed_in_response
from peel.web.service_layer.ports import NotFoundThere
from peel.web.service_layer.staff.oidc_sign_in import NoRoleInPeel, PendingSignIn, begin, finish
from peel.web.service_layer.staff.ports import IdentityProvider, SignInFailed

log = logging.getLogger(__name__)
router = APIRouter(tags=["staff sign-in"])
PENDING = "peel_staff_sign_in"
PENDING_SECONDS = 600
SIGN_IN = "sign-in"  # what the sign-in page's form token is signed for: no one is signed in yet


async def sign_in_form(request: Request) -> FormData:
    """The sign-in page's form, proven to come from this site's sign-in page (before anyone is signed in)."""
    refuse_foreign_origin(request)
    form = await request.form()
    token = form.get(FIELD)
    if not isinstance(token, str):
        raise ForgedForm("the form has no token")
    try:
        signed_for = request.app.state.staff_csrf_signer.loads(token, max_age=MAX_AGE_SECONDS)
    except BadSignature as error:
        raise ForgedForm("the form's token is not ours or has expired") from error
    if not hmac.compare_digest(str(signed_for), SIGN_IN):
        raise ForgedForm("the form's token is not the sign-in page's")
    return form


@router.post("/staff/sign-in/{provider}", summary="Sign in with the office's identity provider")
async def start_sign_in(request: Request, provider: str,
                        form: Annotated[FormData, Depends(sign_in_form)]) -> Response:
    chosen = identity_provider(request, provider)
    pending = PendingSignIn.new(chosen.key, safe_next(str(form.get("next", ""))))
    address = await begin(chosen, pending, callback_url(request, chosen.key))
    response = request.app.state.pages.render(anonymous_page(request), "staff/sign_in_continue.html",
                                              headers={"Cache-Control": "no-store"}, provider=chosen,
                                              address=address)
    response.set_cookie(PENDING, _signer(request).dumps(pending.as_dict()), max_age=PENDING_SECONDS, path="/staff",
                        httponly=True, samesite="lax", secure=request.app.state.settings.cookie_secure)
    return response


@router.get("/staff/sign-in/{provider}/callback", summary="The identity provider sends the browser back here")
async def finish_sign_in(request: Request, provider: str, code: str = "", state: str = "",
                         error: str = "") -> Response:
    chosen = identity_provider(request, provider)
    pending = _pending(request)
    if pending is None or not pending.answers(chosen.key, state):
        return _refused(request, "expired", 400)
    if error:
        return _refused(request, "cancelled", 400)
    try:
        session = await finish(staff_ports(request), chosen, pending, code=code,
                               redirect_uri=callback_url(request, chosen.key))
    except NoRoleInPeel as refused:
        log.info("a sign-in was refused: %s", refused)
        return _refused(request, "no_role", 403)
    except SignInFailed as failed:
        log.warning("a sign-in with %s failed: %s", chosen.key, failed)
        return _refused(request, "unverified", 400)
    if session_id_of(request):  # a sign-in over another in this browser: the earlier one ends
        await staff_ports(request).sessions.end(session_id_of(request))
    response = signed_in_response(request, session.id, pending.next_path)
    response.delete_cookie(PENDING, path="/staff")
    return response


def identity_provider(request: Request, key: str) -> IdentityProvider:
    for provider in request.app.state.identity_providers:
        if provider.key == key:
            return provider
    raise NotFoundThere(request.url.path)


def callback_url(request: Request, key: str) -> str:
    """The address the provider sends the browser back to (registered with the provider as Peel's redirect URI)."""
    base = request.app.state.settings.public_base_url or str(request.base_url)
    return f"{base.rstrip('/')}/staff/sign-in/{key}/callback"


def _signer(request: Request) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(request.app.state.settings.secret_key.get_secret_value(), salt="staff-sign-in")


def _pending(request: Request) -> PendingSignIn | None:
    value = request.cookies.get(PENDING, "")
    try:
        return PendingSignIn.from_dict(_signer(request).loads(value, max_age=PENDING_SECONDS)) if value else None
    except BadSignature:
        return None


def _refused(request: Request, reason: str, status_code: int) -> Response:
    """Why the sign-in did not happen; the sign-in under way is forgotten either way (it is used once)."""
    response = request.app.state.pages.render(anonymous_page(request), "staff/sign_in_refused.html",
                                              status_code=status_code, headers={"Cache-Control": "no-store"},
                                              reason=reason)
    response.delete_cookie(PENDING, path="/staff")
    return response
