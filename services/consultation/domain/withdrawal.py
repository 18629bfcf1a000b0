"""The secret a respondent keeps to withdraw their own response."""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_withdrawal_token() -> str:
    return secrets.token_urlsafe(24)


def token_digest(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def token_matches(token: str, digest: bytes | None) -> bool:
    return digest is not None and hmac.compare_digest(token_digest(token), digest)
