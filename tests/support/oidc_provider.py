"""A real OpenID Connect provider for the sign-in tests: ``oidc-provider-mock`` served in a thread on 127.0.0.1, its
users' claims (name, email, groups) set over its API, and staff signing in through it over real HTTP."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from bs4 import BeautifulSoup
from oidc_provider_mock import run_server_in_thread

KEY = "office-idp"
NAME = "Office identity provider"
ROLE_MAPPING = {"peel-admins": ["admin"], "peel-officers": ["engagement_officer"], "peel-analysts": ["analyst"],
                "peel-clerks": ["panel_clerk"], "peel-viewers": ["viewer"]}
ROLE_GROUPS = {roles[0]: group for group, roles in ROLE_MAPPING.items()}


@dataclass(frozen=True)
class LocalProvider:
    """The running provider: ``url`` is its issuer."""

    url: str

    def set_user(self, subject: str, *, name: str, groups: list[str], email: str = "", **claims: Any) -> None:
        claims = {"name": name, "email": email or f"{subject}@example.gov.uk", "groups": groups, **claims}
        httpx.put(f"{self.url}/users/{subject}", json=claims, timeout=10).raise_for_status()

    def settings(self, *, tenant: str = "cheshire", name: str = NAME, **extra: Any) -> dict[str, Any]:
        """The ``oidc_providers`` entry of the web's settings for this provider."""
        return {"name": name, "issuer": self.url, "client_id": "peel-web", "client_secret": "peel-web-secret",
                "tenant": tenant, "role_mapping": ROLE_MAPPING, **extra}


@contextmanager
def local_provider() -> Iterator[LocalProvider]:
    os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")  # the provider is reached over plain HTTP locally
    with run_server_in_thread(require_nonce=True) as server:
        yield LocalProvider(f"http://127.0.0.1:{server.server_port}")


def groups_for(roles: list[str]) -> list[str]:
    return [ROLE_GROUPS[role] for role in roles]


async def start_sign_in(web: httpx.AsyncClient, key: str = KEY, next_path: str = "/staff/") -> str:
    """Presses the provider's button on the sign-in page; answers the provider's address the browser is sent to."""
    page = BeautifulSoup((await web.get(f"/staff/sign-in?next={next_path}")).text, "html.parser")
    form = page.find("form", {"action": f"/staff/sign-in/{key}"})
    token = form.find("input", {"name": "csrf_token"})["value"]
    sent = await web.post(f"/staff/sign-in/{key}", data={"csrf_token": token, "next": next_path})
    assert sent.status_code == 200, sent.text
    return BeautifulSoup(sent.text, "html.parser").find("a", {"id": "continue"})["href"]


async def authorize(authorize_url: str, subject: str) -> str:
    """Signs in as ``subject`` on the provider's page; answers where it sends the browser back (the callback)."""
    async with httpx.AsyncClient(timeout=10) as browser:
        answered = await browser.post(authorize_url, data={"sub": subject})
    assert answered.status_code == 302, answered.text
    return answered.headers["location"]


async def sign_in(web: httpx.AsyncClient, subject: str, *, key: str = KEY,
                  next_path: str = "/staff/") -> httpx.Response:
    """The whole flow; answers the web's answer to the callback (a 303 to ``next_path`` once signed in)."""
    callback = await authorize(await start_sign_in(web, key, next_path), subject)
    return await web.get(callback)
