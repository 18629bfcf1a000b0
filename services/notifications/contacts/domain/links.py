"""Signed links in messages: unsubscribe, preferences, a council's acknowledgement and its details check.

A token is ``<payload>.<signature>``: the payload is base64url JSON holding the tenant, the data and (except for
unsubscribing, which must work for ever) an expiry a year ahead; the signature is an HMAC-SHA256 over the purpose
and the payload, so a token made for one page is refused by every other.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from datetime import UTC, datetime, timedelta

UNSUBSCRIBE = "unsubscribe"
PREFERENCES = "preferences"
ACKNOWLEDGE = "acknowledge"
COUNCIL_DETAILS = "council-details"
LIFETIME = timedelta(days=365)
NEVER_EXPIRE = frozenset({UNSUBSCRIBE})


class BadLink(ValueError):
    """The token was not made by us for this purpose, or it has expired."""


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Links:
    def __init__(self, secret: bytes, base_url: str) -> None:
        self._secret = secret
        self._base_url = base_url.rstrip("/")

    def sign(self, purpose: str, data: dict, now: datetime | None = None) -> str:
        """A token for ``purpose`` carrying ``data`` (JSON values); it expires in a year unless it unsubscribes."""
        body = dict(data)
        if purpose not in NEVER_EXPIRE:
            body["exp"] = int(((now or datetime.now(UTC)) + LIFETIME).timestamp())
        payload = _encode(json.dumps(body, separators=(",", ":"), sort_keys=True).encode())
        return f"{payload}.{self._signature(purpose, payload)}"

    def _signed(self, purpose: str, payload: str, signature: str) -> bool:
        return hmac.compare_digest(signature, self._signature(purpose, payload))

    def read(self, token: str, purpose: str, now: datetime | None = None) -> dict:
        """The data of a token made for ``purpose``; ``BadLink`` if it is forged, for another purpose or expired."""
        payload, _, signature = token.partition(".")
        if not token.isascii() or not signature or not self._signed(purpose, payload, signature):
            raise BadLink("this link is not valid")
        try:
            data = json.loads(_decode(payload))
        except ValueError as error:
            raise BadLink("this link is not valid") from error
        expiry = data.pop("exp", None)
        if expiry is not None and (now or datetime.now(UTC)).timestamp() > expiry:
            raise BadLink("this link has expired")
        return data

    def _signature(self, purpose: str, payload: str) -> str:
        mac = hmac.new(self._secret, f"{purpose}.{payload}".encode(), hashlib.sha256)
        return _encode(mac.digest()[:20])

    def _url(self, language: str, tenant: str, purpose: str, data: dict) -> str:
        page = "cy" if language == "cy" else "en"
        return f"{self._base_url}/{page}/{tenant}/{purpose}/{self.sign(purpose, {'tenant': tenant, **data})}"

    def unsubscribe(self, tenant: str, contact_id: uuid.UUID, sender: str, topic: str, channel: str,
                    message_id: uuid.UUID | None, language: str) -> str:
        data = {"contact_id": str(contact_id), "sender": sender, "topic": topic, "channel": str(channel),
                "message_id": str(message_id) if message_id else None, "language": language}
        return self._url(language, tenant, UNSUBSCRIBE, data)

    def preferences(self, tenant: str, contact_id: uuid.UUID, language: str) -> str:
        return self._url(language, tenant, PREFERENCES, {"contact_id": str(contact_id), "language": language})

    def acknowledge(self, tenant: str, bulletin_id: uuid.UUID, organisation_id: uuid.UUID, language: str) -> str:
        data = {"bulletin_id": str(bulletin_id), "organisation_id": str(organisation_id), "language": language}
        return self._url(language, tenant, ACKNOWLEDGE, data)

    def council_details(self, tenant: str, organisation_id: uuid.UUID, contact_id: uuid.UUID | None,
                        language: str) -> str:
        data = {"organisation_id": str(organisation_id), "contact_id": str(contact_id) if contact_id else None,
                "language": language}
        return self._url(language, tenant, COUNCIL_DETAILS, data)


def token_of(url: str) -> str:
    """The token at the end of a link."""
    return url.rstrip("/").rsplit("/", 1)[-1]
