"""An office's home page and feed: what residents can take part in now, gathered from the services at once.

A section whose service is down is left out (``None``) rather than failing the whole page."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
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


async def office_now(ports: WebPorts, tenant: str, resident: str) -> OfficeNow:
    consultations, panel, surgeries, areas, assemblies = await asyncio.gather(
        _or_none(ports.consultation.get(f"/v1/public/offices/{tenant}/consultations", resident=resident)),
        _or_none(ports.consultation.get(f"/v1/public/{tenant}/panel/meetings", resident=resident)),
        _or_none(ports.scheduling.get(f"/v1/public/{tenant}/surgeries", resident=resident)),
        _or_none(ports.scheduling.get(f"/v1/public/{tenant}/meeting-areas", resident=resident)),
        _or_none(ports.scheduling.get(f"/v1/public/{tenant}/assemblies", resident=resident)),
    )
    return OfficeNow(consultations, panel, surgeries, areas, assemblies)


async def area_meetings(ports: WebPorts, tenant: str, area: str, resident: str) -> Json:
    return await ports.scheduling.get(f"/v1/public/{tenant}/meeting-areas/{area}", resident=resident)


async def _or_none(call: Awaitable[Any]) -> Any:
    try:
        return await call
    except NotFoundThere:
        return []
    except ServiceUnavailable:
        return None
