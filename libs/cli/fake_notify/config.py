"""The fake Notify's settings (``PEEL_FAKE_NOTIFY_*``)."""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_API_KEY = ("development-00000000-0000-4000-8000-000000000000-"
                       "11111111-1111-4111-8111-111111111111")
DEVELOPMENT_CALLBACK_TOKEN = "development-notify-callback-token"


class FakeNotifySettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PEEL_FAKE_NOTIFY_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = Field(8109, ge=1, le=65535)
    api_key: SecretStr = Field(SecretStr(DEVELOPMENT_API_KEY), description="The one key it accepts")
    rate_per_minute: int = Field(3000, ge=1, description="Requests per 60 seconds before it answers 429")
    callback_url: str | None = Field("http://127.0.0.1:8103/v1/providers/notify/callbacks",
                                     description="Where delivery receipts go; none: no receipts")
    callback_token: SecretStr = SecretStr(DEVELOPMENT_CALLBACK_TOKEN)
    callback_delay_seconds: float = Field(0.5, ge=0, description="How long after a request its receipt goes")
    callback_attempts: int = Field(4, ge=1, le=20)
    clock_skew_seconds: int = Field(30, ge=0, description="How far a token's iat may be from now")
