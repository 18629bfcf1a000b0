"""Contacts and their consent (staff only): recorded, shown, erased on request."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Query, Response, status

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import allow
from peel.notifications.contacts.domain.consents import Category, Channel, MessageKind
from peel.notifications.contacts.domain.consents import in_force as in_force_of
from peel.notifications.contacts.entrypoints.http.contact_schemas import (
    ConsentEntry,
    ConsentPublic,
    ConsentsPublic,
    ContactCreate,
    ContactCreated,
    ContactPublic,
    Name,
    SendDecision,
)
from peel.notifications.contacts.entrypoints.http.dependencies import UnitOfWorkDep
from peel.notifications.contacts.service_layer import contacts, preferences

Staff = Annotated[Principal, Depends(allow(Role.ADMIN, Role.ENGAGEMENT_OFFICER))]
router = APIRouter(prefix="/v1/contacts", tags=["contacts"])
NOT_FOUND = {404: {"description": "No such contact in your tenant, or it was erased"}}


@router.post("", status_code=status.HTTP_201_CREATED, summary="Record a contact",
             responses={409: {"description": "Another contact has this email address"}})
async def create_contact(body: ContactCreate, principal: Staff, uow: UnitOfWorkDep) -> ContactCreated:
    details = body.details(datetime.now(UTC))
    contact = await contacts.create_contact(uow, principal.tenant, details, principal.subject)
    return ContactCreated(id=contact.id)


@router.get("/{contact_id}", summary="A contact's details", responses=NOT_FOUND)
async def get_contact(contact_id: uuid.UUID, principal: Staff, uow: UnitOfWorkDep) -> ContactPublic:
    contact = await contacts.get_contact(uow, principal.tenant, contact_id)
    return ContactPublic.of(contact, await preferences.preferences_of(uow, principal.tenant, contact_id))


@router.delete("/{contact_id}", status_code=status.HTTP_204_NO_CONTENT, responses=NOT_FOUND,
               summary="Erase a contact on request: every personal field goes; consent records stay anonymous")
async def erase_contact(contact_id: uuid.UUID, principal: Staff, uow: UnitOfWorkDep) -> Response:
    await contacts.erase_contact(uow, principal.tenant, contact_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put("/{contact_id}/consents", responses=NOT_FOUND,
            summary="Give or withdraw consent per sender, topic and channel; each entry is kept as evidence")
async def set_consents(contact_id: uuid.UUID, body: Annotated[list[ConsentEntry], Body(max_length=100)],
                       principal: Staff, uow: UnitOfWorkDep) -> ConsentsPublic:
    changes = [entry.change() for entry in body]
    await contacts.set_consents(uow, principal.tenant, contact_id, changes, principal.subject)
    return await _consents(uow, principal.tenant, contact_id)


@router.get("/{contact_id}/consents", summary="A contact's consents in force, and their history",
            responses=NOT_FOUND)
async def list_consents(contact_id: uuid.UUID, principal: Staff, uow: UnitOfWorkDep) -> ConsentsPublic:
    return await _consents(uow, principal.tenant, contact_id)


async def _consents(uow: UnitOfWorkDep, tenant: str, contact_id: uuid.UUID) -> ConsentsPublic:
    history = await contacts.consents_of(uow, tenant, contact_id)
    in_force = in_force_of(history).values()
    return ConsentsPublic(in_force=[ConsentPublic.of(record) for record in in_force],
                          history=[ConsentPublic.of(record) for record in history])


@router.get("/{contact_id}/may-send", responses=NOT_FOUND,
            summary="Whether a message may go to the contact: consent for subscriptions, suppressions for all")
async def may_send(contact_id: uuid.UUID, principal: Staff, uow: UnitOfWorkDep, category: Category,
                   sender: Annotated[Name, Query()], topic: Annotated[Name, Query()],
                   channel: Channel = Channel.EMAIL) -> SendDecision:
    decision = await contacts.may_send_to(uow, principal.tenant, contact_id,
                                          MessageKind(category, sender, topic, channel))
    return SendDecision(allowed=decision.allowed, reason=decision.reason)
