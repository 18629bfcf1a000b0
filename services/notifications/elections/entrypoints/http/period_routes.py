"""Pre-election periods (staff): registered, listed, cancelled with a reason, and what each holds."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import allow
from peel.notifications.elections.domain.periods import PeriodState
from peel.notifications.elections.entrypoints.http.dependencies import UnitOfWorkDep
from peel.notifications.elections.entrypoints.http.period_schemas import HeldPublic, PeriodCreate, PeriodPublic
from peel.notifications.elections.service_layer import periods

Staff = Annotated[Principal, Depends(allow(Role.ADMIN, Role.ENGAGEMENT_OFFICER, scopes=("notifications:read",)))]
Admin = Annotated[Principal, Depends(allow(Role.ADMIN, Role.ENGAGEMENT_OFFICER))]
router = APIRouter(prefix="/v1/election-periods", tags=["election periods"])
NOT_FOUND = {404: {"description": "No such election period in your tenant"}}


@router.post("", status_code=status.HTTP_201_CREATED, summary="Register a pre-election period",
             responses={422: {"description": "Polling day before the notice of election, or an unknown kind"}})
async def register_period(body: PeriodCreate, principal: Admin, uow: UnitOfWorkDep) -> PeriodPublic:
    period = await periods.register_period(uow, principal.tenant, body.registration(), principal.subject)
    return PeriodPublic.of(period, datetime.now(UTC))


@router.get("", summary="Election periods, latest polling day first (at most 1,000)")
async def list_periods(principal: Staff, uow: UnitOfWorkDep,
                       state: Annotated[PeriodState | None, Query(description="Only those in this state")] = None,
                       ) -> list[PeriodPublic]:
    now = datetime.now(UTC)
    return [PeriodPublic.of(period, now) for period in await periods.list_periods(uow, principal.tenant, state)]


@router.get("/{period_id}", summary="An election period", responses=NOT_FOUND)
async def get_period(period_id: uuid.UUID, principal: Staff, uow: UnitOfWorkDep) -> PeriodPublic:
    return PeriodPublic.of(await periods.get_period(uow, principal.tenant, period_id), datetime.now(UTC))


@router.delete("/{period_id}", summary="Cancel an election period; who, when and why are kept",
               responses={**NOT_FOUND, 409: {"description": "Cancelled already"}})
async def cancel_period(
    period_id: uuid.UUID, principal: Admin, uow: UnitOfWorkDep,
    reason: Annotated[str, Query(min_length=1, max_length=500, description="Why it is cancelled")],
) -> PeriodPublic:
    cancelled = await periods.cancel_period(uow, principal.tenant, period_id, reason, principal.subject)
    return PeriodPublic.of(cancelled, datetime.now(UTC))


@router.get("/{period_id}/held", summary="How many messages the period holds now, by channel and category",
            responses=NOT_FOUND)
async def held_messages(period_id: uuid.UUID, principal: Staff, uow: UnitOfWorkDep) -> HeldPublic:
    period, counts = await periods.held_for(uow, principal.tenant, period_id)
    return HeldPublic(period_id=period.id, reason=period.held_reason, state=period.state(datetime.now(UTC)),
                      held=sum(counts["channel"].values()), by_channel=counts["channel"],
                      by_category=counts["category"])
