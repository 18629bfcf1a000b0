"""The settings of a service that asks the notifications service for emails (``PEEL_<SERVICE>_NOTIFICATIONS_*``
and ``PEEL_<SERVICE>_DELIVERY_*``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field, SecretStr

from peel.common.auth.keys import PRIVATE
from peel.common.notify.client import ServiceTokens
from peel.common.retries import DeliverySettings
from peel.common.settings import DEVELOPMENT, PLACEHOLDER_SECRETS


class NotificationsClientSettings(DeliverySettings):
    """Mixed into a ``ServiceSettings``: whose ``environment``, keys and ``service_name`` it uses."""

    notifications_url: str | None = Field(None, description="The notifications service; without it no email is "
                                                             "sent (they wait, and go once it is set)")
    notifications_tokens: dict[str, SecretStr] = Field(
        default_factory=dict, description="Per tenant, a token with the scope notifications:send (a JSON object); "
                                          "in development and test one is minted with the local signing key")
    notifications_signing_key_path: Path | None = Field(None, description="The development signing key (default: "
                                                                          "beside the development public key)")
    notifications_timeout_seconds: float = Field(10.0, gt=0)

    @property
    def signing_key_path(self) -> Path | None:
        """The key to mint tokens with; only in development and test."""
        service: Any = self  # a ServiceSettings too
        if service.environment not in DEVELOPMENT:
            return None
        return self.notifications_signing_key_path or service.public_key_path.with_name(PRIVATE)

    def service_tokens(self) -> ServiceTokens:
        service: Any = self
        return ServiceTokens(self.notifications_tokens, self.signing_key_path, service.auth_issuer,
                             service.auth_audience, f"peel-{service.service_name}")

    def _refuse_notifications_placeholders(self) -> None:
        """Outside development a configured service needs real tokens (called from ``_refuse_placeholders``)."""
        service: Any = self
        prefix = f"PEEL_{service.service_name.upper()}_NOTIFICATIONS"
        if self.notifications_url and not self.notifications_tokens:
            raise ValueError(f"{prefix}_TOKENS is required outside development when {prefix}_URL is set")
        placeholders = sorted(tenant for tenant, token in self.notifications_tokens.items()
                              if token.get_secret_value() in PLACEHOLDER_SECRETS)
        if placeholders:
            raise ValueError(f"{prefix}_TOKENS has placeholders for {placeholders}; set real tokens outside "
                             "development")
