"""Held messages: what waits and why, and their release by staff, kept on record (who, when, why)."""

from __future__ import annotations

import uuid
from datetime import datetime

from peel.notifications.messages.domain import message_events
from peel.notifications.messages.domain.holds import HeldGroup, HoldRelease, ReleaseRequest
from peel.notifications.messages.service_layer.messages import Clock, utc_now
from peel.notifications.messages.service_layer.ports import UnitOfWork


async def held_messages(uow: UnitOfWork, tenant: str) -> list[HeldGroup]:
    async with uow:
        return await uow.messages.held(tenant)


async def release_held(uow: UnitOfWork, tenant: str, who: str, request: ReleaseRequest,
                       clock: Clock = utc_now) -> HoldRelease:
    """Release the held messages the request covers (they go at once) and record who did and why."""
    now = clock()
    async with uow:
        released = await uow.messages.release(tenant, request, now)
        record = _record(tenant, who, request, now, len(released))
        await uow.hold_releases.add(record)
        for message in released:
            uow.emit(message_events.released(message, message.reason, now, record.id), tenant)
        await uow.commit()
    return record


def _record(tenant: str, who: str, request: ReleaseRequest, now: datetime, count: int) -> HoldRelease:
    return HoldRelease(id=uuid.uuid4(), tenant=tenant, released_by=who, released_at=now, why=request.why,
                       bulletin_id=request.bulletin_id, election_period_id=request.election_period_id,
                       message_ids=request.message_ids, released=count)


async def hold_releases(uow: UnitOfWork, tenant: str, limit: int = 200) -> list[HoldRelease]:
    async with uow:
        return await uow.hold_releases.list(tenant, limit)
