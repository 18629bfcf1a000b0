"""The pages every office has: cookies, accessibility statement, privacy notice; and the bare address."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from peel.web.entrypoints.http.context import CurrentPage, pages

router = APIRouter(include_in_schema=False)


@router.get("/")
async def bare_address(request: Request) -> RedirectResponse:
    """The default office's home page, in Welsh when the browser prefers Welsh to English."""
    lang = "cy" if prefers_welsh(request.headers.get("accept-language", "")) else "en"
    tenant = request.app.state.settings.default_tenant
    return RedirectResponse(f"/{lang}/{tenant}/", status_code=303)


@router.get("/{lang}/{tenant}/cookies")
async def cookies(request: Request, page: CurrentPage) -> HTMLResponse:
    days = request.app.state.settings.session_days
    return pages(request).render(page, "info/cookies.html", session_days=days)


@router.get("/{lang}/{tenant}/accessibility")
async def accessibility(request: Request, page: CurrentPage) -> HTMLResponse:
    return pages(request).render(page, "info/accessibility.html")


@router.get("/{lang}/{tenant}/privacy")
async def privacy(request: Request, page: CurrentPage) -> HTMLResponse:
    return pages(request).render(page, "info/privacy.html")


def prefers_welsh(accept_language: str) -> bool:
    ranked = []
    for part in accept_language.split(","):
        tag, _, quality = part.strip().partition(";q=")
        try:
            ranked.append((float(quality or 1), tag.split("-")[0].lower()))
        except ValueError:
            continue
    languages = [tag for _, tag in sorted(ranked, key=lambda item: -item[0]) if tag in {"en", "cy"}]
    return bool(languages) and languages[0] == "cy"
