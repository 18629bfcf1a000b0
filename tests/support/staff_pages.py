"""Staff page tests without a browser: the web app with the services, staff sessions and token minting faked.

``StaffPageClient.sign_in(*roles)`` starts a session as a browser would have one; each request records whether its
route was *allowed* (the page answered) or *refused* (403, or sent to sign in), so a test module's ``COVERS`` can be
checked for both states (``tests/unit/web/staff/conftest.py``)."""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
from bs4 import BeautifulSoup
from fastapi import FastAPI
from starlette.routing import Match

from peel.web.domain.staff.identity import StaffRole, StaffSession, StaffUser
from peel.web.domain.staff.role_mapping import ProviderIdentity
from peel.web.service_layer.ports import Json, NotFoundThere, ServiceUnavailable, WebPorts
from peel.web.service_layer.staff.ports import SignInFailed, StaffPorts
from tests.support.web_pages import Answer, Html, app_routes, fake_ports

TENANT = "cheshire"


@dataclass
class FakeStaffApi:
    """A service's API as a staff page calls it: answers by (method, path); unknown paths are 404s.

    ``calls`` records (method, path, body or params, token) so a test sees whose token each call carried."""

    answers: dict[tuple[str, str], Answer] = field(default_factory=dict)
    calls: list[tuple[str, str, Any, str]] = field(default_factory=list)

    def on(self, method: str, path: str, answer: Answer) -> FakeStaffApi:
        self.answers[(method, path)] = answer
        return self

    def sent(self, method: str, path: str) -> list[Any]:
        return [body for called_method, called, body, _ in self.calls if (called_method, called) == (method, path)]

    async def get(self, path: str, *, token: str, source: str, params: Mapping[str, Any] | None = None) -> Any:
        return self._answer("GET", path, dict(params or {}), token)

    async def get_bytes(self, path: str, *, token: str, source: str,
                        params: Mapping[str, Any] | None = None) -> bytes:
        return self._answer("GET", path, dict(params or {}), token)

    async def send(self, method: str, path: str, *, token: str, source: str, json: Any = None) -> Json:
        return self._answer(method, path, json, token)

    async def send_text(self, method: str, path: str, *, token: str, source: str, text: str,
                        content_type: str) -> Json:
        return self._answer(method, path, text, token)

    def _answer(self, method: str, path: str, body: Any, token: str) -> Any:
        self.calls.append((method, path, body, token))
        if (method, path) not in self.answers:
            raise NotFoundThere(path)
        answer = self.answers[(method, path)]
        if callable(answer) and not isinstance(answer, type):
            answer = answer(body, {"token": token})
        if isinstance(answer, Exception):
            raise answer
        return answer


class FakeStaffSessions:
    def __init__(self) -> None:
        self.sessions: dict[str, StaffSession] = {}
        self.ended: set[str] = set()

    async def start(self, user: StaffUser, *, lang: str = "en") -> StaffSession:
        now = datetime.now(UTC)
        session = StaffSession(id=secrets.token_urlsafe(32), user=user, started_at=now, last_seen_at=now, lang=lang)
        self.sessions[session.id] = session
        return session

    async def find(self, session_id: str) -> StaffSession | None:
        return None if session_id in self.ended else self.sessions.get(session_id)

    async def set_language(self, session_id: str, lang: str) -> None:
        self.sessions[session_id] = replace(self.sessions[session_id], lang=lang)

    async def end(self, session_id: str) -> None:
        self.ended.add(session_id)

    async def end_everywhere(self, tenant: str, subject: str) -> int:
        mine = {key for key, one in self.sessions.items()
                if (one.user.tenant, one.user.subject) == (tenant, subject) and key not in self.ended}
        self.ended |= mine
        return len(mine)


class FakeTokens:
    """Tokens that say whose they are, so a test can check each call was made as the signed-in user."""

    def mint(self, user: StaffUser) -> str:
        return f"token:{user.tenant}:{user.subject}:{','.join(sorted(user.roles))}"

    def jwks(self) -> dict[str, Any]:
        return {"keys": [{"kty": "RSA", "kid": "fake", "n": "AQAB", "e": "AQAB"}]}


class FakeRoleMappings:
    """Each office's saved mapping of identity provider groups to roles (none saved: an empty mapping)."""

    def __init__(self) -> None:
        self.saved: dict[str, dict[str, list[str]]] = {}
        self.saved_by: dict[str, str] = {}

    async def mapping(self, tenant: str) -> dict[str, list[str]]:
        return {group: list(roles) for group, roles in self.saved.get(tenant, {}).items()}

    async def set_mapping(self, tenant: str, mapping: Mapping[str, list[str]], *, by: str) -> None:
        self.saved[tenant] = {group: list(roles) for group, roles in mapping.items()}
        self.saved_by[tenant] = by


@dataclass
class FakeIdentityProvider:
    """An identity provider that vouches for whoever a test says, checking the nonce and PKCE verifier of the
    sign-in it was asked for as a real one would: ``code = provider.signs_in(identity)`` after the redirect to it."""

    key: str = "office-idp"
    name: str = "Office identity provider"
    default_mapping: dict[str, list[str]] = field(default_factory=lambda: {"peel-officers": ["engagement_officer"]})
    asked: list[dict[str, str]] = field(default_factory=list)
    codes: dict[str, tuple[ProviderIdentity, dict[str, str]]] = field(default_factory=dict)
    down: bool = False

    async def authorization_url(self, *, redirect_uri: str, state: str, nonce: str, code_challenge: str) -> str:
        if self.down:
            raise ServiceUnavailable(self.key)
        query = {"redirect_uri": redirect_uri, "state": state, "nonce": nonce, "code_challenge": code_challenge}
        self.asked.append(query)
        return f"https://idp.example/authorize?{urlencode(query)}"

    def signs_in(self, identity: ProviderIdentity, *, nonce: str | None = None) -> str:
        """The code the provider gives for the last sign-in it was asked for (``nonce``: a token with another)."""
        asked = dict(self.asked[-1])
        if nonce is not None:
            asked["nonce"] = nonce
        code = secrets.token_urlsafe(12)
        self.codes[code] = (identity, asked)
        return code

    async def identity(self, *, code: str, redirect_uri: str, code_verifier: str, nonce: str) -> ProviderIdentity:
        if code not in self.codes:
            raise SignInFailed("unknown code")
        identity, asked = self.codes.pop(code)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(code_verifier.encode()).digest()).rstrip(b"=").decode()
        if challenge != asked["code_challenge"] or redirect_uri != asked["redirect_uri"]:
            raise SignInFailed("the code was asked for by another")
        if nonce != asked["nonce"]:
            raise SignInFailed("the ID token's nonce is not this sign-in's")
        return identity


def query_of(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def fake_staff_ports() -> StaffPorts:
    return StaffPorts(FakeStaffApi(), FakeStaffApi(), FakeStaffApi(), FakeStaffApi(), FakeStaffSessions(),
                      FakeTokens(), FakeRoleMappings())


def fake_ports_with_staff() -> WebPorts:
    ports = fake_ports()
    ports.staff = fake_staff_ports()
    return ports


class StaffPageClient:
    """Requests staff pages as one browser would, recording each route's state: ``allowed`` or ``refused``."""

    def __init__(self, app: FastAPI, client: httpx.AsyncClient, ports: WebPorts,
                 visited: set[tuple[str, str, str]]) -> None:
        self.app, self._client, self.ports, self._visited = app, client, ports, visited
        self.user: StaffUser | None = None
        self.last_form_token: str | None = None

    @property
    def staff(self) -> StaffPorts:
        assert self.ports.staff is not None
        return self.ports.staff

    async def sign_in(self, *roles: StaffRole | str, tenant: str = TENANT, lang: str = "en",
                      name: str = "Sam Officer") -> StaffUser:
        """A session for a user with ``roles`` (an engagement officer when none given)."""
        chosen = frozenset(str(role) for role in roles) or frozenset({StaffRole.ENGAGEMENT_OFFICER.value})
        user = StaffUser(subject=f"user-{'-'.join(sorted(chosen))}", tenant=tenant, name=name, roles=chosen)
        session = await self.staff.sessions.start(user, lang=lang)
        self._client.cookies.set("peel_staff", session.id, path="/staff")
        self.user, self.last_form_token = user, None
        return user

    def sign_out(self) -> None:
        self._client.cookies.clear()
        self.user = None

    def token(self) -> str:
        return self.staff.tokens.mint(self.user) if self.user else ""

    async def get(self, path: str, **kwargs: Any) -> Html:
        return self._page(await self._client.get(path, **kwargs), "GET", path)

    async def post(self, path: str, data: dict[str, Any] | None = None, *, csrf: bool = True, **kwargs: Any) -> Html:
        form = dict(data or {})
        if csrf and "csrf_token" not in form:
            form["csrf_token"] = self._token_for_this_session()
        return self._page(await self._client.post(path, data=form, **kwargs), "POST", path)

    def _token_for_this_session(self) -> str:
        return self.app.state.staff_csrf_signer.dumps(self._client.cookies.get("peel_staff", ""))

    def _page(self, response: httpx.Response, method: str, path: str) -> Html:
        html = Html(response, _soup(response.text))
        self._record(method, path, response)
        self.last_form_token = html.csrf() or self.last_form_token
        return html

    def _record(self, method: str, path: str, response: httpx.Response) -> None:
        scope = {"type": "http", "method": method, "path": path.split("?")[0]}
        for route in app_routes(self.app):
            if route.matches(scope)[0] == Match.FULL:
                self._visited.add((method, getattr(route, "path", ""), state_of(response)))
                return


def state_of(response: httpx.Response) -> str:
    """``refused`` for a 403 or a redirect to sign in; ``allowed`` for a page answered (below 400); an error page
    (a 404, a 422 form, a 500) counts as neither, so a route only ever seen failing is not covered."""
    location = response.headers.get("location", "")
    if response.status_code == 403 or (response.status_code == 303 and location.startswith("/staff/sign-in")):
        return "refused"
    return "allowed" if response.status_code < 400 else f"answered {response.status_code}"


def _soup(text: str) -> BeautifulSoup:
    return BeautifulSoup(text, "html.parser")


def staff_routes(app: FastAPI) -> set[tuple[str, str]]:
    """Every staff page route (method, path): those under /staff."""
    found = set()
    for route in app_routes(app):
        path = getattr(route, "path", "")
        if path == "/staff" or path.startswith("/staff/"):
            found |= {(method, path) for method in getattr(route, "methods", ()) if method != "HEAD"}
    return found


def not_found(path: str = "") -> NotFoundThere:
    return NotFoundThere(path)
