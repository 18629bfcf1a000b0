"""JWT bearer tokens with OIDC-style claims; staff roles, machine scopes and tenancy."""

from peel.common.auth.principal import Principal, Role
from peel.common.auth.tokens import InvalidToken, TokenVerifier

__all__ = ["InvalidToken", "Principal", "Role", "TokenVerifier"]
