"""The services verify the tokens the web service mints for signed-in staff through the JWKS it publishes
(``PEEL_AUTH_JWKS_URL`` = the web's ``/.well-known/jwks.json``): a member of staff signed in through a real OpenID
Connect provider uses a staff page that calls the consultation service; a token signed by any other key is refused."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from peel.common.auth.keys import ensure_key_pair, mint_token
from peel.consultation.bootstrap import create_app as consultation_app
from peel.consultation.settings import ConsultationSettings
from peel.web.adapters.staff_tokens import SigningKey
from peel.web.bootstrap import create_app as web_app
from peel.web.settings import WebSettings
from tests.support.oidc_provider import KEY, LocalProvider, local_provider, sign_in
from tests.support.servers import free_port, service_settings, serving
from tests.support.tokens import AUDIENCE, ISSUER, bearer


@dataclass
class Services:
    web: httpx.AsyncClient
    consultation: httpx.AsyncClient
    key_dir: Path


@pytest.fixture(scope="module")
def provider() -> LocalProvider:
    with local_provider() as running:
        yield running


@pytest.fixture
async def services(infra, new_database, topic_prefix, key_dir, provider: LocalProvider) -> AsyncIterator[Services]:
    common = {"kafka": infra.kafka_bootstrap, "prefix": topic_prefix, "key_dir": key_dir}
    web_port = free_port()
    jwks = f"http://127.0.0.1:{web_port}/.well-known/jwks.json"
    consultation = consultation_app(service_settings(
        ConsultationSettings, dsn=await new_database(), auth_jwks_url=jwks, notifications_url="http://127.0.0.1:9",
        **common))
    async with serving(consultation) as consultation_url:
        web = web_app(service_settings(WebSettings, dsn=await new_database(), consultation_url=consultation_url,
                                       staff_token_key_path=key_dir / "jwt-private.pem",
                                       oidc_providers={KEY: provider.settings()}, **common))
        async with serving(web, port=web_port) as web_url, \
                httpx.AsyncClient(base_url=web_url, timeout=30) as web_client, \
                httpx.AsyncClient(base_url=consultation_url, timeout=30) as consultation_client:
            yield Services(web_client, consultation_client, key_dir)


def other_key(directory: Path) -> bytes:
    ensure_key_pair(directory)
    return (directory / "jwt-private.pem").read_bytes()


async def test_a_signed_in_officers_staff_page_calls_the_service_with_a_token_it_verifies_by_the_jwks(
        services: Services, provider: LocalProvider) -> None:
    provider.set_user("ann", name="Ann Officer", groups=["peel-officers"])
    assert (await sign_in(services.web, "ann", next_path="/staff/consultations")).status_code == 303
    page = await services.web.get("/staff/consultations")
    assert page.status_code == 200, page.text


async def test_a_token_signed_by_the_webs_key_is_accepted_and_by_another_key_refused(
        services: Services, tmp_path: Path) -> None:
    web_key = SigningKey.from_file(services.key_dir / "jwt-private.pem", issuer=ISSUER, audience=AUDIENCE)
    claims = {"tenant": "cheshire", "roles": ["engagement_officer"], "subject": "office-idp:ann", "issuer": ISSUER,
              "audience": AUDIENCE, "ttl_seconds": 300}
    ours = mint_token((services.key_dir / "jwt-private.pem").read_bytes(), key_id=web_key.kid, **claims)
    impostor = other_key(tmp_path / "other")
    same_kid = mint_token(impostor, key_id=web_key.kid, **claims)
    unknown_kid = mint_token(impostor, key_id="not-the-webs-key", **claims)
    no_kid = mint_token(impostor, **claims)
    assert (await services.consultation.get("/v1/consultations", headers=bearer(ours))).status_code == 200
    for forged in (same_kid, unknown_kid, no_kid):
        assert (await services.consultation.get("/v1/consultations", headers=bearer(forged))).status_code == 401
