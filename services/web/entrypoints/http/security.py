"""Every response's security headers, a per-request CSP nonce, the session cookie, and offices named by host."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from http.cookies import SimpleCookie

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from peel.web.domain.addresses import is_link_page, language_of

COOKIE = "peel_session"


def _is_page(path: str) -> bool:
    return path == "/" or language_of(path) is not None


def content_security_policy(nonce: str) -> str:
    return "; ".join([
        "default-src 'self'", f"script-src 'self' 'nonce-{nonce}'", f"style-src 'self' 'nonce-{nonce}'",
        "img-src 'self' data:", "font-src 'self'", "connect-src 'self'", "form-action 'self'",
        "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'",
    ])


class PageSecurity:
    """Pure ASGI (no per-request task): sets ``state`` (nonce, session id, page path) and adds the headers."""

    def __init__(self, app: ASGIApp, *, secure_cookie: bool, session_seconds: int,
                 host_tenants: Mapping[str, str]) -> None:
        self.app = app
        self._secure = secure_cookie
        self._max_age = session_seconds
        self._host_tenants = dict(host_tenants)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        nonce = secrets.token_urlsafe(16)
        session_id, new_session = self._session(scope) if _is_page(scope["path"]) else ("", False)
        state.update(csp_nonce=nonce, session_id=session_id, page_path=scope["path"])
        self._tenant_from_host(scope, state)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self._headers(nonce, session_id, new_session)]
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _session(self, scope: Scope) -> tuple[str, bool]:
        for name, value in scope["headers"]:
            if name == b"cookie":
                morsel = SimpleCookie(value.decode("latin-1")).get(COOKIE)
                if morsel and 20 <= len(morsel.value) <= 64:
                    return morsel.value, False
        return secrets.token_urlsafe(32), True

    def _tenant_from_host(self, scope: Scope, state: dict) -> None:
        host = next((value.decode("latin-1") for name, value in scope["headers"] if name == b"host"), "")
        tenant = self._host_tenants.get(host.split(":")[0])
        lang, path = language_of(scope["path"]), scope["path"]
        if tenant and lang and not is_link_page(path):
            scope["path"] = f"/{lang}/{tenant}/" + (path.split("/", 2)[2] if path.count("/") >= 2 else "")
            state["tenant_in_host"] = True

    def _headers(self, nonce: str, session_id: str, new_session: bool) -> list[tuple[bytes, bytes]]:
        headers = [
            (b"content-security-policy", content_security_policy(nonce).encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),  # links carry tokens: never leak them to another site
            (b"x-frame-options", b"DENY"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
        ]
        if new_session:
            secure = "; Secure" if self._secure else ""
            cookie = f"{COOKIE}={session_id}; Path=/; HttpOnly; SameSite=Lax; Max-Age={self._max_age}{secure}"
            headers.append((b"set-cookie", cookie.encode()))
        return headers
