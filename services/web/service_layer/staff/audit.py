"""The audit trail's use cases: the page asks the four services for their entries at once and merges them with the
web's own (a service that does not answer is named on the page rather than failing it); and a change to what the
web keeps itself (the staff roles mapping, the office's display) is written to the web's own trail."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import Any

from peel.common.audit.record import AuditEntry, action_of
from peel.common.audit.store import AuditLog, AuditQuery
from peel.web.domain.staff.audit import OWN, PAGE_SIZE, SERVICES, AuditFilters, TrailPage, merged, moment_of
from peel.web.domain.staff.identity import StaffUser
from peel.web.service_layer.ports import ServiceError
from peel.web.service_layer.staff.ports import BoundApi, UserApis

log = logging.getLogger(__name__)


async def trail_page(apis: UserApis, own: AuditLog, tenant: str, filters: AuditFilters,
                     page_size: int = PAGE_SIZE) -> TrailPage:
    params = filters.params(limit=page_size + 1)
    answers = await asyncio.gather(*(_entries(getattr(apis, name), name, params) for name in SERVICES),
                                   _own_entries(own, tenant, filters, page_size + 1))
    return merged(dict(zip((*SERVICES, OWN), answers, strict=True)), page_size)


async def _entries(api: BoundApi, service: str, params: dict[str, Any]) -> list[Any] | None:
    try:
        return list((await api.get("/v1/audit", params))["entries"])
    except (ServiceError, KeyError, TypeError) as error:
        log.warning("a service's audit trail could not be read: %s", type(error).__name__,
                    extra={"service": service})
        return None


async def _own_entries(own: AuditLog, tenant: str, filters: AuditFilters, limit: int) -> list[dict[str, Any]]:
    query = AuditQuery(tenant, resource=filters.resource or None, actor=filters.actor or None,
                       before=moment_of(filters.before) if filters.before else None, limit=limit)
    return [_as_item(entry) for entry in await own.entries(query)]


def _as_item(entry: AuditEntry) -> dict[str, Any]:
    """An entry as the services' ``GET /v1/audit`` answers it."""
    assert entry.at is not None
    return {"service": OWN, "subject": entry.subject, "roles": list(entry.roles), "method": entry.method,
            "route": entry.route, "action": entry.action, "resource_ids": dict(entry.resource_ids),
            "status": entry.status, "at": entry.at.isoformat()}


async def record_change(own: AuditLog, user: StaffUser, method: str, route: str,
                        resource_ids: Mapping[str, str] | None = None, *, status: int = 303) -> None:
    """A change a member of staff made to the web's own data, kept once it is done (a staff form answers 303)."""
    await own.record(AuditEntry(tenant=user.tenant, subject=user.subject, roles=tuple(sorted(user.roles)),
                                method=method, route=route, action=action_of(route),
                                resource_ids=dict(resource_ids or {}), status=status))
