"""Security on every page: a per-request nonce CSP, the session cookie, forms refused when forged or posted from
another site, and offices addressed by host name."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

import httpx
import pytest
from fastapi import Depends, Request
from fastapi.responses import PlainTextResponse
from starlette.datastructures import FormData

from peel.web.entrypoints.http.csrf import checked_form
from peel.web.service_layer.ports import WebPorts
from tests.support.web_pages import PageClient, app_routes, app_with, fake_ports

ACCEPTED: list[dict] = []


async def _accept(request: Request, form: Annotated[FormData, Depends(checked_form)]) -> PlainTextResponse:
    ACCEPTED.append(dict(form))
    return PlainTextResponse("accepted")


@pytest.fixture
async def forms(ports: WebPorts) -> AsyncIterator[PageClient]:
    """The app with one extra form route, to prove the CSRF check itself."""
    app = app_with(ports)
    app.add_api_route("/{lang}/{tenant}/a-form", _accept, methods=["POST"])
    ACCEPTED.clear()
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://peel.test") as client:
            yield PageClient(app, client, set())


async def test_every_page_has_a_fresh_nonce_and_every_script_carries_it(pages: PageClient) -> None:
    first, second = await pages.get("/en/cheshire/cookies"), await pages.get("/en/cheshire/cookies")
    policy = first.response.headers["content-security-policy"]
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert nonce != second.response.headers["content-security-policy"].split("'nonce-")[1].split("'")[0]
    assert "frame-ancestors 'none'" in policy and "form-action 'self'" in policy
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    for element in first.soup.find_all(["script", "style"]):
        assert element.get("nonce") == nonce, element
    assert not first.soup.find_all(style=True)


async def test_pages_load_nothing_from_another_site(pages: PageClient) -> None:
    page = await pages.get("/cy/cheshire/privacy")
    addresses = [element.get("src") or element.get("href") for element in page.soup.find_all(["script", "link", "img"])]
    assert addresses
    for address in filter(None, addresses):
        assert address.startswith(("/", "data:")), address


async def test_the_session_cookie_is_http_only_and_same_site(pages: PageClient) -> None:
    cookie = (await pages.get("/en/cheshire/cookies")).response.headers["set-cookie"]
    assert cookie.startswith("peel_session=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize(("lang", "heading"), [("en", "Your form could not be sent"),
                                               ("cy", "Nid oedd modd anfon eich ffurflen")])
async def test_a_form_without_its_token_is_refused_and_nothing_is_done(forms: PageClient, lang: str,
                                                                       heading: str) -> None:
    await forms.get(f"/{lang}/cheshire/cookies")
    page = await forms.post(f"/{lang}/cheshire/a-form", {"answer": "yes"}, csrf=False)
    assert (page.status, page.lang, page.h1) == (400, lang, heading)
    assert ACCEPTED == []


async def test_a_forged_token_is_refused(forms: PageClient) -> None:
    await forms.get("/en/cheshire/cookies")
    page = await forms.post("/en/cheshire/a-form", {"answer": "yes", "csrf_token": "forged.token.value"})
    assert page.status == 400
    assert ACCEPTED == []


async def test_another_browsers_token_is_refused(forms: PageClient) -> None:
    await forms.get("/en/cheshire/cookies")
    page = await forms.post("/en/cheshire/a-form", {"answer": "yes", "csrf_token": _token_of_another_session()})
    assert page.status == 400
    assert ACCEPTED == []


async def test_a_form_posted_from_another_site_is_forbidden(forms: PageClient) -> None:
    await forms.get("/cy/cheshire/cookies")
    page = await forms.post("/cy/cheshire/a-form", {"answer": "yes"}, headers={"Origin": "https://evil.example"})
    assert (page.status, page.lang) == (403, "cy")
    assert ACCEPTED == []


async def test_a_form_with_its_token_from_this_site_is_accepted(forms: PageClient) -> None:
    await forms.get("/en/cheshire/cookies")
    page = await forms.post("/en/cheshire/a-form", {"answer": "yes"}, headers={"Origin": "http://peel.test"})
    assert page.response.text == "accepted"
    assert ACCEPTED[0]["answer"] == "yes"


def test_every_page_form_route_checks_its_token() -> None:
    app = app_with(fake_ports())
    unchecked = [route.path for route in app_routes(app) if "POST" in getattr(route, "methods", ())
                 and route.path.startswith("/{lang}/") and not _depends_on(route.dependant, checked_form)]
    assert not unchecked


async def test_an_office_may_be_addressed_by_its_own_host_name(ports: WebPorts) -> None:
    app = app_with(ports, host_tenants={"haveyoursay.cheshire.example": "cheshire"})
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://haveyoursay.cheshire.example") as client:
            page = await PageClient(app, client, set()).get("/cy/privacy")
    assert (page.status, page.lang) == (200, "cy")
    assert page.soup.find("a", class_="govuk-footer__link")["href"] == "/cy/cookies"
    assert page.soup.find("a", hreflang="en")["href"] == "/en/privacy"


def _token_of_another_session() -> str:
    from itsdangerous import URLSafeTimedSerializer

    from peel.web.settings import DEVELOPMENT_SECRET

    return URLSafeTimedSerializer(DEVELOPMENT_SECRET, salt="csrf").dumps("another-browsers-session-id-0123456789")


def _depends_on(dependant: object, wanted: object) -> bool:
    return any(getattr(sub, "call", None) is wanted or _depends_on(sub, wanted)
               for sub in getattr(dependant, "dependencies", []))
