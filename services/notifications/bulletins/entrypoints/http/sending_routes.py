"""Sending bulletins (staff only): now or at a set time; paused, resumed, cancelled; live statistics."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, status

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import allow
from peel.notifications.bulletins.entrypoints.http.bulletin_schemas import BulletinState, ScheduleIn, StatsPublic
from peel.notifications.bulletins.entrypoints.http.dependencies import UnitOfWorkDep
from peel.notifications.bulletins.service_layer import sending

Staff = Annotated[Principal, Depends(allow(Role.ADMIN, Role.ENGAGEMENT_OFFICER))]
router = APIRouter(prefix="/v1/bulletins", tags=["bulletins"])
REFUSED = {404: {"description": "No such bulletin in your tenant"},
           409: {"description": "The bulletin's state does not allow this"}}


@router.post("/{bulletin_id}/send", status_code=status.HTTP_202_ACCEPTED, responses=REFUSED,
             summary="Send an approved bulletin now; its messages are written in the background")
async def send(bulletin_id: uuid.UUID, principal: Staff, uow: UnitOfWorkDep) -> BulletinState:
    return BulletinState.of(await sending.send_bulletin(uow, principal.tenant, bulletin_id))


@router.post("/{bulletin_id}/schedule", responses=REFUSED, summary="Send an approved bulletin at a set time")
async def schedule(bulletin_id: uuid.UUID, body: ScheduleIn, principal: Staff, uow: UnitOfWorkDep) -> BulletinState:
    return BulletinState.of(await sending.schedule_bulletin(uow, principal.tenant, bulletin_id, body.send_at))


@router.post("/{bulletin_id}/pause", responses=REFUSED,
             summary="Hold what has not gone yet (scheduled, sending or sent bulletins)")
async def pause(bulletin_id: uuid.UUID, principal: Staff, uow: UnitOfWorkDep) -> BulletinState:
    return BulletinState.of(await sending.pause_bulletin(uow, principal.tenant, bulletin_id))


@router.post("/{bulletin_id}/resume", responses=REFUSED, summary="Let a paused bulletin go on")
async def resume(bulletin_id: uuid.UUID, principal: Staff, uow: UnitOfWorkDep) -> BulletinState:
    return BulletinState.of(await sending.resume_bulletin(uow, principal.tenant, bulletin_id))


@router.post("/{bulletin_id}/cancel", responses=REFUSED,
             summary="Stop it: nothing more is sent (messages being handed over finish)")
async def cancel(bulletin_id: uuid.UUID, principal: Staff, uow: UnitOfWorkDep) -> BulletinState:
    return BulletinState.of(await sending.cancel_bulletin(uow, principal.tenant, bulletin_id))


@router.get("/{bulletin_id}/stats", responses={404: REFUSED[404]},
            summary="Live counts of the bulletin's messages by status, its digest entries and unsubscriptions")
async def stats(bulletin_id: uuid.UUID, principal: Staff, uow: UnitOfWorkDep) -> StatsPublic:
    return StatsPublic.of(await sending.bulletin_stats(uow, principal.tenant, bulletin_id))
