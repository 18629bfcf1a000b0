"""The web service's settings (``PEEL_WEB_*`` and the shared ``PEEL_*``)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, SecretStr

from peel.common.settings import PLACEHOLDER_SECRETS, ServiceSettings, settings_config

DEVELOPMENT_SECRET = "peel-development-web-secret"  # refused outside development


class WebSettings(ServiceSettings):
    model_config = settings_config("web")
    service_name: ClassVar[str] = "web"
    default_port: ClassVar[int] = 8105

    consultation_url: str = Field("http://127.0.0.1:8101", description="The consultation service's API")
    scheduling_url: str = Field("http://127.0.0.1:8102", description="The scheduling service's API")
    reporting_url: str = Field("http://127.0.0.1:8104", description="The reporting service's API")
    notifications_url: str = Field("http://127.0.0.1:8103", description="The notifications service's API (the "
                                   "pages an email's unsubscribe, preferences and council links open)")
    api_timeout_seconds: float = Field(5.0, gt=0, description="How long a page waits for a service")
    api_connections: int = Field(50, ge=1, description="Kept-alive connections to each service")
    public_cache_seconds: float = Field(
        5.0, ge=0, le=300, description="How long a consultation as residents see it is reused before it is read "
                                      "again: a staff change shows within this time (0: read on every page)")
    secret_key: SecretStr = Field(SecretStr(DEVELOPMENT_SECRET),
                                  description="Signs the CSRF and form tokens; a long random value in production")
    session_days: int = Field(7, ge=1, le=90, description="How long answers in progress are kept")
    cookie_secure: bool = Field(False, description="Send cookies only over HTTPS (set in production)")
    host_tenants: dict[str, str] = Field(default_factory=dict,
                                         description="Host name -> tenant: that host's paths leave the tenant out")
    default_tenant: str = Field("cheshire", description="The office the bare / address leads to")

    def _refuse_placeholders(self) -> None:
        super()._refuse_placeholders()
        if self.secret_key.get_secret_value() in PLACEHOLDER_SECRETS | {DEVELOPMENT_SECRET}:
            raise ValueError("PEEL_WEB_SECRET_KEY is a placeholder; set a long random secret outside development")
