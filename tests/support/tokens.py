"""Who the tests' tokens say issued them and whom they are for, and the header that carries one."""

from __future__ import annotations

ISSUER, AUDIENCE = "peel-test", "peel"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
