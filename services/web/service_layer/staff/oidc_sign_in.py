"""Signing in with an office's identity provider: begin (remember this browser's state, nonce and PKCE verifier,
send it to the provider) and finish (prove the answer is this browser's, map the person to Peel roles, start a
session). Nothing is kept of a person the mapping gives no role."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import asdict, dataclass
from typing import Any

from peel.web.domain.staff.identity import StaffSession
from peel.web.domain.staff.role_mapping import ProviderIdentity, staff_user
from peel.web.service_layer.staff.ports import IdentityProvider, SignInFailed, StaffPorts


class NoRoleInPeel(Exception):
    """The person signed in at the provider, but none of their groups maps to a Peel role in their office."""

    def __init__(self, identity: ProviderIdentity) -> None:
        super().__init__(f"{identity.provider}:{identity.subject} has no Peel role in {identity.tenant}")
        self.identity = identity


@dataclass(frozen=True)
class PendingSignIn:
    """One browser's sign-in under way: kept by the browser in a signed cookie until the provider sends it back."""

    provider: str
    state: str
    nonce: str
    verifier: str
    next_path: str

    @classmethod
    def new(cls, provider: str, next_path: str) -> PendingSignIn:
        return cls(provider, secrets.token_urlsafe(24), secrets.token_urlsafe(24), secrets.token_urlsafe(48),
                   next_path)

    @property
    def code_challenge(self) -> str:
        """PKCE S256: the provider gives the code only to whoever also holds the verifier."""
        digest = hashlib.sha256(self.verifier.encode()).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> PendingSignIn | None:
        try:
            return cls(**{key: str(data[key]) for key in ("provider", "state", "nonce", "verifier", "next_path")})
        except (KeyError, TypeError):
            return None

    def answers(self, provider: str, state: str) -> bool:
        """The provider's answer belongs to this sign-in (its state is the one sent), else it is refused."""
        return provider == self.provider and hmac.compare_digest(state.encode(), self.state.encode())


async def begin(provider: IdentityProvider, pending: PendingSignIn, redirect_uri: str) -> str:
    """Where to send the browser to sign in at the provider."""
    return await provider.authorization_url(redirect_uri=redirect_uri, state=pending.state, nonce=pending.nonce,
                                            code_challenge=pending.code_challenge)


async def finish(ports: StaffPorts, provider: IdentityProvider, pending: PendingSignIn, *, code: str,
                 redirect_uri: str) -> StaffSession:
    """The new session of the person the provider vouched for; ``NoRoleInPeel`` when their groups give no role."""
    if not code:
        raise SignInFailed("the provider sent no code")
    identity = await provider.identity(code=code, redirect_uri=redirect_uri, code_verifier=pending.verifier,
                                       nonce=pending.nonce)
    mapping = await ports.role_mappings.mapping(identity.tenant) or dict(provider.default_mapping)
    user = staff_user(identity, mapping)
    if user is None:
        raise NoRoleInPeel(identity)
    return await ports.sessions.start(user)
