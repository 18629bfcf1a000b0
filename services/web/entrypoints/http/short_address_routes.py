"""A consultation's short address, as printed on its poster (``/{office}/c/{code}``): a redirect to its start page,
in Welsh when the browser prefers Welsh. The office's public list resolves the code, so it opens only a consultation
residents may see; anything else is the 404 page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from peel.web.domain.staff.consultation_results_poster import is_code, resolve
from peel.web.domain.tenants import is_tenant
from peel.web.entrypoints.http.context import ports, resident
from peel.web.entrypoints.http.info_routes import prefers_welsh
from peel.web.service_layer.ports import NotFoundThere

router = APIRouter(include_in_schema=False)


@router.get("/{tenant}/c/{code}")
async def short_address(request: Request, tenant: str, code: str) -> RedirectResponse:
    if not is_tenant(tenant) or not is_code(code):
        raise NotFoundThere(request.url.path)
    listing = await ports(request).consultation.get(f"/v1/public/offices/{tenant}/consultations",
                                                    resident=resident(request))
    found = resolve(code, listing)
    if found is None:
        raise NotFoundThere(request.url.path)
    lang = "cy" if prefers_welsh(request.headers.get("accept-language", "")) else "en"
    return RedirectResponse(f"/{lang}/{tenant}/consultations/{found}", status_code=303)
