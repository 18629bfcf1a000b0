"""The audit trail page's use case: ask the four services for their entries at once and merge them, a service
that does not answer named on the page rather than failing it."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from peel.web.domain.staff.audit import PAGE_SIZE, SERVICES, AuditFilters, TrailPage, merged
from peel.web.service_layer.ports import ServiceError
from peel.web.service_layer.staff.ports import BoundApi, UserApis

log = logging.getLogger(__name__)


async def trail_page(apis: UserApis, filters: AuditFilters, page_size: int = PAGE_SIZE) -> TrailPage:
    params = filters.params(limit=page_size + 1)
    answers = await asyncio.gather(*(_entries(getattr(apis, name), name, params) for name in SERVICES))
    return merged(dict(zip(SERVICES, answers, strict=True)), page_size)


async def _entries(api: BoundApi, service: str, params: dict[str, Any]) -> list[Any] | None:
    try:
        return list((await api.get("/v1/audit", params))["entries"])
    except (ServiceError, KeyError, TypeError) as error:
        log.warning("a service's audit trail could not be read: %s", type(error).__name__,
                    extra={"service": service})
        return None
