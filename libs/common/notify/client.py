"""The notifications service's messages API, called with a token for the message's tenant: emails, and text
messages where the resident asked to be reached by phone."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from pydantic import SecretStr

from peel.common.auth.keys import mint_token
from peel.common.notify.emails import SMS, OutgoingEmail
from peel.common.retries import PermanentFailure, TemporaryFailure

SCOPE = "notifications:send"
REFUSED = frozenset({400, 404, 409, 422})


@dataclass
class ServiceTokens:
    """A configured token per tenant; in development and test, others are minted with the local signing key."""

    configured: Mapping[str, SecretStr]
    signing_key_path: Path | None
    issuer: str
    audience: str
    subject: str
    ttl_seconds: int = 300
    _key: bytes | None = field(default=None, repr=False)

    def for_tenant(self, tenant: str) -> str:
        if tenant in self.configured:
            return self.configured[tenant].get_secret_value()
        return mint_token(self._signing_key(tenant), tenant=tenant, scopes=[SCOPE], subject=self.subject,
                          issuer=self.issuer, audience=self.audience, ttl_seconds=self.ttl_seconds)

    def _signing_key(self, tenant: str) -> bytes:
        if self.signing_key_path is None:
            raise TemporaryFailure(f"no notifications token is configured for the tenant {tenant}")
        if self._key is None:
            try:
                self._key = self.signing_key_path.read_bytes()
            except OSError as error:
                raise TemporaryFailure(f"the development signing key could not be read ({error})") from error
        return self._key


class NotificationsClient:
    def __init__(self, http: httpx.AsyncClient, tokens: ServiceTokens) -> None:
        self._http = http
        self._tokens = tokens

    async def send(self, email: OutgoingEmail) -> None:
        """Ask for the email once per reference; raises a ``DeliveryFailure`` saying whether to try again."""
        headers = {"Authorization": f"Bearer {self._tokens.for_tenant(email.tenant)}"}
        try:
            response = await self._http.post("/v1/messages", json=request_body(email), headers=headers)
        except httpx.HTTPError as error:
            unreachable = f"the notifications service could not be reached ({type(error).__name__})"
            raise TemporaryFailure(unreachable) from error
        _check(response.status_code, email.template)


def request_body(email: OutgoingEmail) -> dict[str, object]:
    """The messages API's body: an email's as it always was; a text message names its channel and number."""
    body: dict[str, object] = {"template": email.template, "reference": email.reference,
                               "personalisation": email.personalisation}
    if email.channel == SMS:
        return {**body, "channel": SMS, "phone_number": email.phone_number, "category": "service"}
    return {**body, "email_address": email.email_address}


def _check(status: int, template: str) -> None:
    if status in (200, 201):
        return
    if status in REFUSED:
        raise PermanentFailure(f"the notifications service refused the {template} message ({status})")
    raise TemporaryFailure(f"the notifications service answered {status}")
