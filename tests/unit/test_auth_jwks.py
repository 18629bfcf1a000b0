"""Tokens verified against a JWKS (the web service's, for staff users' tokens): the key the token names, a new key
fetched after a rotation, and tokens naming unknown keys unable to make the service fetch the keys in a flood."""

from __future__ import annotations

import json

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from jwt.algorithms import RSAAlgorithm

from peel.common.auth.keys import generate_key_pair, mint_token
from peel.common.auth.tokens import InvalidToken, TokenVerifier

ISSUER, AUDIENCE = "peel-test", "peel"
OLD_PRIVATE, OLD_PUBLIC = generate_key_pair()
NEW_PRIVATE, NEW_PUBLIC = generate_key_pair()


def jwk(public: bytes, kid: str) -> dict:
    return {**json.loads(RSAAlgorithm.to_jwk(serialization.load_pem_public_key(public))), "kid": kid, "use": "sig"}


class PublishedKeys:
    def __init__(self, *keys: dict) -> None:
        self.keys, self.fetched, self.now = list(keys), 0, 1000.0

    def fetch(self) -> dict:
        self.fetched += 1
        return {"keys": self.keys}


@pytest.fixture
def published(monkeypatch: pytest.MonkeyPatch) -> PublishedKeys:
    keys = PublishedKeys(jwk(OLD_PUBLIC, "old"))
    monkeypatch.setattr(jwt.PyJWKClient, "fetch_data", lambda _client: keys.fetch())
    return keys


def verifier(published: PublishedKeys) -> TokenVerifier:
    return TokenVerifier(issuer=ISSUER, audience=AUDIENCE, jwks_url="http://web.test/.well-known/jwks.json",
                         clock=lambda: published.now)


def token(private: bytes, kid: str | None) -> str:
    return mint_token(private, tenant="cheshire", roles=["analyst"], subject="idp:ann", issuer=ISSUER,
                      audience=AUDIENCE, key_id=kid)


async def test_a_token_signed_by_the_published_key_it_names_is_verified(published: PublishedKeys) -> None:
    checking = verifier(published)
    principal = await checking.verify(token(OLD_PRIVATE, "old"))
    assert (principal.subject, principal.tenant) == ("idp:ann", "cheshire")
    await checking.verify(token(OLD_PRIVATE, "old"))
    assert published.fetched == 1


@pytest.mark.parametrize(("private", "kid"), [(NEW_PRIVATE, "old"), (NEW_PRIVATE, "unknown"), (OLD_PRIVATE, None)])
async def test_a_token_not_signed_by_the_key_it_names_is_refused(published: PublishedKeys, private: bytes,
                                                                 kid: str | None) -> None:
    with pytest.raises(InvalidToken):
        await verifier(published).verify(token(private, kid))


async def test_a_rotated_key_is_fetched_and_unknown_keys_cannot_cause_a_flood(published: PublishedKeys) -> None:
    checking = verifier(published)
    await checking.verify(token(OLD_PRIVATE, "old"))
    published.keys.append(jwk(NEW_PUBLIC, "new"))
    assert (await checking.verify(token(NEW_PRIVATE, "new"))).subject == "idp:ann"
    fetched = published.fetched
    for _ in range(20):
        with pytest.raises(InvalidToken):
            await checking.verify(token(NEW_PRIVATE, "forged-kid"))
    assert published.fetched == fetched  # fetched for the rotation a moment ago: not again so soon
    published.now += 11
    for _ in range(20):
        with pytest.raises(InvalidToken):
            await checking.verify(token(NEW_PRIVATE, "forged-kid"))
    assert published.fetched == fetched + 1
