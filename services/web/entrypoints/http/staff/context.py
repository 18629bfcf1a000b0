"""What a staff page handler needs: the signed-in user (or a redirect to sign in), their role checked, the services'
APIs called with their own token, and a renderer for the staff layout.

A route declares who may open it: ``staff: Annotated[Staff, Depends(staff_page(*EDITORS))]``. A user without one of
the roles gets the 403 page before anything is called; the services check the same roles again on every call."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from itsdangerous import URLSafeTimedSerializer

from peel.web.adapters.translations import translations
from peel.web.domain.language import Localised, localised, other_language
from peel.web.domain.staff.identity import EVERY_ROLE, StaffRole, StaffSession, StaffUser
from peel.web.domain.tenants import TenantDisplay
from peel.web.entrypoints.http.context import ports
from peel.web.service_layer.staff.ports import StaffPorts, UserApis

COOKIE = "peel_staff"
EDITORS = (StaffRole.ADMIN, StaffRole.ENGAGEMENT_OFFICER)
ANALYSTS = (StaffRole.ADMIN, StaffRole.ENGAGEMENT_OFFICER, StaffRole.ANALYST)
CLERKS = (StaffRole.ADMIN, StaffRole.PANEL_CLERK)
ADMINS = (StaffRole.ADMIN,)
EVERYONE = tuple(StaffRole)


class SignInNeeded(Exception):
    """No live staff session: the browser is sent to sign in, and back to ``next`` afterwards (a GET only)."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class NotYourRole(Exception):
    """The signed-in user's roles do not include one the page needs: the 403 page, nothing called."""


@dataclass(frozen=True)
class StaffPage:
    """What every staff template knows: the language, the user, the office and how to link to a staff page."""

    lang: str
    user: StaffUser | None
    display: TenantDisplay
    nonce: str
    csrf: str
    path: str
    section: str = ""

    @property
    def tenant(self) -> str:
        return self.user.tenant if self.user else ""

    def href(self, *parts: object, **query: Any) -> str:
        tail = "/".join(quote(str(part), safe="") for part in parts if part != "")
        address = "/staff/" + tail
        wanted = {key: value for key, value in query.items() if value is not None and value != ""}
        return f"{address}?{urlencode(wanted, doseq=True)}" if wanted else address

    @property
    def other_lang(self) -> str:
        return other_language(self.lang)

    @property
    def alternate(self) -> str:
        """Switches the user's language and comes back to this page."""
        return self.href("language", self.other_lang, next=self.path)

    def may(self, *roles: str) -> bool:
        return self.user is not None and self.user.may(roles)

    def text(self, value: Mapping[str, str | None] | str | None) -> Localised:
        return localised(value, self.lang)


@dataclass
class Staff:
    """One staff page request: ``apis.<service>.get(...)`` calls a service as the user."""

    request: Request
    session: StaffSession
    page: StaffPage
    apis: UserApis

    @property
    def user(self) -> StaffUser:
        return self.session.user

    @property
    def form_token(self) -> str:
        return self.page.csrf

    def render(self, template: str, *, status_code: int = 200, **context: Any) -> HTMLResponse:
        return self.request.app.state.pages.render(self.page, template, status_code=status_code,
                                                   headers={"Cache-Control": "no-store"}, **context)

    def error_summary(self, field_errors: Mapping[str, str]) -> list[dict[str, str]]:
        return error_summary(self.request, self.page.lang, field_errors)

    def redirect(self, *parts: object, **query: Any) -> RedirectResponse:
        return RedirectResponse(self.page.href(*parts, **query), status_code=303)


def error_summary(request: Request, lang: str, field_errors: Mapping[str, str]) -> list[dict[str, str]]:
    """The error summary's entries, in the page's language: each links to its field (``#<field>``).

    ``field_errors`` maps a field's id to a message marked with ``N_``; the template shows the same message by the
    field (``field_errors`` passed too)."""
    translate = translations(lang).gettext
    return [{"text": translate(message), "href": f"#{key}"} for key, message in field_errors.items()]


def staff_ports(request: Request) -> StaffPorts:
    staff = ports(request).staff
    if staff is None:
        raise RuntimeError("the staff pages have no ports: create_app was given none")
    return staff


def session_id_of(request: Request) -> str:
    value = request.cookies.get(COOKIE, "")
    return value if 20 <= len(value) <= 64 else ""


async def live_session(request: Request) -> StaffSession | None:
    state = request.scope.setdefault("state", {})
    if "staff_session" not in state:
        session_id = session_id_of(request)
        state["staff_session"] = await staff_ports(request).sessions.find(session_id) if session_id else None
    return state["staff_session"]


def staff_page(*roles: StaffRole, section: str = "") -> Callable[[Request], Coroutine[Any, Any, Staff]]:
    """The dependency of a staff page that users with any of ``roles`` may open (every role when none given)."""
    wanted = frozenset(roles) or EVERY_ROLE

    async def signed_in(request: Request) -> Staff:
        session = await live_session(request)
        if session is None:
            raise SignInNeeded(_this_page(request))
        if not session.user.may(wanted):
            raise NotYourRole(request.url.path)
        display = await ports(request).tenants.display(session.user.tenant)
        page = StaffPage(lang=session.lang, user=session.user, display=display, section=section,
                         nonce=request.scope.get("state", {}).get("csp_nonce", ""),
                         csrf=staff_csrf_token(request, session.id), path=_this_page(request))
        source = request.client.host if request.client else "unknown"
        return Staff(request, session, page, UserApis.of(staff_ports(request), session.user, source))

    signed_in.staff_roles = wanted  # type: ignore[attr-defined] - read by the page tests' coverage check
    return signed_in


def _this_page(request: Request) -> str:
    query = request.url.query
    return f"{request.url.path}?{query}" if query else request.url.path


def signer(request: Request) -> URLSafeTimedSerializer:
    return request.app.state.staff_csrf_signer


def staff_csrf_token(request: Request, session_id: str) -> str:
    return signer(request).dumps(session_id)


def roles_named(roles: Iterable[str]) -> list[str]:
    return sorted(role for role in roles if role in EVERY_ROLE)
