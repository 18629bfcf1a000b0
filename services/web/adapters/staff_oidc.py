"""An office's OpenID Connect identity provider, as the staff pages sign in with it: the authorisation-code flow
with PKCE and a nonce, the ID token verified in full (signature by the provider's JWKS, issuer, audience, expiry,
nonce) before anything of it is believed.

Written on httpx and PyJWT (``PyJWKClient``) rather than Authlib: Authlib's Starlette client keeps the flow's state
in a cookie session middleware the staff pages do not otherwise need, and its httpx integration is deprecated. The
flow itself is a few requests; what matters is the verification, which PyJWT does."""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import httpx
import jwt

from peel.web.domain.staff.role_mapping import ProviderIdentity
from peel.web.service_layer.ports import ServiceUnavailable
from peel.web.service_layer.staff.ports import SignInFailed
from peel.web.settings import IdentityProviderSettings

log = logging.getLogger(__name__)
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384"]
REQUIRED_CLAIMS = ["iss", "aud", "exp", "iat", "sub"]
LEEWAY_SECONDS = 60


class OidcIdentityProvider:
    """One provider of ``PEEL_WEB_OIDC_PROVIDERS``; its discovery document is read once, on first use."""

    def __init__(self, key: str, settings: IdentityProviderSettings, *, timeout: float = 10.0,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.key, self.name, self._settings = key, settings.name, settings
        self.default_mapping: Mapping[str, list[str]] = settings.role_mapping
        self._http = httpx.AsyncClient(timeout=timeout, transport=transport)
        self._metadata: dict[str, Any] | None = None
        self._keys: jwt.PyJWKClient | None = None
        self._lock = asyncio.Lock()

    async def close(self) -> None:
        await self._http.aclose()

    async def authorization_url(self, *, redirect_uri: str, state: str, nonce: str, code_challenge: str) -> str:
        metadata = await self._discovered()
        query = {"response_type": "code", "client_id": self._settings.client_id, "redirect_uri": redirect_uri,
                 "scope": " ".join(self._settings.scopes), "state": state, "nonce": nonce,
                 "code_challenge": code_challenge, "code_challenge_method": "S256"}
        endpoint = metadata["authorization_endpoint"]
        return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(query)}"

    async def identity(self, *, code: str, redirect_uri: str, code_verifier: str, nonce: str) -> ProviderIdentity:
        id_token = await self._id_token(code, redirect_uri, code_verifier)
        claims = await self._verified(id_token, nonce)
        return self._identity_of(claims)

    async def _discovered(self) -> dict[str, Any]:
        async with self._lock:
            if self._metadata is None:
                metadata = await self._get_json(self._settings.issuer.rstrip("/") + "/.well-known/openid-configuration")
                if metadata.get("issuer") != self._settings.issuer:
                    raise SignInFailed(f"the provider names itself {metadata.get('issuer')!r}, not its issuer")
                self._keys = jwt.PyJWKClient(metadata["jwks_uri"], cache_keys=True, lifespan=3600,
                                             timeout=int(self._http.timeout.read or 10))
                self._metadata = metadata
            return self._metadata

    async def _get_json(self, url: str) -> dict[str, Any]:
        try:
            response = await self._http.get(url)
            response.raise_for_status()
            return response.json()
        except (httpx.HTTPError, ValueError) as error:
            log.warning("the identity provider %s is not answering: %s", self.key, error)
            raise ServiceUnavailable(f"identity provider {self.key}") from error

    async def _id_token(self, code: str, redirect_uri: str, code_verifier: str) -> str:
        metadata = await self._discovered()
        form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
                "code_verifier": code_verifier, "client_id": self._settings.client_id}
        secret = self._settings.client_secret.get_secret_value()
        auth = httpx.BasicAuth(self._settings.client_id, secret) if secret else None
        try:
            response = await self._http.post(metadata["token_endpoint"], data=form, auth=auth)
        except httpx.HTTPError as error:
            raise ServiceUnavailable(f"identity provider {self.key}") from error
        if response.status_code != 200:
            raise SignInFailed(f"the provider refused the code: {response.status_code} {response.text[:200]}")
        token = _json(response).get("id_token")
        if not isinstance(token, str):
            raise SignInFailed("the provider's answer has no ID token")
        return token

    async def _verified(self, id_token: str, nonce: str) -> dict[str, Any]:
        await self._discovered()
        try:
            key = await asyncio.to_thread(self._signing_key, id_token)
            claims = jwt.decode(id_token, key, algorithms=ALGORITHMS, audience=self._settings.client_id,
                                issuer=self._settings.issuer, leeway=LEEWAY_SECONDS,
                                options={"require": REQUIRED_CLAIMS})
        except jwt.PyJWTError as error:
            raise SignInFailed(f"the ID token is not to be trusted: {error}") from error
        _check_nonce_and_party(claims, nonce, self._settings.client_id)
        return claims

    def _signing_key(self, id_token: str) -> Any:
        """The provider's key named by the token's ``kid``; a token naming none may use the provider's only key."""
        assert self._keys is not None
        kid = jwt.get_unverified_header(id_token).get("kid")
        if kid:
            return self._keys.get_signing_key(kid).key
        keys = self._keys.get_signing_keys()
        if len(keys) != 1:
            raise jwt.InvalidTokenError("the ID token names no key and the provider has several")
        return keys[0].key

    def _identity_of(self, claims: Mapping[str, Any]) -> ProviderIdentity:
        settings = self._settings
        tenant = settings.tenant or claims.get(settings.tenant_claim)
        if not isinstance(tenant, str) or not tenant:
            raise SignInFailed(f"the ID token has no {settings.tenant_claim!r} claim naming the office")
        return ProviderIdentity(provider=self.key, subject=str(claims["sub"]), tenant=tenant,
                                name=_text(claims.get("name")), email=_text(claims.get("email")),
                                groups=_groups(claims.get(settings.groups_claim)))


def _check_nonce_and_party(claims: Mapping[str, Any], nonce: str, client_id: str) -> None:
    """The nonce proves the token was issued for this browser's sign-in (not replayed from another)."""
    given = claims.get("nonce")
    if not isinstance(given, str) or not hmac.compare_digest(given.encode(), nonce.encode()):
        raise SignInFailed("the ID token's nonce is not this sign-in's")
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != client_id:
        raise SignInFailed("the ID token was issued to another party")


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        found = response.json()
    except ValueError as error:
        raise SignInFailed("the provider's answer is not JSON") from error
    return found if isinstance(found, dict) else {}


def _text(value: object) -> str:
    return value.strip()[:200] if isinstance(value, str) else ""


def _groups(value: object) -> frozenset[str]:
    """The groups claim: a list of names or ids (a single string is taken as one group)."""
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, list):
        return frozenset(str(group) for group in value if isinstance(group, str | int))
    return frozenset()
