"""Typed settings shared by every service; each service subclasses ``ServiceSettings``.

Infrastructure addresses come from ``PEEL_*`` variables shared by all services
(``PEEL_KAFKA_BOOTSTRAP``, ``PEEL_PG_HOST`` ...); what differs per service comes from
``PEEL_<SERVICE>_*`` (``PEEL_CONSULTATION_PORT``, ``PEEL_CONSULTATION_DATABASE_URL`` ...).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar, Literal
from urllib.parse import quote

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[2]
IN_CHECKOUT = (REPO_ROOT / "pyproject.toml").exists()
PLACEHOLDER_SECRETS = frozenset({"", "peel", "changeme", "change-me", "password", "secret"})
Environment = Literal["development", "test", "staging", "production"]
DEVELOPMENT = frozenset({"development", "test"})


def local_dir() -> Path:
    """Keys, data and logs of a local platform: ``PEEL_LOCAL_DIR``, else the checkout's git-ignored
    ``.local/``, else (an installed package) ``~/.local/share/peel``."""
    default = REPO_ROOT / ".local" if IN_CHECKOUT else Path.home() / ".local" / "share" / "peel"
    return Path(os.environ.get("PEEL_LOCAL_DIR", default))


def _shared(name: str) -> AliasChoices:
    return AliasChoices(f"PEEL_{name}")


class ServiceSettings(BaseSettings):
    service_name: ClassVar[str]
    default_port: ClassVar[int]

    environment: Environment = Field("development", validation_alias=_shared("ENVIRONMENT"))
    host: str = "127.0.0.1"
    port: int = Field(0, ge=0, le=65535)
    public_base_url: str | None = None

    kafka_bootstrap: str = Field("127.0.0.1:9092", validation_alias=_shared("KAFKA_BOOTSTRAP"))
    kafka_topic_prefix: str = Field("", validation_alias=_shared("KAFKA_TOPIC_PREFIX"))
    kafka_partitions: int = Field(3, ge=1, le=256, validation_alias=_shared("KAFKA_PARTITIONS"))
    kafka_replication_factor: int = Field(1, ge=1, validation_alias=_shared("KAFKA_REPLICATION_FACTOR"))

    pg_host: str = Field("127.0.0.1", validation_alias=_shared("PG_HOST"))
    pg_port: int = Field(55432, validation_alias=_shared("PG_PORT"))
    pg_user: str = Field("peel", validation_alias=_shared("PG_USER"))
    pg_password: SecretStr = Field(SecretStr("peel"), validation_alias=_shared("PG_PASSWORD"))
    database_name: str = ""
    database_url: SecretStr | None = None
    pool_min_size: int = Field(2, ge=1)
    pool_max_size: int = Field(10, ge=1)

    auth_issuer: str = Field("peel-development", validation_alias=_shared("AUTH_ISSUER"))
    auth_audience: str = Field("peel", validation_alias=_shared("AUTH_AUDIENCE"))
    auth_jwks_url: str | None = Field(None, validation_alias=_shared("AUTH_JWKS_URL"))
    auth_public_key_path: Path | None = Field(None, validation_alias=_shared("AUTH_PUBLIC_KEY_PATH"))
    public_rate_limit_per_minute: int = Field(60, ge=1, validation_alias=_shared("PUBLIC_RATE_LIMIT_PER_MINUTE"))
    forwarded_allow_ips: str = Field("127.0.0.1", validation_alias=_shared("FORWARDED_ALLOW_IPS"))
    max_request_bytes: int = Field(10 * 2**20, ge=1, validation_alias=_shared("MAX_REQUEST_BYTES"),
                                   description="The largest request body a service reads; a larger one is a 413")

    otel_exporter: Literal["otlp", "console", "none"] = Field("none", validation_alias=_shared("OTEL_EXPORTER"))
    otel_endpoint: str = Field("http://127.0.0.1:4318", validation_alias=_shared("OTEL_ENDPOINT"))
    log_level: str = Field("INFO", validation_alias=_shared("LOG_LEVEL"))

    outbox_relay_in_process: bool = Field(True, description="Run the outbox relay inside the service's process; "
                                          "`peel serve` runs it in a process of its own instead")
    outbox_batch_size: int = Field(500, ge=1, le=10_000)
    outbox_poll_seconds: float = Field(1.0, gt=0)

    @model_validator(mode="after")
    def _defaults_and_secrets(self) -> ServiceSettings:
        if not self.port:
            self.port = self.default_port
        if not self.database_name:
            self.database_name = f"peel_{self.service_name}"
        if self.environment not in DEVELOPMENT:
            self._refuse_placeholders()
        return self

    def _refuse_placeholders(self) -> None:
        if self.database_url is None and self.pg_password.get_secret_value() in PLACEHOLDER_SECRETS:
            raise ValueError("PEEL_PG_PASSWORD is a placeholder; set a real secret outside development")
        if self.auth_jwks_url is None:
            raise ValueError("PEEL_AUTH_JWKS_URL is required outside development (no development keys)")

    @property
    def dsn(self) -> str:
        if self.database_url is not None:
            return self.database_url.get_secret_value()
        user, password = quote(self.pg_user, safe=""), quote(self.pg_password.get_secret_value(), safe="")
        return f"postgresql://{user}:{password}@{self.pg_host}:{self.pg_port}/{self.database_name}"

    @property
    def public_key_path(self) -> Path:
        return self.auth_public_key_path or local_dir() / "keys" / "jwt-public.pem"

    @property
    def source(self) -> str:
        """The CloudEvents ``source`` of this service's events."""
        return f"/peel/{self.service_name}"

    def topic(self, service: str | None = None) -> str:
        return f"{self.kafka_topic_prefix}{service or self.service_name}.events"


def settings_config(service: str) -> SettingsConfigDict:
    return SettingsConfigDict(
        env_prefix=f"PEEL_{service.upper()}_", extra="ignore", validate_default=True, populate_by_name=True
    )
