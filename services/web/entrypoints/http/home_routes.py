"""An office's home page, each area's neighbourhood meetings, and the Atom feed of what is open and coming up."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from peel.web.domain.feed import FeedEntry, atom_feed
from peel.web.entrypoints.http.context import CurrentPage, pages, ports, resident
from peel.web.entrypoints.http.pages import Page
from peel.web.service_layer.home import FEED, OfficeNow, area_meetings, office_now

router = APIRouter(include_in_schema=False)


@router.get("/{lang}/{tenant}/")
async def home(request: Request, page: CurrentPage) -> HTMLResponse:
    now = await office_now(ports(request), page.tenant, resident(request))
    return pages(request).render(page, "home/home.html", now=now)


@router.get("/{lang}/{tenant}/meetings/{area}")
async def meetings_in_area(request: Request, page: CurrentPage, area: str) -> HTMLResponse:
    meetings = await area_meetings(ports(request), page.tenant, area, resident(request))
    return pages(request).render(page, "home/area_meetings.html", meetings=meetings, back=page.href(""))


@router.get("/{lang}/{tenant}/feed.atom")
async def feed(request: Request, page: CurrentPage) -> Response:
    now = await office_now(ports(request), page.tenant, resident(request), FEED)
    base = str(request.base_url).rstrip("/")
    entries = sorted(_entries(page, now, base), key=lambda entry: entry.updated, reverse=True)
    body = atom_feed(feed_id=f"{base}{page.href('')}", title=page.text(page.display.name).text,
                     url=f"{base}{page.href('')}", self_url=f"{base}{page.href('feed.atom')}", lang=page.lang,
                     updated=max((entry.updated for entry in entries), default=datetime(2020, 1, 1, tzinfo=UTC)),
                     entries=entries)
    return Response(body, media_type="application/atom+xml; charset=utf-8")


def _entries(page: Page, now: OfficeNow, base: str) -> list[FeedEntry]:
    consultations = (now.consultations or {}).get("open", [])
    entries = [FeedEntry(f"urn:uuid:{item['id']}", page.text(item["title"]).text,
                         f"{base}{page.href('consultations', item['id'])}",
                         _moment(item.get("updated_at") or item.get("opens_at")),
                         page.text(item.get("summary")).text) for item in consultations]
    entries += [FeedEntry(f"urn:uuid:{item['id']}", page.text(item["title"]).text,
                          f"{base}{page.href('panel', 'meetings', item['id'])}", _moment(item["starts_at"]),
                          page.text(item["venue"]).text) for item in now.panel_meetings or []]
    entries += [FeedEntry(f"urn:uuid:{item['id']}", f"{item['host']}: {item['day']}",
                          f"{base}{page.href('surgeries', item['id'])}", _moment(item["starts_at"]),
                          (item.get("venue") or {}).get("name", "")) for item in now.surgeries or []]
    return entries


def _moment(value: str | None) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else datetime(2020, 1, 1, tzinfo=UTC)
