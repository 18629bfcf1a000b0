"""A contact's preferences (staff): the topics it follows and how often, its quiet hours, its weekly cap."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Depends

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import allow
from peel.notifications.contacts.domain.preferences import Preferences
from peel.notifications.contacts.entrypoints.http.dependencies import UnitOfWorkDep
from peel.notifications.contacts.entrypoints.http.preference_schemas import (
    QuietHoursEntry,
    SubscriptionEntry,
    WeeklyCap,
)
from peel.notifications.contacts.service_layer import preferences
from peel.notifications.contacts.service_layer.preferences import Change

Staff = Annotated[Principal, Depends(allow(Role.ADMIN, Role.ENGAGEMENT_OFFICER))]
router = APIRouter(prefix="/v1/contacts", tags=["contacts"])
NOT_FOUND = {404: {"description": "No such contact in your tenant, or it was erased"}}


def _subscriptions(found: Preferences) -> list[SubscriptionEntry]:
    return [SubscriptionEntry.of(entry) for entry in found.subscriptions]


@router.put("/{contact_id}/subscriptions", responses=NOT_FOUND,
            summary="Replace the topics a contact follows, and how often (consent is recorded separately)")
async def set_subscriptions(contact_id: uuid.UUID, body: Annotated[list[SubscriptionEntry], Body(max_length=100)],
                            principal: Staff, uow: UnitOfWorkDep) -> list[SubscriptionEntry]:
    change = Change(subscriptions=[entry.subscription() for entry in body])
    return _subscriptions(await preferences.change_preferences(uow, principal.tenant, contact_id, change))


@router.get("/{contact_id}/subscriptions", responses=NOT_FOUND, summary="The topics a contact follows")
async def list_subscriptions(contact_id: uuid.UUID, principal: Staff, uow: UnitOfWorkDep) -> list[SubscriptionEntry]:
    return _subscriptions(await preferences.preferences_of(uow, principal.tenant, contact_id))


@router.put("/{contact_id}/quiet-hours", responses=NOT_FOUND,
            summary="Replace when each channel stays quiet (UK time); messages then wait, they are not dropped")
async def set_quiet_hours(contact_id: uuid.UUID, body: Annotated[list[QuietHoursEntry], Body(max_length=3)],
                          principal: Staff, uow: UnitOfWorkDep) -> list[QuietHoursEntry]:
    change = Change(quiet_hours=[entry.quiet_time() for entry in body])
    found = await preferences.change_preferences(uow, principal.tenant, contact_id, change)
    return [QuietHoursEntry.of(entry) for entry in found.quiet_hours]


@router.put("/{contact_id}/weekly-cap", responses=NOT_FOUND,
            summary="The most non-urgent subscription messages a week (null: the office's default)")
async def set_weekly_cap(contact_id: uuid.UUID, body: WeeklyCap, principal: Staff, uow: UnitOfWorkDep) -> WeeklyCap:
    change = Change(weekly_cap=body.weekly_cap, weekly_cap_given=True)
    found = await preferences.change_preferences(uow, principal.tenant, contact_id, change)
    return WeeklyCap(weekly_cap=found.weekly_cap)
