"""A bulletin's dispatch: its audience resolved once, each recipient decided by the one sending rule, and the
messages and digest entries written in batches, each batch its own transaction. Every message has a reference
unique to the bulletin, contact and channel, so a dispatch interrupted half-way (the service killed) runs again
from the start without writing anything twice. A pause or a cancel between batches is seen by the next one."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime

from peel.common.contracts.notifications.bulletins import BulletinDispatchCompleted
from peel.notifications.bulletins.domain.bulletins import Bulletin, BulletinStatus
from peel.notifications.bulletins.domain.dispatch import plan
from peel.notifications.bulletins.domain.stats import stats_of
from peel.notifications.bulletins.service_layer.bulletins import Clock, commit_change, utc_now
from peel.notifications.bulletins.service_layer.ports import BulletinsUnitOfWork
from peel.notifications.bulletins.service_layer.sending import started
from peel.notifications.contacts.domain.audience import Recipient
from peel.notifications.messages.domain.checks import ElectionPeriod

BATCH = 5000
UnitsOfWork = Callable[[], BulletinsUnitOfWork]


async def dispatch(units: UnitsOfWork, tenant: str, bulletin_id: uuid.UUID, clock: Clock = utc_now,
                   batch: int = BATCH) -> bool:
    """Write the bulletin's messages if it is due or still being dispatched; whether it was."""
    now = clock()
    resolved = await _begin(units(), tenant, bulletin_id, now)
    if resolved is None:
        return False
    recipients, elections = resolved
    for start in range(0, len(recipients), batch):
        if not await _write(units(), tenant, bulletin_id, recipients[start:start + batch], elections, now):
            return False
    await _complete(units(), tenant, bulletin_id, clock())
    return True


async def _begin(uow: BulletinsUnitOfWork, tenant: str, bulletin_id: uuid.UUID,
                 now: datetime) -> tuple[list[Recipient], list[ElectionPeriod]] | None:
    async with uow:
        bulletin = await uow.bulletins.get(tenant, bulletin_id, for_update=True)
        if bulletin is None:
            return None
        if bulletin.due and (bulletin.send_at is None or bulletin.send_at <= now):
            bulletin = bulletin.start(now)
            await uow.bulletins.save(bulletin)
            uow.emit(started(bulletin, now), tenant)
        if not bulletin.dispatching:
            return None
        draft = bulletin.draft
        recipients = await uow.audiences.recipients(tenant, draft.reach(), draft.sender,
                                                    draft.channels, now)
        elections = await uow.elections.in_force(tenant, now)
        await uow.commit()
    return recipients, elections


async def _write(uow: BulletinsUnitOfWork, tenant: str, bulletin_id: uuid.UUID, recipients: Sequence[Recipient],
                 elections: list[ElectionPeriod], now: datetime) -> bool:
    async with uow:
        bulletin = await uow.bulletins.get(tenant, bulletin_id, for_update=True)
        if bulletin is None or not bulletin.dispatching:
            return False
        paused = bulletin.status is BulletinStatus.PAUSED
        await uow.messages.write(bulletin, plan(bulletin_id, recipients, elections, now, paused), now)
        await uow.commit()
    return True


async def _complete(uow: BulletinsUnitOfWork, tenant: str, bulletin_id: uuid.UUID, now: datetime) -> None:
    async with uow:
        bulletin = await uow.bulletins.get(tenant, bulletin_id, for_update=True)
        if bulletin is None or not bulletin.dispatching:
            return
        bulletin = bulletin.dispatched(now)
        await commit_change(uow, tenant, bulletin, await _completed(uow, bulletin, now))


async def _completed(uow: BulletinsUnitOfWork, bulletin: Bulletin, now: datetime) -> BulletinDispatchCompleted:
    counts, digest, unsubscribed = await uow.messages.counts(bulletin.tenant, bulletin.id)
    stats = stats_of(bulletin.status.value, counts, digest, unsubscribed)
    return BulletinDispatchCompleted(bulletin_id=bulletin.id, queued=stats.queued, held=stats.held,
                                     suppressed=stats.suppressed, digest=stats.digest, completed_at=now)
