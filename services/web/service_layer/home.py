"""An office's home page and feed: what residents can take part in now, gathered from the services at once.

A section whose service is down is left out (``None``) rather than failing the whole page."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Iterable
from dataclasses import dataclass
from typing import Any

from peel.web.service_layer.ports import Json, NotFoundThere, ServiceUnavailable, WebPorts


@dataclass(frozen=True)
class OfficeNow:
    consultations: Json | None  # {"open": [...], "upcoming": [...], "closed": [...]}
    panel_meetings: list[Json] | None
    surgeries: list[Json] | None
    meeting_areas: list[Json] | None
    assemblies: list[Json] | None


SECTIONS = {  # each part of the page: the service that knows it, and where
    "consultations": ("consultation", "/v1/public/offices/{tenant}/consultations"),
    "panel_meetings": ("consultation", "/v1/public/{tenant}/panel/meetings"),
    "surgeries": ("scheduling", "/v1/public/{tenant}/surgeries"),
    "meeting_areas": ("scheduling", "/v1/public/{tenant}/meeting-areas"),
    "assemblies": ("scheduling", "/v1/public/{tenant}/assemblies"),
}
FEED = ("consultations", "panel_meetings", "surgeries")  # what the Atom feed lists


async def office_now(ports: WebPorts, tenant: str, resident: str,
                     sections: Iterable[str] = tuple(SECTIONS)) -> OfficeNow:
    """The sections asked for, all at once; the others are left empty."""
    wanted = list(sections)
    found = await asyncio.gather(*(_or_none(getattr(ports, SECTIONS[name][0]).get(
        SECTIONS[name][1].format(tenant=tenant), resident=resident)) for name in wanted))
    return OfficeNow(**{name: [] for name in SECTIONS} | dict(zip(wanted, found, strict=True)))


async def area_meetings(ports: WebPorts, tenant: str, area: str, resident: str) -> Json:
    return await ports.scheduling.get(f"/v1/public/{tenant}/meeting-areas/{area}", resident=resident)


async def _or_none(call: Awaitable[Any]) -> Any:
    try:
        return await call
    except NotFoundThere:
        return []
    except ServiceUnavailable:
        return None
