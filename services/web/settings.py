"""The web service's settings (``PEEL_WEB_*`` and the shared ``PEEL_*``)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from pydantic import BaseModel, Field, SecretStr, field_validator, model_validator

from peel.common.settings import DEVELOPMENT, PLACEHOLDER_SECRETS, ServiceSettings, local_dir, settings_config
from peel.web.domain.staff.identity import EVERY_ROLE
from peel.web.domain.tenants import is_tenant

DEVELOPMENT_SECRET = "peel-development-web-secret"  # refused outside development


class IdentityProviderSettings(BaseModel):
    """One OpenID Connect identity provider staff sign in with (an entry of ``PEEL_WEB_OIDC_PROVIDERS``)."""

    name: str = Field(description="Shown on its button: Sign in with <name>")
    issuer: str = Field(description="Its issuer; its settings are read from <issuer>/.well-known/openid-configuration")
    client_id: str = Field(description="Peel's client id at the provider (the ID token's audience)")
    client_secret: SecretStr = Field(SecretStr(""), description="Peel's client secret (empty: a public client)")
    tenant: str = Field("", description="The office its users sign into")
    tenant_claim: str = Field("", description="Or the ID token's claim naming the office (when tenant is empty)")
    groups_claim: str = Field("groups", description="The ID token's claim listing the user's groups")
    role_mapping: dict[str, list[str]] = Field(default_factory=dict,
                                               description="Group -> Peel roles, until an admin saves the office's own")
    scopes: list[str] = Field(default_factory=lambda: ["openid", "profile", "email"])

    @field_validator("role_mapping")
    @classmethod
    def _known_roles(cls, mapping: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = {role for roles in mapping.values() for role in roles} - EVERY_ROLE
        if unknown:
            raise ValueError(f"unknown roles in role_mapping: {sorted(unknown)} (known: {sorted(EVERY_ROLE)})")
        return mapping

    @model_validator(mode="after")
    def _one_office(self) -> IdentityProviderSettings:
        if bool(self.tenant) == bool(self.tenant_claim):
            raise ValueError("give an identity provider either tenant (an office) or tenant_claim, not both")
        if self.tenant and not is_tenant(self.tenant):
            raise ValueError(f"{self.tenant!r} is not an office's id")
        if "openid" not in self.scopes:
            raise ValueError("an identity provider's scopes must include openid")
        return self


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

    staff_idle_minutes: int = Field(30, ge=1, le=24 * 60,
                                    description="A staff sign-in ends after this long without a page")
    staff_absolute_hours: int = Field(10, ge=1, le=7 * 24,
                                      description="A staff sign-in ends this long after it began, however used")
    staff_token_key_path: Path | None = Field(
        None, description="The private key (PEM) signing staff users' Peel tokens; its public half is published at "
                          "/.well-known/jwks.json (default: the development key, .local/keys/jwt-private.pem)")
    staff_token_seconds: int = Field(300, ge=60, le=3600, description="How long a minted staff token lasts")
    staff_local_sign_in: bool | None = Field(
        None, description="The development sign-in (choose an office and a role, no password): on in development "
                          "unless set false; the service refuses to start with it anywhere else")
    oidc_providers: dict[str, IdentityProviderSettings] = Field(
        default_factory=dict, description="Key -> the OpenID Connect identity providers staff sign in with (JSON); "
                                          "the key is in the sign-in addresses: /staff/sign-in/<key>/callback")
    oidc_timeout_seconds: float = Field(10.0, gt=0, description="How long a sign-in waits for the identity provider")

    @field_validator("oidc_providers")
    @classmethod
    def _provider_keys(cls, providers: dict[str, IdentityProviderSettings]) -> dict[str, IdentityProviderSettings]:
        for key in providers:
            if not is_tenant(key) or key == "local":
                raise ValueError(f"an identity provider's key {key!r} must be lower-case letters, digits and "
                                 "hyphens (and not 'local', the development sign-in)")
        return providers

    @property
    def token_key_path(self) -> Path:
        return self.staff_token_key_path or local_dir() / "keys" / "jwt-private.pem"

    @property
    def local_sign_in(self) -> bool:
        return self.environment in DEVELOPMENT if self.staff_local_sign_in is None else self.staff_local_sign_in

    def _refuse_placeholders(self) -> None:
        super()._refuse_placeholders()
        if self.staff_local_sign_in:
            raise ValueError("PEEL_WEB_STAFF_LOCAL_SIGN_IN is for development only: staff sign in through the "
                             "office's identity provider everywhere else")
        if self.secret_key.get_secret_value() in PLACEHOLDER_SECRETS | {DEVELOPMENT_SECRET}:
            raise ValueError("PEEL_WEB_SECRET_KEY is a placeholder; set a long random secret outside development")
        for key, provider in self.oidc_providers.items():
            if not provider.issuer.startswith("https://"):
                raise ValueError(f"the identity provider {key!r} must be reached over HTTPS outside development")
