"""Signing in to the staff pages through a real OpenID Connect provider (oidc-provider-mock), all over real HTTP:
the web service as the relying party, its sessions in PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import asyncpg
import httpx
import pytest

from peel.web.bootstrap import create_app
from peel.web.settings import WebSettings
from tests.support.oidc_provider import KEY, LocalProvider, authorize, local_provider, sign_in, start_sign_in
from tests.support.servers import service_settings, serving


@pytest.fixture(scope="module")
def provider() -> LocalProvider:
    with local_provider() as running:
        yield running


@pytest.fixture
async def web_db(infra, new_database) -> str:
    return await new_database()


@pytest.fixture
async def web(infra, web_db, topic_prefix, key_dir, provider: LocalProvider) -> AsyncIterator[httpx.AsyncClient]:
    settings = service_settings(WebSettings, dsn=web_db, kafka=infra.kafka_bootstrap, prefix=topic_prefix,
                                key_dir=key_dir, staff_token_key_path=key_dir / "jwt-private.pem",
                                oidc_providers={KEY: provider.settings()})
    async with serving(create_app(settings)) as url, httpx.AsyncClient(base_url=url, timeout=30) as client:
        yield client


def with_state(url: str, state: str) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query)) | {"state": state}
    return urlunsplit(parts._replace(query=urlencode(query)))


async def stored_sessions(dsn: str) -> list[asyncpg.Record]:
    connection = await asyncpg.connect(dsn)
    try:
        return await connection.fetch("SELECT tenant, subject, name, email, roles FROM web_staff_sessions")
    finally:
        await connection.close()


async def test_a_member_of_staff_signs_in_with_the_roles_their_groups_map_to(
        web: httpx.AsyncClient, provider: LocalProvider, web_db: str) -> None:
    provider.set_user("ann", name="Ann Officer", groups=["peel-officers", "peel-analysts", "all-staff"])
    answered = await sign_in(web, "ann", next_path="/staff/consultations")
    assert answered.status_code == 303 and answered.headers["location"] == "/staff/consultations"
    [session] = await stored_sessions(web_db)
    assert (session["tenant"], session["subject"], session["name"]) == ("cheshire", f"{KEY}:ann", "Ann Officer")
    assert sorted(session["roles"]) == ["analyst", "engagement_officer"]
    assert session["email"] == "ann@example.gov.uk"
    language = await web.get("/staff/language/en?next=/staff/signed-out")  # a page only a signed-in user opens
    assert language.status_code == 303 and language.headers["location"] == "/staff/signed-out"


async def test_someone_whose_groups_map_to_no_role_is_refused_and_nothing_kept(
        web: httpx.AsyncClient, provider: LocalProvider, web_db: str) -> None:
    provider.set_user("zed", name="Zed Finance", groups=["finance"])
    answered = await sign_in(web, "zed")
    assert answered.status_code == 403 and "You do not have a role in Peel" in answered.text
    assert await stored_sessions(web_db) == []
    assert (await web.get("/staff/language/en?next=/staff/")).headers["location"].startswith("/staff/sign-in")


async def test_a_tampered_state_is_refused(web: httpx.AsyncClient, provider: LocalProvider, web_db: str) -> None:
    provider.set_user("ann", name="Ann Officer", groups=["peel-officers"])
    callback = await authorize(await start_sign_in(web), "ann")
    answered = await web.get(with_state(callback, "forged-state"))
    assert answered.status_code == 400 and await stored_sessions(web_db) == []


async def test_an_id_token_issued_for_another_sign_in_is_refused_by_its_nonce(
        web: httpx.AsyncClient, provider: LocalProvider, web_db: str) -> None:
    """The browser's own state, but a code whose ID token carries another sign-in's nonce."""
    provider.set_user("ann", name="Ann Officer", groups=["peel-officers"])
    mine = dict(parse_qsl(urlsplit(await start_sign_in(web)).query))
    async with httpx.AsyncClient(base_url=str(web.base_url), timeout=30) as elsewhere:
        theirs = await start_sign_in(elsewhere)
    callback = await authorize(with_state(theirs, mine["state"]), "ann")
    answered = await web.get(callback)
    assert answered.status_code == 400 and "could not be checked" in answered.text
    assert await stored_sessions(web_db) == []


async def test_a_sign_in_denied_at_the_provider_signs_no_one_in(web: httpx.AsyncClient, provider: LocalProvider,
                                                                web_db: str) -> None:
    authorize_url = await start_sign_in(web)
    async with httpx.AsyncClient(timeout=10) as browser:
        denied = await browser.post(authorize_url, data={"action": "deny"})
    answered = await web.get(denied.headers["location"])
    assert answered.status_code == 400 and await stored_sessions(web_db) == []


async def test_the_sign_in_page_offers_the_configured_provider(web: httpx.AsyncClient) -> None:
    page = await web.get("/staff/sign-in")
    assert "Sign in with Office identity provider" in page.text
