"""What the staff pages reach outside the process: each service's API called with the user's own token, the
staff sessions, the tokens minted for users, and the identity provider.

Every call carries the signed-in user's token, so each service still decides what the user's office and roles
allow (another office's id: 404; a role that may not: 403), whatever a page shows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from peel.common.audit.store import AuditLog, AuditLogInMemory
from peel.web.domain.staff.identity import StaffSession, StaffUser
from peel.web.domain.staff.role_mapping import ProviderIdentity
from peel.web.service_layer.ports import Json


class StaffApi(Protocol):
    """One service's API as a member of staff calls it (``token`` is theirs; ``source`` their address)."""

    async def get(self, path: str, *, token: str, source: str, params: Mapping[str, Any] | None = None) -> Any: ...

    async def get_bytes(self, path: str, *, token: str, source: str,
                        params: Mapping[str, Any] | None = None) -> bytes: ...

    async def send(self, method: str, path: str, *, token: str, source: str, json: Any = None) -> Json: ...

    async def send_text(self, method: str, path: str, *, token: str, source: str, text: str,
                        content_type: str) -> Json:
        """Sends ``text`` as the body as it is: a table uploaded as CSV."""
        ...


class StaffSessions(Protocol):
    async def start(self, user: StaffUser, *, lang: str = "en") -> StaffSession: ...

    async def find(self, session_id: str) -> StaffSession | None:
        """The live session, its idle time restarted; ``None`` once ended, idle or too old."""
        ...

    async def set_language(self, session_id: str, lang: str) -> None: ...

    async def end(self, session_id: str) -> None: ...

    async def end_everywhere(self, tenant: str, subject: str) -> int:
        """Signs the user out of every browser; answers how many sessions ended."""
        ...


class TokenMinter(Protocol):
    def mint(self, user: StaffUser) -> str:
        """A short-lived Peel token for ``user``'s calls (their subject, office and roles)."""
        ...

    def jwks(self) -> dict[str, Any]:
        """The public keys the services verify the tokens with."""
        ...


class RoleMappings(Protocol):
    """Each office's mapping of its identity provider's groups to Peel roles (an admin's saved one)."""

    async def mapping(self, tenant: str) -> dict[str, list[str]]:
        """Group -> Peel roles: the office's saved mapping, else the configured default (empty: none)."""
        ...

    async def set_mapping(self, tenant: str, mapping: Mapping[str, list[str]], *, by: str) -> None:
        """Replaces the office's mapping (``by``: the admin's subject, kept with it)."""
        ...


class RoleMappingsInMemory:
    """Mappings kept in the process: the configured defaults until an admin saves one (lost on restart)."""

    def __init__(self, defaults: Mapping[str, Mapping[str, list[str]]] | None = None) -> None:
        self._defaults = {tenant: dict(mapping) for tenant, mapping in (defaults or {}).items()}
        self.saved: dict[str, dict[str, list[str]]] = {}
        self.saved_by: dict[str, str] = {}

    async def mapping(self, tenant: str) -> dict[str, list[str]]:
        found = self.saved.get(tenant, self._defaults.get(tenant, {}))
        return {group: list(roles) for group, roles in found.items()}

    async def set_mapping(self, tenant: str, mapping: Mapping[str, list[str]], *, by: str) -> None:
        self.saved[tenant] = {group: list(roles) for group, roles in mapping.items()}
        self.saved_by[tenant] = by


class SignInFailed(Exception):
    """The identity provider's answer cannot be trusted or was not given: nothing is kept, the user starts again."""


class IdentityProvider(Protocol):
    """An office's OpenID Connect identity provider (the authorisation-code flow with PKCE and a nonce)."""

    key: str
    name: str
    default_mapping: Mapping[str, list[str]]

    async def authorization_url(self, *, redirect_uri: str, state: str, nonce: str, code_challenge: str) -> str:
        """Where the browser is sent to sign in at the provider."""
        ...

    async def identity(self, *, code: str, redirect_uri: str, code_verifier: str, nonce: str) -> ProviderIdentity:
        """The person the provider vouches for, from its ID token once fully verified; else ``SignInFailed``."""
        ...


@dataclass
class StaffPorts:
    consultation: StaffApi
    scheduling: StaffApi
    reporting: StaffApi
    notifications: StaffApi
    sessions: StaffSessions
    tokens: TokenMinter
    role_mappings: RoleMappings = field(default_factory=RoleMappingsInMemory)
    audit_log: AuditLog = field(default_factory=AuditLogInMemory)
    """The web's own trail: changes to the data it keeps itself (roles mapping, the office's display)."""


class BoundApi:
    """A service's API for one request of one user: the token and address given once."""

    def __init__(self, api: StaffApi, token: str, source: str) -> None:
        self._api, self._token, self._source = api, token, source

    async def get(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        return await self._api.get(path, token=self._token, source=self._source, params=params)

    async def get_bytes(self, path: str, params: Mapping[str, Any] | None = None) -> bytes:
        return await self._api.get_bytes(path, token=self._token, source=self._source, params=params)

    async def post(self, path: str, json: Any = None) -> Json:
        return await self._api.send("POST", path, token=self._token, source=self._source, json=json)

    async def put(self, path: str, json: Any = None) -> Json:
        return await self._api.send("PUT", path, token=self._token, source=self._source, json=json)

    async def put_text(self, path: str, text: str, content_type: str = "text/csv") -> Json:
        return await self._api.send_text("PUT", path, token=self._token, source=self._source, text=text,
                                         content_type=content_type)

    async def patch(self, path: str, json: Any = None) -> Json:
        return await self._api.send("PATCH", path, token=self._token, source=self._source, json=json)

    async def delete(self, path: str) -> Json:
        return await self._api.send("DELETE", path, token=self._token, source=self._source)


@dataclass(frozen=True)
class UserApis:
    """The four services' APIs for one signed-in user's request."""

    consultation: BoundApi
    scheduling: BoundApi
    reporting: BoundApi
    notifications: BoundApi

    @classmethod
    def of(cls, ports: StaffPorts, user: StaffUser, source: str) -> UserApis:
        token = ports.tokens.mint(user)
        return cls(*(BoundApi(api, token, source) for api in
                     (ports.consultation, ports.scheduling, ports.reporting, ports.notifications)))
