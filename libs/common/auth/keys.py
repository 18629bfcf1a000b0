"""Development key pair and token minting (``peel keys``, ``peel token``)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

PRIVATE = "jwt-private.pem"
PUBLIC = "jwt-public.pem"


def generate_key_pair() -> tuple[bytes, bytes]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return private, public


def ensure_key_pair(directory: Path) -> tuple[Path, Path]:
    """Create the development key pair once; later calls keep the existing keys."""
    private_path, public_path = directory / PRIVATE, directory / PUBLIC
    if not (private_path.exists() and public_path.exists()):
        directory.mkdir(parents=True, exist_ok=True)
        private, public = generate_key_pair()
        private_path.write_bytes(private)
        private_path.chmod(0o600)
        public_path.write_bytes(public)
    return private_path, public_path


def mint_token(
    private_key: bytes | str,
    *,
    tenant: str,
    roles: Iterable[str] = (),
    scopes: Iterable[str] = (),
    subject: str | None = None,
    issuer: str,
    audience: str,
    ttl_seconds: int = 3600,
    key_id: str | None = None,
) -> str:
    now = int(time.time())
    claims = {
        "sub": subject or f"dev-{uuid.uuid4().hex[:8]}",
        "tenant": tenant,
        "roles": sorted(roles),
        "scope": " ".join(sorted(scopes)),
        "iat": now,
        "exp": now + ttl_seconds,
        "iss": issuer,
        "aud": audience,
    }
    return jwt.encode(claims, private_key, algorithm="RS256", headers={"kid": key_id} if key_id else None)
