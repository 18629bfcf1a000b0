"""Error pages in the page's language: never a stack trace, always a way on. The JSON admin API keeps JSON errors."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from peel.web.domain.addresses import language_of, office_in
from peel.web.domain.tenants import default_display, is_tenant
from peel.web.entrypoints.http.context import ports
from peel.web.entrypoints.http.csrf import ForeignOrigin, ForgedForm
from peel.web.entrypoints.http.pages import page_for
from peel.web.entrypoints.http.staff.errors import STAFF_ERRORS, invalid, is_staff_path, refused, staff_error_page
from peel.web.service_layer.ports import InvalidAnswers, NotFoundThere, Refused, ServiceUnavailable, TooManyRequests

log = logging.getLogger(__name__)


async def error_page(request: Request, status_code: int, template: str, **context: object) -> Response:
    if request.url.path.startswith("/v1/"):
        return JSONResponse({"detail": context.get("detail") or template}, status_code=status_code)
    if is_staff_path(request.url.path):
        return await staff_error_page(request, status_code, **context)
    lang, tenant = _language_and_office(request)
    try:
        display = await ports(request).tenants.display(tenant)
    except Exception:  # noqa: BLE001 - the error page must render even with the database down
        display = default_display(tenant)
    page = page_for(request, tenant, display, lang)
    headers = {"Cache-Control": "no-store", **context.pop("headers", {})}  # type: ignore[dict-item]
    return request.app.state.pages.render(page, f"errors/{template}.html", status_code=status_code,
                                          headers=headers, **context)


def _language_and_office(request: Request) -> tuple[str, str]:
    """The page's language from its path; its office from what the page found out, its path, or the default.

    Pages reached from an email link (``/{lang}/bookings/...``) have no office in their path: they set
    ``state["tenant"]`` once the service has said whose it is."""
    state = request.scope.get("state", {})
    path = state.get("page_path", request.url.path)
    lang = language_of(path) or "en"
    candidates = [state.get("tenant"), request.path_params.get("tenant"), office_in(path)]
    tenant = next((name for name in candidates if name and is_tenant(name)), request.app.state.settings.default_tenant)
    return lang, tenant


async def _not_found(request: Request, _: Exception) -> Response:
    return await error_page(request, 404, "not_found")


async def _http(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    if error.status_code == 405:
        return await error_page(request, 405, "not_found")
    if error.status_code == 404:
        return await error_page(request, 404, "not_found")
    if request.url.path.startswith("/v1/"):
        return JSONResponse({"detail": error.detail}, status_code=error.status_code, headers=error.headers)
    return await error_page(request, error.status_code, "problem")


async def _invalid_path(request: Request, error: Exception) -> Response:
    if request.url.path.startswith("/v1/"):
        assert isinstance(error, RequestValidationError)
        detail = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in error.errors()]
        return JSONResponse({"detail": detail}, status_code=422)
    return await error_page(request, 404, "not_found")  # a malformed id in a page's address: no such page


async def _unavailable(request: Request, error: Exception) -> Response:
    log.warning("a service is unavailable: %s", error, extra={"path": request.url.path})
    return await error_page(request, 503, "unavailable", headers={"Retry-After": "30"})


async def _too_many(request: Request, error: Exception) -> Response:
    assert isinstance(error, TooManyRequests)
    return await error_page(request, 429, "too_many", wait_seconds=error.wait_seconds,
                            headers={"Retry-After": str(error.wait_seconds)})


async def _refused(request: Request, error: Exception) -> Response:
    assert isinstance(error, Refused)
    if is_staff_path(request.url.path):
        return await refused(request, error)
    return await error_page(request, 409, "problem", detail=str(error.detail))


async def _invalid_answers(request: Request, error: Exception) -> Response:
    assert isinstance(error, InvalidAnswers)
    if is_staff_path(request.url.path):
        return await invalid(request, error)
    return await _unexpected(request, error)


async def _forged(request: Request, error: Exception) -> Response:
    log.warning("a form post was refused: %s", error, extra={"path": request.url.path})
    return await error_page(request, 400, "forged_form")


async def _foreign(request: Request, error: Exception) -> Response:
    log.warning("a form post from another site was refused: %s", error, extra={"path": request.url.path})
    return await error_page(request, 403, "forbidden")


async def _unexpected(request: Request, error: Exception) -> Response:
    log.error("unhandled error", exc_info=error, extra={"path": request.url.path})
    return await error_page(request, 500, "server_error")


def install_error_pages(app: FastAPI) -> None:
    for error, handler in [
        (NotFoundThere, _not_found), (HTTPException, _http), (RequestValidationError, _invalid_path),
        (ServiceUnavailable, _unavailable), (TooManyRequests, _too_many), (Refused, _refused),
        (ForgedForm, _forged), (ForeignOrigin, _foreign), (InvalidAnswers, _invalid_answers),
        *STAFF_ERRORS, (Exception, _unexpected),
    ]:
        app.add_exception_handler(error, handler)
