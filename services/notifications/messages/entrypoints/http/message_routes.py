"""Emails other services ask for, and how their delivery went."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import allow
from peel.common.outbox import Outbox
from peel.notifications.messages.adapters.unit_of_work import NotificationsUnitOfWork
from peel.notifications.messages.entrypoints.http.message_schemas import MessageCreate, MessagePublic
from peel.notifications.messages.service_layer import messages

STAFF_ROLES = (Role.ADMIN, Role.ENGAGEMENT_OFFICER)
Sender = Annotated[Principal, Depends(allow(scopes=("notifications:send",)))]
Viewer = Annotated[Principal, Depends(allow(*STAFF_ROLES, scopes=("notifications:read", "notifications:send")))]
router = APIRouter(prefix="/v1/messages", tags=["messages"])


async def unit_of_work(request: Request) -> NotificationsUnitOfWork:
    runtime = request.app.state.runtime
    return NotificationsUnitOfWork(runtime.pool, Outbox(runtime.settings.source, runtime.settings.kafka_topic_prefix))


UnitOfWorkDep = Annotated[NotificationsUnitOfWork, Depends(unit_of_work)]


@router.post("", status_code=status.HTTP_201_CREATED, summary="Send an email from a template (machine clients)",
             responses={200: {"description": "This reference was used already: the first message, not a new one"}})
async def send_message(body: MessageCreate, principal: Sender, uow: UnitOfWorkDep, response: Response) -> MessagePublic:
    message, created = await messages.send_message(body.to_command(principal), uow)
    if not created:
        response.status_code = status.HTTP_200_OK
    return MessagePublic.of(message)


@router.get("/{message_id}", summary="A message's delivery status (staff, or the client that sent it)",
            responses={404: {"description": "No such message for you"}})
async def get_message(message_id: uuid.UUID, principal: Viewer, uow: UnitOfWorkDep) -> MessagePublic:
    sees_all = principal.may(frozenset(STAFF_ROLES), frozenset({"notifications:read"}))
    message = await messages.get_message(uow, message_id, principal.tenant, principal.subject, sees_all)
    return MessagePublic.of(message)
