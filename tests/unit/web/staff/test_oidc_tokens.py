"""The identity provider adapter believes an ID token only when every check passes: its signature by the provider's
key, issuer, audience, expiry and this sign-in's nonce. The provider's HTTP is faked at the transport; the real
provider is in tests/integration/test_web_staff_oidc.py."""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from jwt.algorithms import RSAAlgorithm

from peel.common.auth.keys import generate_key_pair
from peel.web.adapters.staff_oidc import OidcIdentityProvider
from peel.web.domain.staff.role_mapping import ProviderIdentity
from peel.web.service_layer.ports import ServiceUnavailable
from peel.web.service_layer.staff.ports import SignInFailed
from peel.web.settings import IdentityProviderSettings

ISSUER = "https://idp.example"
PRIVATE, PUBLIC = generate_key_pair()
OTHER_PRIVATE, _ = generate_key_pair()
JWKS = {"keys": [{**json.loads(RSAAlgorithm.to_jwk(serialization.load_pem_public_key(PUBLIC))), "kid": "k1"}]}


def id_token(key: bytes = PRIVATE, kid: str | None = "k1", **changed: Any) -> str:
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": "peel-web", "sub": "ann", "iat": now, "exp": now + 300, "nonce": "n-1",
              "name": "Ann Officer", "email": "ann@example.gov.uk", "groups": ["peel-officers"], **changed}
    claims = {name: value for name, value in claims.items() if value is not None}
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid} if kid else None)


class FakeProviderHttp:
    """The provider's discovery document and token endpoint; records what the token endpoint was sent."""

    def __init__(self, token: str | None = None, *, issuer: str = ISSUER, token_status: int = 200) -> None:
        self.token, self.issuer, self.token_status = token, issuer, token_status
        self.exchanged: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/.well-known/openid-configuration":
            return httpx.Response(200, json={"issuer": self.issuer, "jwks_uri": f"{ISSUER}/jwks",
                                             "authorization_endpoint": f"{ISSUER}/authorize",
                                             "token_endpoint": f"{ISSUER}/token"})
        self.exchanged.append(request)
        return httpx.Response(self.token_status, json={"id_token": self.token, "access_token": "a"})


@pytest.fixture(autouse=True)
def _provider_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jwt.PyJWKClient, "fetch_data", lambda self: JWKS)


def provider(http: FakeProviderHttp, **settings: Any) -> OidcIdentityProvider:
    config = IdentityProviderSettings(**{"name": "Office", "issuer": ISSUER, "client_id": "peel-web",
                                         "client_secret": "s3cret", "tenant": "cheshire", **settings})
    return OidcIdentityProvider("office-idp", config, transport=httpx.MockTransport(http))


async def signed_in(http: FakeProviderHttp, **settings: Any) -> ProviderIdentity:
    return await provider(http, **settings).identity(code="c-1", redirect_uri="https://peel.example/cb",
                                                     code_verifier="v-1", nonce="n-1")


async def test_a_verified_id_token_says_who_signed_in() -> None:
    http = FakeProviderHttp(id_token())
    identity = await signed_in(http)
    assert (identity.provider, identity.subject, identity.tenant) == ("office-idp", "ann", "cheshire")
    assert (identity.name, identity.email, identity.groups) == ("Ann Officer", "ann@example.gov.uk",
                                                                 {"peel-officers"})
    [exchange] = http.exchanged
    sent = parse_qs(exchange.content.decode())
    assert sent["code_verifier"] == ["v-1"] and sent["code"] == ["c-1"] and sent["grant_type"] == ["authorization_code"]
    assert exchange.headers["authorization"].startswith("Basic ")


async def test_the_browser_is_sent_with_the_pkce_challenge_and_the_nonce() -> None:
    address = await provider(FakeProviderHttp()).authorization_url(
        redirect_uri="https://peel.example/cb", state="s-1", nonce="n-1", code_challenge="ch-1")
    query = {key: values[0] for key, values in parse_qs(urlsplit(address).query).items()}
    assert address.startswith(f"{ISSUER}/authorize?")
    assert query == {"response_type": "code", "client_id": "peel-web", "redirect_uri": "https://peel.example/cb",
                     "scope": "openid profile email", "state": "s-1", "nonce": "n-1", "code_challenge": "ch-1",
                     "code_challenge_method": "S256"}


@pytest.mark.parametrize("token", [
    pytest.param(id_token(nonce="another-sign-in"), id="another nonce"),
    pytest.param(id_token(nonce=None), id="no nonce"),
    pytest.param(id_token(exp=int(time.time()) - 600), id="expired"),
    pytest.param(id_token(aud="someone-else"), id="another audience"),
    pytest.param(id_token(aud=["peel-web", "someone-else"]), id="several audiences, no azp"),
    pytest.param(id_token(iss="https://evil.example"), id="another issuer"),
    pytest.param(id_token(key=OTHER_PRIVATE), id="signed by another key"),
    pytest.param(id_token(key=OTHER_PRIVATE, kid=None), id="signed by another key, naming none"),
    pytest.param(id_token(sub=None), id="no subject"),
    pytest.param(jwt.encode({"iss": ISSUER, "aud": "peel-web", "sub": "ann", "nonce": "n-1",
                             "exp": int(time.time()) + 300, "iat": int(time.time())}, "k" * 32, algorithm="HS256"),
                 id="signed with a shared secret"),
    pytest.param("not-a-token", id="not a token"),
])
async def test_an_id_token_failing_any_check_is_refused(token: str) -> None:
    with pytest.raises(SignInFailed):
        await signed_in(FakeProviderHttp(token))


async def test_several_audiences_are_accepted_when_peel_is_the_authorised_party() -> None:
    identity = await signed_in(FakeProviderHttp(id_token(aud=["peel-web", "api"], azp="peel-web")))
    assert identity.subject == "ann"


async def test_a_provider_naming_another_issuer_is_refused() -> None:
    with pytest.raises(SignInFailed):
        await signed_in(FakeProviderHttp(id_token(), issuer="https://evil.example"))


async def test_a_code_the_provider_refuses_is_a_failed_sign_in() -> None:
    with pytest.raises(SignInFailed):
        await signed_in(FakeProviderHttp(id_token(), token_status=400))


async def test_a_provider_not_answering_is_unavailable() -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    config = IdentityProviderSettings(name="Office", issuer=ISSUER, client_id="peel-web", tenant="cheshire")
    with pytest.raises(ServiceUnavailable):
        await OidcIdentityProvider("office-idp", config, transport=httpx.MockTransport(down)).authorization_url(
            redirect_uri="https://peel.example/cb", state="s", nonce="n", code_challenge="c")


async def test_the_office_may_come_from_a_claim() -> None:
    identity = await signed_in(FakeProviderHttp(id_token(office="dyfed-powys")), tenant="", tenant_claim="office")
    assert identity.tenant == "dyfed-powys"
    with pytest.raises(SignInFailed):
        await signed_in(FakeProviderHttp(id_token()), tenant="", tenant_claim="office")


async def test_the_groups_claim_is_configurable() -> None:
    identity = await signed_in(FakeProviderHttp(id_token(roles=["peel-admins"])), groups_claim="roles")
    assert identity.groups == {"peel-admins"}
