"""Bulletins (staff only): written, approved by a second person, previewed, test-sent."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, status
from fastapi.responses import HTMLResponse

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import allow
from peel.notifications.bulletins.adapters.layouts import layout_of
from peel.notifications.bulletins.adapters.rendering import render
from peel.notifications.bulletins.entrypoints.http.bulletin_schemas import (
    BulletinIn,
    BulletinPublic,
    BulletinState,
    BulletinWritten,
    Reach,
    TestSendIn,
    TestSent,
)
from peel.notifications.bulletins.entrypoints.http.dependencies import UnitOfWorkDep
from peel.notifications.bulletins.service_layer import bulletins, sending
from peel.notifications.bulletins.service_layer.bulletins import Written
from peel.notifications.templates.domain.layouts import Layout, languages_shown

Staff = Annotated[Principal, Depends(allow(Role.ADMIN, Role.ENGAGEMENT_OFFICER))]
router = APIRouter(prefix="/v1/bulletins", tags=["bulletins"])
NOT_FOUND = {404: {"description": "No such bulletin in your tenant"}}
REFUSED = {**NOT_FOUND, 409: {"description": "The bulletin's state does not allow this"}}


def _written(written: Written) -> BulletinWritten:
    bulletin = written.bulletin
    return BulletinWritten(id=bulletin.id, status=bulletin.status.value, warnings=bulletin.draft.warnings(),
                           **Reach.of(written.estimate).model_dump())


@router.post("", status_code=status.HTTP_201_CREATED, summary="Write a bulletin (a draft)")
async def create_bulletin(body: BulletinIn, principal: Staff, uow: UnitOfWorkDep) -> BulletinWritten:
    written = await bulletins.create_bulletin(uow, principal.tenant, body.draft(), principal.subject,
                                              body.from_pending)
    return _written(written)


@router.get("", summary="Your office's bulletins, newest first")
async def list_bulletins(principal: Staff, uow: UnitOfWorkDep) -> list[BulletinPublic]:
    return [BulletinPublic.of(bulletin) for bulletin in await bulletins.list_bulletins(uow, principal.tenant)]


@router.get("/{bulletin_id}", summary="A bulletin", responses=NOT_FOUND)
async def get_bulletin(bulletin_id: uuid.UUID, principal: Staff, uow: UnitOfWorkDep) -> BulletinPublic:
    return BulletinPublic.of(await bulletins.get_bulletin(uow, principal.tenant, bulletin_id))


@router.put("/{bulletin_id}", responses=REFUSED,
            summary="Rewrite a draft (an approved bulletin goes back to draft and needs approving again)")
async def update_bulletin(bulletin_id: uuid.UUID, body: BulletinIn, principal: Staff,
                          uow: UnitOfWorkDep) -> BulletinWritten:
    return _written(await bulletins.update_bulletin(uow, principal.tenant, bulletin_id, body.draft(),
                                                    body.from_pending))


@router.get("/{bulletin_id}/reach", responses=NOT_FOUND, summary="Who it would go to now, and who not and why")
async def reach(bulletin_id: uuid.UUID, principal: Staff, uow: UnitOfWorkDep) -> Reach:
    return Reach.of(await bulletins.estimate_reach(uow, principal.tenant, bulletin_id))


@router.post("/{bulletin_id}/approve", responses=REFUSED,
             summary="Approve a draft for sending (not by its author)")
async def approve(bulletin_id: uuid.UUID, principal: Staff, uow: UnitOfWorkDep) -> BulletinState:
    return BulletinState.of(await bulletins.approve_bulletin(uow, principal.tenant, bulletin_id, principal.subject))


@router.get("/{bulletin_id}/preview", response_class=HTMLResponse, responses=NOT_FOUND,
            summary="The bulletin as an email shows it, in English, Welsh or both in your office's layout")
async def preview(bulletin_id: uuid.UUID, principal: Staff, uow: UnitOfWorkDep, request: Request,
                  language: Annotated[Literal["en", "cy", "both"], Query()] = "both") -> HTMLResponse:
    bulletin = await bulletins.get_bulletin(uow, principal.tenant, bulletin_id)
    layout = await layout_of(request.app.state.runtime.pool, principal.tenant)
    shown = render(bulletin.draft, languages_shown(layout, language), layout is Layout.SIDE_BY_SIDE, ())
    return HTMLResponse(shown.html)


@router.post("/{bulletin_id}/test-send", status_code=status.HTTP_202_ACCEPTED, responses=REFUSED,
             summary="Send a copy marked [TEST] to up to ten addresses")
async def test_send(bulletin_id: uuid.UUID, body: TestSendIn, principal: Staff, uow: UnitOfWorkDep) -> TestSent:
    ids = await sending.test_send(uow, principal.tenant, bulletin_id, [str(each) for each in body.email_addresses])
    return TestSent(message_ids=ids)
