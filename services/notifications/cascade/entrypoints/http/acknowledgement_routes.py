"""Acknowledgements of stakeholder bulletins: a council's answer through its signed link (public, no sign-in),
and the chase list and counts staff see."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import allow
from peel.common.errors import NotFound
from peel.notifications.cascade.entrypoints.http.acknowledgement_schemas import (
    AcknowledgementPublic,
    AcknowledgementsPublic,
    AnswerBody,
    AnswerRecorded,
    ChaseState,
    CouncilAcknowledgement,
    CountsPublic,
)
from peel.notifications.cascade.entrypoints.http.dependencies import LinksDep, UnitOfWorkDep
from peel.notifications.cascade.service_layer import acknowledgements
from peel.notifications.contacts.domain.links import ACKNOWLEDGE, BadLink

Staff = Annotated[Principal, Depends(allow(Role.ADMIN, Role.ENGAGEMENT_OFFICER))]
Token = Annotated[str, Path(min_length=1, max_length=2000)]
public = APIRouter(prefix="/v1/public/acknowledgements", tags=["cascade"])
staff = APIRouter(prefix="/v1/bulletins", tags=["cascade"])
BAD_LINK = {404: {"description": "The link is not valid (forged, for another page, or expired)"}}


def _read(links: LinksDep, token: str) -> tuple[str, uuid.UUID, uuid.UUID]:
    try:
        data = links.read(token, ACKNOWLEDGE)
        return str(data["tenant"]), uuid.UUID(str(data["bulletin_id"])), uuid.UUID(str(data["organisation_id"]))
    except (BadLink, KeyError, ValueError, TypeError) as error:
        raise NotFound("this link is not valid") from error


@public.get("/{token}", responses=BAD_LINK, summary="The bulletin a council's link is for, and its answer so far")
async def get_acknowledgement(token: Token, links: LinksDep, uow: UnitOfWorkDep) -> AcknowledgementPublic:
    found = await acknowledgements.view(uow, *_read(links, token), datetime.now(UTC))
    return AcknowledgementPublic.of(found)


@public.post("/{token}", responses={**BAD_LINK, 409: {"description": "The answer would move the state back"}},
             summary="A council says the bulletin was received, shared with residents, or is on an agenda")
async def acknowledge(token: Token, body: AnswerBody, links: LinksDep, uow: UnitOfWorkDep) -> AnswerRecorded:
    record = await acknowledgements.answer(uow, *_read(links, token), body.answer(), datetime.now(UTC))
    return AnswerRecorded(state=record.state, agenda_date=record.agenda_date, acknowledged_at=record.acknowledged_at)


@staff.get("/{bulletin_id}/acknowledgements", summary="Councils sent a stakeholder bulletin and their answers; "
           "state=none gives the chase list")
async def list_acknowledgements(bulletin_id: uuid.UUID, principal: Staff, uow: UnitOfWorkDep,
                                state: Annotated[ChaseState | None, Query()] = None) -> AcknowledgementsPublic:
    records, counts = await acknowledgements.of_bulletin(uow, principal.tenant, bulletin_id, state)
    return AcknowledgementsPublic(bulletin_id=bulletin_id, counts=CountsPublic.of(counts),
                                  acknowledgements=[CouncilAcknowledgement.of(record) for record in records])
