"""FastAPI dependencies: who is calling, and whether they may."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from peel.common.auth.principal import Principal, Role
from peel.common.auth.tokens import InvalidToken, TokenVerifier

_bearer = HTTPBearer(auto_error=False, description="A Peel access token (JWT)")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def _unauthorised(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail, headers={"WWW-Authenticate": "Bearer"})


async def authenticate(request: Request, credentials: Credentials) -> Principal:
    if credentials is None:
        raise _unauthorised("a bearer token is required")
    verifier: TokenVerifier = request.app.state.token_verifier
    try:
        principal = await verifier.verify(credentials.credentials)
    except InvalidToken as error:
        raise _unauthorised(f"invalid token: {error}") from error
    request.scope.setdefault("state", {})["principal"] = principal  # the audit trail's record of who acted
    return principal


Authenticated = Annotated[Principal, Depends(authenticate)]


def allow(*roles: Role, scopes: tuple[str, ...] = ()) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """A dependency admitting staff with any of ``roles`` or machine clients with any of ``scopes``."""
    wanted_roles, wanted_scopes = frozenset(roles), frozenset(scopes)

    async def check(principal: Authenticated) -> Principal:
        if not principal.may(wanted_roles, wanted_scopes):
            raise HTTPException(status.HTTP_403_FORBIDDEN, "your role does not allow this")
        return principal

    return check
