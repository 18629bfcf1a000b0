"""The web service's signing key: it mints each signed-in user's short-lived Peel token and publishes the public
half as a JWKS (``/.well-known/jwks.json``), which the services verify tokens against."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from threading import Lock
from typing import Any

from cryptography.hazmat.primitives import serialization
from jwt.algorithms import RSAAlgorithm

from peel.common.auth.keys import mint_token
from peel.web.domain.staff.identity import StaffUser


class SigningKey:
    """Mints RS256 tokens; a user's token is reused until a minute before it expires (signing costs CPU)."""

    def __init__(self, private_pem: bytes, *, issuer: str, audience: str, ttl_seconds: int = 300) -> None:
        self._private = private_pem
        self._issuer, self._audience, self._ttl = issuer, audience, ttl_seconds
        public = serialization.load_pem_private_key(private_pem, password=None).public_key()
        self._public_jwk: dict[str, Any] = json.loads(RSAAlgorithm.to_jwk(public))
        self.kid = hashlib.sha256(json.dumps(self._public_jwk, sort_keys=True).encode()).hexdigest()[:16]
        self._minted: dict[tuple[str, str, frozenset[str]], tuple[float, str]] = {}
        self._lock = Lock()

    @classmethod
    def from_file(cls, path: Path, **options: Any) -> SigningKey:
        if not path.exists():
            raise FileNotFoundError(f"no signing key at {path}: run `peel keys` (or `make setup`)")
        return cls(path.read_bytes(), **options)

    def mint(self, user: StaffUser) -> str:
        key, now = (user.tenant, user.subject, user.roles), time.time()
        with self._lock:
            found = self._minted.get(key)
            if found and found[0] - 60 > now:
                return found[1]
        token = self._sign(user)
        with self._lock:
            if len(self._minted) > 10_000:
                self._minted.clear()
            self._minted[key] = (now + self._ttl, token)
        return token

    def _sign(self, user: StaffUser) -> str:
        return mint_token(self._private, tenant=user.tenant, roles=user.roles, subject=user.subject,
                          issuer=self._issuer, audience=self._audience, ttl_seconds=self._ttl, key_id=self.kid)

    def jwks(self) -> dict[str, Any]:
        return {"keys": [{**self._public_jwk, "kid": self.kid, "use": "sig", "alg": "RS256"}]}
