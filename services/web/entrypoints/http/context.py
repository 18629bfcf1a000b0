"""What a page handler needs from its request: the page (language, office), the ports, the resident, the session."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request

from peel.web.domain.language import LANGUAGES
from peel.web.domain.tenants import is_tenant
from peel.web.entrypoints.http.pages import Page, Pages, page_for
from peel.web.service_layer.ports import NotFoundThere, WebPorts


async def current_page(request: Request, lang: str, tenant: str) -> Page:
    """The page's language and office from its path; an unknown language or a malformed office is a 404."""
    if lang not in LANGUAGES or not is_tenant(tenant):
        raise NotFoundThere(request.url.path)
    display = await ports(request).tenants.display(tenant)
    return page_for(request, tenant, display, lang)


CurrentPage = Annotated[Page, Depends(current_page)]


def ports(request: Request) -> WebPorts:
    return request.app.state.ports


def pages(request: Request) -> Pages:
    return request.app.state.pages


def resident(request: Request) -> str:
    """The resident's address (uvicorn has already read ``X-Forwarded-For`` from the trusted proxies)."""
    return request.client.host if request.client else "unknown"


async def session_data(request: Request) -> dict[str, Any]:
    """This browser's session (answers in progress); empty for a new one. Loaded once per request."""
    state = request.scope.setdefault("state", {})
    if "session_data" not in state:
        stored = await ports(request).sessions.load(state.get("session_id", "")) if state.get("session_id") else None
        state["session_data"] = stored or {}
    return state["session_data"]


async def save_session(request: Request, data: dict[str, Any]) -> None:
    state = request.scope.setdefault("state", {})
    state["session_data"] = data
    if state.get("session_id"):
        await ports(request).sessions.save(state["session_id"], data)
