"""The consultation service's settings (``PEEL_CONSULTATION_*`` and the shared ``PEEL_*``)."""

from pathlib import Path
from typing import ClassVar

from pydantic import Field, SecretStr

from peel.common.auth.keys import PRIVATE
from peel.common.retries import DeliverySettings
from peel.common.settings import DEVELOPMENT, PLACEHOLDER_SECRETS, ServiceSettings, settings_config


class ConsultationSettings(ServiceSettings, DeliverySettings):
    model_config = settings_config("consultation")
    service_name: ClassVar[str] = "consultation"
    default_port: ClassVar[int] = 8101

    clock_seconds: float = Field(5.0, gt=0, description="How often consultations due to open or close are looked for")

    notifications_url: str | None = Field(None, description="The notifications service; without it no receipt "
                                                             "email is sent")
    notifications_tokens: dict[str, SecretStr] = Field(
        default_factory=dict, description="Per tenant, a token with the scope notifications:send (a JSON object); "
                                          "in development and test one is minted with the local signing key")
    notifications_signing_key_path: Path | None = Field(None, description="The development signing key (default: "
                                                                          "beside the development public key)")
    notifications_timeout_seconds: float = Field(10.0, gt=0)

    @property
    def signing_key_path(self) -> Path | None:
        """The key to mint tokens with; only in development and test."""
        if self.environment not in DEVELOPMENT:
            return None
        return self.notifications_signing_key_path or self.public_key_path.with_name(PRIVATE)

    def _refuse_placeholders(self) -> None:
        super()._refuse_placeholders()
        if self.notifications_url and not self.notifications_tokens:
            raise ValueError("PEEL_CONSULTATION_NOTIFICATIONS_TOKENS is required outside development when "
                             "PEEL_CONSULTATION_NOTIFICATIONS_URL is set")
        placeholders = sorted(tenant for tenant, token in self.notifications_tokens.items()
                              if token.get_secret_value() in PLACEHOLDER_SECRETS)
        if placeholders:
            raise ValueError(f"PEEL_CONSULTATION_NOTIFICATIONS_TOKENS has placeholders for {placeholders}; "
                             "set real tokens outside development")
