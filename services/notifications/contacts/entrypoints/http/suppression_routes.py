"""Suppressions (staff only): addresses that must not be written to, lifted only with a reason."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import allow
from peel.notifications.contacts.domain.consents import Channel, SuppressionReason, address_hash
from peel.notifications.contacts.entrypoints.http.dependencies import UnitOfWorkDep
from peel.notifications.contacts.entrypoints.http.suppression_schemas import SuppressionCreate, SuppressionPublic
from peel.notifications.contacts.service_layer import suppressions

Staff = Annotated[Principal, Depends(allow(Role.ADMIN, Role.ENGAGEMENT_OFFICER))]
router = APIRouter(prefix="/v1/suppressions", tags=["suppressions"])


@router.post("", status_code=status.HTTP_201_CREATED, summary="Suppress an address",
             responses={409: {"description": "Suppressed already for this channel and scope"}})
async def add_suppression(body: SuppressionCreate, principal: Staff, uow: UnitOfWorkDep) -> SuppressionPublic:
    added = await suppressions.add_suppression(uow, body.suppression(principal, datetime.now(UTC)))
    return SuppressionPublic.of(added)


@router.get("", summary="Suppressions in force, newest last (at most 1,000)")
async def list_suppressions(
    principal: Staff, uow: UnitOfWorkDep, channel: Channel | None = None, reason: SuppressionReason | None = None,
    address: Annotated[str | None, Query(min_length=3, max_length=320, description="Only this address's")] = None,
) -> list[SuppressionPublic]:
    hashed = address_hash(channel or Channel.EMAIL, address) if address else None
    found = await suppressions.list_suppressions(uow, principal.tenant, channel, reason, hashed)
    return [SuppressionPublic.of(suppression) for suppression in found]


@router.delete("/{suppression_id}", summary="Lift a suppression; who, when and why are kept",
               responses={404: {"description": "No such suppression in force in your tenant"}})
async def remove_suppression(
    suppression_id: uuid.UUID, principal: Staff, uow: UnitOfWorkDep,
    reason: Annotated[str, Query(min_length=1, max_length=500, description="Why it is lifted")],
) -> SuppressionPublic:
    removed = await suppressions.remove_suppression(uow, principal.tenant, suppression_id, reason, principal.subject)
    return SuppressionPublic.of(removed)
