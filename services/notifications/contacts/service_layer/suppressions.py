"""Suppressions: addresses nothing (or nothing of a sender or topic) may be sent to; removal is audited."""

from __future__ import annotations

import uuid
from dataclasses import replace

from peel.common.errors import Conflict, NotFound
from peel.notifications.clock import Clock, utc_now
from peel.notifications.contacts.domain.consents import Channel, Suppression, SuppressionReason
from peel.notifications.contacts.service_layer.ports import ContactsUnitOfWork


async def add_suppression(uow: ContactsUnitOfWork, suppression: Suppression) -> Suppression:
    async with uow:
        if not await uow.suppressions.add(suppression):
            raise Conflict("this address is suppressed already for this channel and scope")
        await uow.commit()
    return suppression


async def list_suppressions(uow: ContactsUnitOfWork, tenant: str, channel: Channel | None = None,
                            reason: SuppressionReason | None = None,
                            address_hash: str | None = None) -> list[Suppression]:
    async with uow:
        return await uow.suppressions.active(tenant, channel, reason, address_hash)


async def remove_suppression(uow: ContactsUnitOfWork, tenant: str, suppression_id: uuid.UUID, reason: str,
                             staff: str, clock: Clock = utc_now) -> Suppression:
    """Lift a suppression; who lifted it, when and why stay on record."""
    async with uow:
        suppression = await uow.suppressions.get(tenant, suppression_id)
        if suppression is None or suppression.removed_at is not None:
            raise NotFound(f"no suppression {suppression_id}")
        removed = replace(suppression, removed_at=clock(), removed_by=staff, removal_reason=reason)
        await uow.suppressions.save_removed(removed)
        await uow.commit()
    return removed
