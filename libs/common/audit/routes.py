"""``GET /v1/audit``: an office's administrators read what their staff did in this service, newest first."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel

from peel.common.audit.record import AuditEntry
from peel.common.audit.store import MOST_ENTRIES, AuditLog, AuditQuery
from peel.common.auth.dependencies import allow
from peel.common.auth.principal import Principal, Role

Administrator = Annotated[Principal, Depends(allow(Role.ADMIN))]


class AuditItem(BaseModel):
    service: str
    subject: str
    roles: list[str]
    method: str
    route: str
    action: str
    resource_ids: dict[str, str]
    status: int
    at: datetime


class AuditEntries(BaseModel):
    entries: list[AuditItem]


def audit_router() -> APIRouter:
    router = APIRouter(prefix="/v1/audit", tags=["audit"])

    @router.get("", summary="Your office's staff actions in this service, newest first")
    async def list_entries(
        request: Request, principal: Administrator,
        resource: Annotated[str | None, Query(min_length=1, max_length=200, description="An id the action touched")]
        = None,
        actor: Annotated[str | None, Query(min_length=1, max_length=200, description="Who did it (subject)")] = None,
        since: Annotated[datetime | None, Query(description="Only entries at or after this moment")] = None,
        before: Annotated[datetime | None, Query(description="Only entries before this moment")] = None,
        limit: Annotated[int, Query(ge=1, le=MOST_ENTRIES)] = 100,
    ) -> AuditEntries:
        query = AuditQuery(principal.tenant, resource=resource, actor=actor, since=_utc("since", since),
                           before=_utc("before", before), limit=limit)
        audit_log: AuditLog = request.app.state.audit_log
        service = request.app.state.settings.service_name
        return AuditEntries(entries=[_item(service, entry) for entry in await audit_log.entries(query)])

    return router


def _utc(name: str, moment: datetime | None) -> datetime | None:
    """The moment in UTC (one given without an offset is taken as UTC); one that cannot be is refused by name."""
    if moment is None:
        return None
    try:
        return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
    except OverflowError as error:
        raise RequestValidationError([{"loc": ("query", name), "msg": "out of range", "type": "value_error"}]) \
            from error


def _item(service: str, entry: AuditEntry) -> AuditItem:
    assert entry.at is not None
    return AuditItem(service=service, subject=entry.subject, roles=list(entry.roles), method=entry.method,
                     route=entry.route, action=entry.action, resource_ids=dict(entry.resource_ids),
                     status=entry.status, at=entry.at)
