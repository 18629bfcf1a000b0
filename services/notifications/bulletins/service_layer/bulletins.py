"""Writing and approving bulletins: each change and its event commit together."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime

from peel.common.contracts.notifications.bulletins import BulletinApproved, BulletinDrafted
from peel.common.errors import NotFound
from peel.common.events import Event
from peel.notifications.bulletins.domain.bulletins import Bulletin, Draft, new_bulletin
from peel.notifications.bulletins.domain.dispatch import Estimate, estimate
from peel.notifications.bulletins.domain.gathered import as_item
from peel.notifications.bulletins.service_layer.ports import BulletinsUnitOfWork
from peel.notifications.clock import Clock, utc_now


@dataclass(frozen=True, slots=True)
class Written:
    """A bulletin as written, and who it would reach if it went now."""

    bulletin: Bulletin
    estimate: Estimate


async def create_bulletin(uow: BulletinsUnitOfWork, tenant: str, draft: Draft, author: str, from_pending: bool,
                          clock: Clock = utc_now) -> Written:
    """A new draft; ``from_pending`` adds the tenant's waiting items after the written ones (they wait no more)."""
    now = clock()
    bulletin = new_bulletin(tenant, draft, author, now)
    async with uow:
        if from_pending:
            bulletin = replace(bulletin, draft=await _with_pending(uow, bulletin, bulletin.draft, now))
        await uow.bulletins.add(bulletin)
        uow.emit(_drafted(bulletin, now), tenant)
        reach = await _estimate(uow, bulletin, now)
        await uow.commit()
    return Written(bulletin, reach)


async def _with_pending(uow: BulletinsUnitOfWork, bulletin: Bulletin, draft: Draft, now: datetime) -> Draft:
    taken = await uow.items.take(bulletin.tenant, bulletin.id, now)
    return replace(draft, items=draft.items + tuple(as_item(item) for item in taken)).sanitised()


async def update_bulletin(uow: BulletinsUnitOfWork, tenant: str, bulletin_id: uuid.UUID, draft: Draft,
                          from_pending: bool = False, clock: Clock = utc_now) -> Written:
    """A draft's new text (with the items waiting since, if asked); an approved bulletin goes back to draft."""
    now = clock()
    async with uow:
        bulletin = await find_bulletin(uow, tenant, bulletin_id, for_update=True)
        if from_pending:
            draft = await _with_pending(uow, bulletin, draft, now)
        bulletin = bulletin.edit(draft, now)
        await uow.bulletins.save(bulletin)
        uow.emit(_drafted(bulletin, now), tenant)
        reach = await _estimate(uow, bulletin, now)
        await uow.commit()
    return Written(bulletin, reach)


async def approve_bulletin(uow: BulletinsUnitOfWork, tenant: str, bulletin_id: uuid.UUID, approver: str,
                           clock: Clock = utc_now) -> Bulletin:
    now = clock()
    async with uow:
        bulletin = (await find_bulletin(uow, tenant, bulletin_id, for_update=True)).approve(approver, now)
        return await commit_change(uow, tenant, bulletin, BulletinApproved(bulletin_id=bulletin.id, approved_at=now))


async def get_bulletin(uow: BulletinsUnitOfWork, tenant: str, bulletin_id: uuid.UUID) -> Bulletin:
    async with uow:
        return await find_bulletin(uow, tenant, bulletin_id)


async def list_bulletins(uow: BulletinsUnitOfWork, tenant: str) -> list[Bulletin]:
    async with uow:
        return await uow.bulletins.list(tenant)


async def estimate_reach(uow: BulletinsUnitOfWork, tenant: str, bulletin_id: uuid.UUID,
                         clock: Clock = utc_now) -> Estimate:
    async with uow:
        return await _estimate(uow, await find_bulletin(uow, tenant, bulletin_id), clock())


async def _estimate(uow: BulletinsUnitOfWork, bulletin: Bulletin, now: datetime) -> Estimate:
    draft = bulletin.draft
    recipients = await uow.audiences.recipients(bulletin.tenant, draft.reach(), draft.sender,
                                                draft.channels, now)
    return estimate(recipients, await uow.elections.in_force(bulletin.tenant, now), now)


async def find_bulletin(uow: BulletinsUnitOfWork, tenant: str, bulletin_id: uuid.UUID,
                        for_update: bool = False) -> Bulletin:
    bulletin = await uow.bulletins.get(tenant, bulletin_id, for_update)
    if bulletin is None:
        raise NotFound(f"no bulletin {bulletin_id}")
    return bulletin


async def commit_change(uow: BulletinsUnitOfWork, tenant: str, bulletin: Bulletin, event: Event) -> Bulletin:
    """Saves the changed bulletin and commits it with the event that tells of the change."""
    await uow.bulletins.save(bulletin)
    uow.emit(event, tenant)
    await uow.commit()
    return bulletin


def _drafted(bulletin: Bulletin, now: datetime) -> BulletinDrafted:
    draft = bulletin.draft
    return BulletinDrafted(bulletin_id=bulletin.id, sender=draft.sender, category=draft.category.value,
                           topics=list(draft.audience.topics), areas=list(draft.audience.areas),
                           items=len(draft.items), drafted_at=now)
