"""Messages other services and the office ask for, how their delivery went, and their cancellation."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import allow
from peel.common.outbox import Outbox
from peel.notifications.messages.adapters.unit_of_work import NotificationsUnitOfWork
from peel.notifications.messages.entrypoints.http.message_schemas import ContactMessage, MessageCreate, MessagePublic
from peel.notifications.messages.service_layer import messages

STAFF_ROLES = (Role.ADMIN, Role.ENGAGEMENT_OFFICER)
Sender = Annotated[Principal, Depends(allow(scopes=("notifications:send",)))]
Viewer = Annotated[Principal, Depends(allow(*STAFF_ROLES, scopes=("notifications:read", "notifications:send")))]
Canceller = Annotated[Principal, Depends(allow(*STAFF_ROLES, scopes=("notifications:send",)))]
Admin = Annotated[Principal, Depends(allow(Role.ADMIN))]
router = APIRouter(prefix="/v1/messages", tags=["messages"])
contact_router = APIRouter(prefix="/v1/contacts", tags=["contacts"])
NOT_FOUND = {404: {"description": "No such message for you"}}


async def unit_of_work(request: Request) -> NotificationsUnitOfWork:
    runtime = request.app.state.runtime
    settings = runtime.settings
    return NotificationsUnitOfWork(runtime.pool, Outbox(settings.source, settings.kafka_topic_prefix),
                                   settings.weekly_cap_default)


UnitOfWorkDep = Annotated[NotificationsUnitOfWork, Depends(unit_of_work)]


@router.post("", status_code=status.HTTP_201_CREATED, summary="Send a message from a template (machine clients)",
             responses={200: {"description": "This reference was used already: the first message, not a new one"}})
async def send_message(body: MessageCreate, principal: Sender, uow: UnitOfWorkDep, response: Response) -> MessagePublic:
    message, created = await messages.send_message(body.to_command(principal), uow)
    if not created:
        response.status_code = status.HTTP_200_OK
    return MessagePublic.of(message)


@router.get("/{message_id}", summary="A message's delivery status (staff, or the client that sent it)",
            responses=NOT_FOUND)
async def get_message(message_id: uuid.UUID, principal: Viewer, uow: UnitOfWorkDep) -> MessagePublic:
    message = await messages.get_message(uow, message_id, principal.tenant, principal.subject, _sees_all(principal))
    return MessagePublic.of(message)


@router.post("/{message_id}/cancel", summary="Cancel a message that has not gone yet (created or held)",
             responses={**NOT_FOUND, 409: {"description": "It is being sent, or its delivery has ended"}})
async def cancel_message(message_id: uuid.UUID, principal: Canceller, uow: UnitOfWorkDep) -> MessagePublic:
    message = await messages.cancel_message(uow, message_id, principal.tenant, principal.subject,
                                            _sees_all(principal))
    return MessagePublic.of(message)


@contact_router.get("/{contact_id}/messages", summary="Every message to a contact, for a subject-access request",
                    responses={404: {"description": "No such contact in your tenant"}})
async def contact_messages(contact_id: uuid.UUID, principal: Admin, uow: UnitOfWorkDep) -> list[ContactMessage]:
    return [ContactMessage.of(m) for m in await messages.messages_of_contact(uow, principal.tenant, contact_id)]


def _sees_all(principal: Principal) -> bool:
    return principal.may(frozenset(STAFF_ROLES), frozenset({"notifications:read"}))
