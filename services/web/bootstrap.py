"""Wires the web service: settings, the services' APIs, sessions, pages and their routes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from itsdangerous import URLSafeTimedSerializer

from peel.common.audit.store import PostgresAuditLog
from peel.common.http.app import NO_NATIVE_TELEMETRY, health_router, token_verifier
from peel.common.runtime import BackgroundTask, ServiceRuntime
from peel.web.adapters.cached_api import CachedReads
from peel.web.adapters.service_api import HttpServiceApi
from peel.web.adapters.session_store import PostgresSessionStore
from peel.web.adapters.staff_api import HttpStaffApi
from peel.web.adapters.staff_oidc import OidcIdentityProvider
from peel.web.adapters.staff_role_mappings import PostgresRoleMappings
from peel.web.adapters.staff_sessions import PostgresStaffSessions
from peel.web.adapters.staff_tokens import SigningKey
from peel.web.adapters.tenant_store import PostgresTenantDisplays
from peel.web.entrypoints.http import ROUTERS
from peel.web.entrypoints.http.errors import install_error_pages
from peel.web.entrypoints.http.pages import shared_pages
from peel.web.entrypoints.http.security import PageSecurity
from peel.web.entrypoints.http.staff import ROUTERS as STAFF_ROUTERS
from peel.web.service_layer.ports import WebPorts
from peel.web.service_layer.staff.ports import StaffPorts
from peel.web.settings import WebSettings

MIGRATIONS = Path(__file__).parent / "migrations"
STATIC = Path(__file__).parent / "static" / "dist"


def create_app(settings: WebSettings | None = None, ports: WebPorts | None = None) -> FastAPI:
    """The web service; page tests pass ``ports`` (fakes) and get no database or service connections."""
    settings = settings or WebSettings()
    runtime = None if ports else ServiceRuntime(settings, MIGRATIONS, [SESSION_CLEANER], kafka=False)
    app = FastAPI(title="Peel web pages", version="1.0", lifespan=_lifespan(settings, runtime, ports),
                  telemetry=NO_NATIVE_TELEMETRY, docs_url="/v1/docs", openapi_url="/v1/openapi.json",
                  redoc_url=None, swagger_ui_oauth2_redirect_url="/v1/docs/oauth2-redirect")
    app.state.settings = settings
    app.state.pages = shared_pages()
    app.state.csrf_signer = URLSafeTimedSerializer(settings.secret_key.get_secret_value(), salt="csrf")
    app.state.staff_csrf_signer = URLSafeTimedSerializer(settings.secret_key.get_secret_value(), salt="staff-csrf")
    app.state.identity_providers = identity_providers(settings)
    app.state.token_verifier = token_verifier(settings)
    for router in [*STAFF_ROUTERS, *ROUTERS]:
        app.include_router(router)
    if runtime:
        app.include_router(health_router(runtime))
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    app.mount("/assets", StaticFiles(directory=STATIC / "assets", check_dir=False), name="assets")
    install_error_pages(app)
    app.add_middleware(PageSecurity, secure_cookie=settings.cookie_secure,
                       session_seconds=settings.session_days * 86400, host_tenants=settings.host_tenants)
    return app


def _lifespan(settings: WebSettings, runtime: ServiceRuntime | None, given: WebPorts | None):  # noqa: ANN202
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if given:
            app.state.ports = given
            yield
            return
        assert runtime is not None
        await runtime.start()
        consultation, scheduling, reporting, notifications = (
            HttpServiceApi(url, timeout=settings.api_timeout_seconds, connections=settings.api_connections)
            for url in (settings.consultation_url, settings.scheduling_url, settings.reporting_url,
                        settings.notifications_url))
        apis = [CachedReads(consultation, seconds=settings.public_cache_seconds), scheduling, reporting]
        app.state.ports = WebPorts(*apis, sessions=PostgresSessionStore(
            runtime.pool, lifetime=timedelta(days=settings.session_days)),
            tenants=PostgresTenantDisplays(runtime.pool), notifications=notifications,
            staff=_staff_ports(settings, runtime, [consultation, scheduling, reporting, notifications]))
        try:
            yield
        finally:
            for api in [*apis, notifications]:
                await api.close()
            for provider in app.state.identity_providers:
                await provider.close()
            await runtime.stop()

    return lifespan


def _staff_ports(settings: WebSettings, runtime: ServiceRuntime, apis: list[HttpServiceApi]) -> StaffPorts:
    key = SigningKey.from_file(settings.token_key_path, issuer=settings.auth_issuer, audience=settings.auth_audience,
                               ttl_seconds=settings.staff_token_seconds)
    sessions = PostgresStaffSessions(runtime.pool, idle=timedelta(minutes=settings.staff_idle_minutes),
                                     absolute=timedelta(hours=settings.staff_absolute_hours))
    return StaffPorts(*(HttpStaffApi(api) for api in apis), sessions=sessions, tokens=key,
                      role_mappings=PostgresRoleMappings(runtime.pool, default_role_mappings(settings)),
                      audit_log=PostgresAuditLog(lambda: runtime.pool))


def identity_providers(settings: WebSettings) -> list[OidcIdentityProvider]:
    """The sign-in page's buttons, in the order configured; each reads its provider's settings on first use."""
    return [OidcIdentityProvider(key, provider, timeout=settings.oidc_timeout_seconds)
            for key, provider in settings.oidc_providers.items()]


def default_role_mappings(settings: WebSettings) -> dict[str, dict[str, list[str]]]:
    """Each office's configured mapping (of the providers signing into one office), until an admin saves its own."""
    defaults: dict[str, dict[str, list[str]]] = {}
    for provider in settings.oidc_providers.values():
        if provider.tenant:
            mapping = defaults.setdefault(provider.tenant, {})
            for group, roles in provider.role_mapping.items():
                mapping[group] = sorted(set(mapping.get(group, [])) | set(roles))
    return defaults


async def _forget_expired_sessions(runtime: ServiceRuntime) -> None:
    """Hourly: residents' answers past their lifetime, and staff sign-ins ended or timed out over a day ago."""
    settings = runtime.settings
    assert isinstance(settings, WebSettings)
    store = PostgresSessionStore(runtime.pool, lifetime=timedelta(days=1))
    staff = PostgresStaffSessions(runtime.pool, idle=timedelta(minutes=settings.staff_idle_minutes),
                                  absolute=timedelta(hours=settings.staff_absolute_hours))
    while True:
        await store.forget_expired()
        await staff.forget_old()
        await asyncio.sleep(3600)


SESSION_CLEANER = BackgroundTask("forget-expired-sessions", _forget_expired_sessions)
