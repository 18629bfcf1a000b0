"""Builds a service's FastAPI app: health, readiness, OpenAPI, errors, auth, telemetry, the refusal of text
the database cannot store, and the audit trail of staff actions (``GET /v1/audit``)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager

import asyncpg
from fastapi import APIRouter, FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.telemetry import TelemetryConfig
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

from peel.common.audit import PostgresAuditLog, RecordStaffActions, audit_router
from peel.common.auth import TokenVerifier
from peel.common.errors import Conflict, InvalidInput, NotFound, Unavailable
from peel.common.http.ratelimit import RateLimiter
from peel.common.http.storable_text import RefuseUnstorableText
from peel.common.runtime import ServiceRuntime
from peel.common.settings import ServiceSettings
from peel.common.telemetry.tracing import tracing_enabled

log = logging.getLogger(__name__)
VALIDATION_ERROR = {
    "description": "A field is missing or wrong",
    "content": {"application/json": {"example": {"detail": [{"loc": ["body", "title"], "msg": "Field required",
                                                             "type": "missing"}]}}},
}

# Without tracing, FastAPI's own telemetry would look up the OpenTelemetry providers on every request.
NO_NATIVE_TELEMETRY: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False}


def create_service_app(
    settings: ServiceSettings,
    runtime: ServiceRuntime,
    routers: Sequence[APIRouter],
    *,
    title: str,
    description: str,
    on_ready: Callable[[FastAPI], None] | None = None,
) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await runtime.start()
        app.state.runtime = runtime
        if on_ready:
            on_ready(app)
        try:
            yield
        finally:
            await runtime.stop()

    tracing = tracing_enabled(settings.otel_exporter)
    app = FastAPI(title=title, description=description, version="1.0", lifespan=lifespan,
                  telemetry=None if tracing else NO_NATIVE_TELEMETRY)
    app.state.settings = settings
    app.state.token_verifier = token_verifier(settings)
    app.state.rate_limiter = RateLimiter(settings.public_rate_limit_per_minute)
    app.state.audit_log = PostgresAuditLog(lambda: runtime.pool)
    for router in routers:  # in the order given: each request tries them in turn, the busiest first
        app.include_router(router)
    app.include_router(health_router(runtime))
    app.include_router(audit_router())
    install_error_handlers(app)
    app.add_middleware(RecordStaffActions)
    app.add_middleware(RefuseUnstorableText, max_request_bytes=settings.max_request_bytes)
    if tracing:
        FastAPIInstrumentor.instrument_app(app, excluded_urls="healthz,readyz")
    return app


def token_verifier(settings: ServiceSettings) -> TokenVerifier:
    if settings.auth_jwks_url:
        return TokenVerifier(issuer=settings.auth_issuer, audience=settings.auth_audience,
                             jwks_url=settings.auth_jwks_url)
    return TokenVerifier.from_key_file(settings.public_key_path, issuer=settings.auth_issuer,
                                      audience=settings.auth_audience)


def health_router(runtime: ServiceRuntime) -> APIRouter:
    router = APIRouter(tags=["health"])

    @router.get("/healthz", summary="The process is alive")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/readyz", summary="PostgreSQL and Kafka are reachable", responses={503: {"description": "Not ready"}})
    async def readyz() -> JSONResponse:
        checks = await runtime.readiness()
        ready = all(value == "ok" for value in checks.values())
        code = status.HTTP_200_OK if ready else status.HTTP_503_SERVICE_UNAVAILABLE
        return JSONResponse({"status": "ready" if ready else "not ready", "checks": checks}, status_code=code)

    return router


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(NotFound, _not_found)
    app.add_exception_handler(Conflict, _conflict)
    app.add_exception_handler(InvalidInput, _invalid)
    app.add_exception_handler(RequestValidationError, _request_invalid)
    for unavailable in (Unavailable, OSError, asyncpg.PostgresConnectionError, asyncpg.InterfaceError):
        app.add_exception_handler(unavailable, _unavailable)
    app.add_exception_handler(Exception, _unexpected)


async def _not_found(_: Request, error: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(error) or "not found"}, status_code=status.HTTP_404_NOT_FOUND)


async def _conflict(_: Request, error: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(error)}, status_code=status.HTTP_409_CONFLICT)


async def _invalid(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, InvalidInput)
    detail = [{"loc": ["body", *e.location], "msg": e.reason, "type": e.code} for e in error.errors]
    return JSONResponse({"detail": detail}, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)


async def _request_invalid(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    detail = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in error.errors()]
    return JSONResponse({"detail": detail}, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)


async def _unavailable(request: Request, error: Exception) -> JSONResponse:
    log.warning("a dependency is unavailable: %s", error, extra={"path": request.url.path})
    detail = str(error) if isinstance(error, Unavailable) else "the service's database is unavailable"
    return JSONResponse({"detail": f"{detail}; try again shortly"}, status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
                        headers={"Retry-After": "5"})


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    log.error("unhandled error", exc_info=error, extra={"path": request.url.path})
    return JSONResponse({"detail": "internal error; it has been logged"}, status_code=500)
