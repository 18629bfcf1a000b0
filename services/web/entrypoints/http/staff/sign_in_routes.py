"""Signing in and out of the staff pages, the development sign-in, the user's language, and the JWKS the services
verify staff users' tokens against."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from peel.web.domain.language import LANGUAGES
from peel.web.domain.staff.identity import StaffRole
from peel.web.domain.staff.sign_in import LocalSignIn, safe_next
from peel.web.domain.tenants import default_display
from peel.web.entrypoints.http.csrf import refuse_foreign_origin
from peel.web.entrypoints.http.staff.context import (
    COOKIE,
    Staff,
    StaffPage,
    error_summary,
    live_session,
    session_id_of,
    staff_csrf_token,
    staff_page,
    staff_ports,
)
from peel.web.entrypoints.http.staff.forms import Form
from peel.web.service_layer.ports import NotFoundThere

router = APIRouter(tags=["staff sign-in"])
Everyone = Annotated[Staff, Depends(staff_page())]


@router.get("/.well-known/jwks.json", include_in_schema=True, summary="The keys staff users' tokens are signed with")
async def jwks(request: Request) -> JSONResponse:
    return JSONResponse(staff_ports(request).tokens.jwks(), headers={"Cache-Control": "max-age=300"})


def anonymous_page(request: Request, lang: str = "en") -> StaffPage:
    """A staff page before anyone has signed in: the form token is bound to nothing a forger has."""
    settings = request.app.state.settings
    return StaffPage(lang=lang, user=None, display=default_display(settings.default_tenant),
                     nonce=request.scope.get("state", {}).get("csp_nonce", ""),
                     csrf=staff_csrf_token(request, "sign-in"), path=request.url.path)


def render_sign_in(request: Request, *, next_path: str, form: LocalSignIn | None = None,
                   status_code: int = 200) -> HTMLResponse:
    settings = request.app.state.settings
    return request.app.state.pages.render(
        anonymous_page(request), "staff/sign_in.html", status_code=status_code,
        headers={"Cache-Control": "no-store"}, next_path=next_path, local=settings.local_sign_in,
        providers=request.app.state.identity_providers, form=form, roles=list(StaffRole),
        errors=error_summary(request, "en", form.errors) if form else [], field_errors=form.errors if form else {},
        default_tenant=settings.default_tenant)


@router.get("/staff/sign-in", summary="Sign in to the staff pages")
async def sign_in(request: Request, next: str | None = None) -> Response:
    if await live_session(request):
        return RedirectResponse(safe_next(next), status_code=303)
    return render_sign_in(request, next_path=safe_next(next))


@router.post("/staff/sign-in/local", summary="The development sign-in: choose an office and a role")
async def sign_in_locally(request: Request) -> Response:
    if not request.app.state.settings.local_sign_in:
        raise NotFoundThere(request.url.path)
    refuse_foreign_origin(request)
    form = await request.form()
    chosen = LocalSignIn.read(str(form.get("tenant", "")).strip(), str(form.get("name", "")).strip(),
                              [str(role) for role in form.getlist("roles")])
    next_path = safe_next(str(form.get("next", "")))
    if chosen.errors:
        return render_sign_in(request, next_path=next_path, form=chosen, status_code=422)
    session = await staff_ports(request).sessions.start(chosen.user())
    return signed_in_response(request, session.id, next_path)


def signed_in_response(request: Request, session_id: str, next_path: str) -> RedirectResponse:
    response = RedirectResponse(next_path, status_code=303)
    secure = request.app.state.settings.cookie_secure
    response.set_cookie(COOKIE, session_id, path="/staff", httponly=True, samesite="lax", secure=secure)
    return response


@router.post("/staff/sign-out", summary="Sign out of this browser")
async def sign_out(request: Request, staff: Everyone, form: Form) -> Response:
    await staff_ports(request).sessions.end(session_id_of(request))
    return _signed_out(request)


@router.post("/staff/sign-out-everywhere", summary="Sign out of every browser")
async def sign_out_everywhere(request: Request, staff: Everyone, form: Form) -> Response:
    await staff_ports(request).sessions.end_everywhere(staff.user.tenant, staff.user.subject)
    return _signed_out(request)


def _signed_out(request: Request) -> Response:
    response = RedirectResponse("/staff/signed-out", status_code=303)
    response.delete_cookie(COOKIE, path="/staff")
    return response


@router.get("/staff/signed-out", summary="You have signed out")
async def signed_out(request: Request) -> Response:
    return request.app.state.pages.render(anonymous_page(request), "staff/signed_out.html",
                                          headers={"Cache-Control": "no-store"})


@router.get("/staff/language/{lang}", summary="Show the staff pages in English or Welsh")
async def choose_language(request: Request, lang: str, staff: Everyone, next: str | None = None) -> Response:
    if lang not in LANGUAGES:
        raise NotFoundThere(request.url.path)
    await staff_ports(request).sessions.set_language(staff.session.id, lang)
    return RedirectResponse(safe_next(next), status_code=303)
