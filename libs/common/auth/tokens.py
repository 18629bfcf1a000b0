"""Verifies bearer tokens against a JWKS URL (production) or a local public key (development)."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable
from pathlib import Path
from threading import Lock
from typing import Any

import jwt

from peel.common.auth.principal import Principal, Role

ALGORITHMS = ["RS256", "ES256"]
REQUIRED_CLAIMS = ["sub", "tenant", "exp", "iss", "aud"]
TENANT = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
KNOWN_ROLES = frozenset(Role)
REFETCH_AT_MOST_EVERY_SECONDS = 10.0  # a token naming a key not yet seen fetches the JWKS again, but not in a flood


class InvalidToken(Exception):
    """The token is missing, malformed, expired, or not ours."""


class TokenVerifier:
    def __init__(self, *, issuer: str, audience: str, jwks_url: str | None = None,
                 public_key: str | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        if not (jwks_url or public_key):
            raise ValueError("a JWKS URL or a public key is needed to verify tokens")
        self._issuer = issuer
        self._audience = audience
        self._jwks = jwt.PyJWKClient(jwks_url, cache_keys=False, lifespan=600, timeout=10) if jwks_url else None
        self._public_key = public_key
        self._clock, self._refetched_at, self._lock = clock, float("-inf"), Lock()

    @classmethod
    def from_key_file(cls, path: Path, *, issuer: str, audience: str) -> TokenVerifier:
        if not path.exists():
            raise FileNotFoundError(f"no public key at {path}: run `peel keys` (or `make setup`)")
        return cls(issuer=issuer, audience=audience, public_key=path.read_text())

    async def verify(self, token: str) -> Principal:
        key = await asyncio.to_thread(self._signing_key, token) if self._jwks else self._public_key
        try:
            claims = jwt.decode(
                token, key, algorithms=ALGORITHMS, audience=self._audience, issuer=self._issuer,
                options={"require": REQUIRED_CLAIMS},
            )
        except jwt.PyJWTError as error:
            raise InvalidToken(str(error)) from error
        return principal_from(claims)

    def _signing_key(self, token: str) -> Any:
        """The published key the token names (its ``kid``). The keys are kept ten minutes; a key not among them
        fetches them again (a new key after a rotation), at most every ten seconds whatever tokens arrive."""
        assert self._jwks is not None
        try:
            kid = jwt.get_unverified_header(token).get("kid")
            if not kid:
                raise InvalidToken("the token names no signing key (kid)")
            found = _named(self._jwks.get_signing_keys(), kid)
            if found is None and self._may_refetch():
                found = _named(self._jwks.get_signing_keys(refresh=True), kid)
        except jwt.PyJWTError as error:
            raise InvalidToken(str(error)) from error
        if found is None:
            raise InvalidToken(f"no published key is named {kid!r}")
        return found.key

    def _may_refetch(self) -> bool:
        with self._lock:
            now = self._clock()
            if now - self._refetched_at < REFETCH_AT_MOST_EVERY_SECONDS:
                return False
            self._refetched_at = now
            return True


def _named(keys: list[jwt.PyJWK], kid: str) -> jwt.PyJWK | None:
    return next((key for key in keys if key.key_id == kid), None)


def principal_from(claims: dict[str, Any]) -> Principal:
    tenant = claims.get("tenant")
    if not isinstance(tenant, str) or not TENANT.match(tenant):
        raise InvalidToken("the tenant claim is missing or malformed")
    roles = claims.get("roles", [])
    if not isinstance(roles, list) or not all(isinstance(role, str) for role in roles):
        raise InvalidToken("the roles claim must be a list of strings")
    scope = claims.get("scope", "")
    if not isinstance(scope, str):
        raise InvalidToken("the scope claim must be a space-separated string")
    return Principal(
        subject=str(claims["sub"]),
        tenant=tenant,
        roles=frozenset(roles) & KNOWN_ROLES,
        scopes=frozenset(scope.split()),
    )
