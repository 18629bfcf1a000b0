"""Sending a bulletin (now or at a set time), pausing, resuming or cancelling it, a test copy, and its live
statistics. Starting only marks it ``sending``: the dispatch (``dispatch.py``) writes its messages."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from peel.common.contracts.notifications.bulletins import (
    BulletinCancelled,
    BulletinDispatchStarted,
    BulletinPaused,
    BulletinResumed,
    BulletinScheduled,
)
from peel.common.errors import Conflict, FieldError, InvalidInput
from peel.notifications.bulletins.domain.bulletins import Bulletin, BulletinStatus
from peel.notifications.bulletins.domain.stats import Stats, stats_of
from peel.notifications.bulletins.service_layer.bulletins import Clock, commit_change, find_bulletin, utc_now
from peel.notifications.bulletins.service_layer.ports import BulletinsUnitOfWork

MAX_TEST_ADDRESSES = 10


async def send_bulletin(uow: BulletinsUnitOfWork, tenant: str, bulletin_id: uuid.UUID,
                        clock: Clock = utc_now) -> Bulletin:
    """An approved bulletin starts going now (an unapproved one: 409)."""
    now = clock()
    async with uow:
        bulletin = await find_bulletin(uow, tenant, bulletin_id, for_update=True)
        if bulletin.status is not BulletinStatus.APPROVED:
            raise Conflict(f"only an approved bulletin can be sent; this one is {bulletin.status.value}")
        bulletin = bulletin.start(now)
        return await commit_change(uow, tenant, bulletin, started(bulletin, now))


def started(bulletin: Bulletin, now: datetime) -> BulletinDispatchStarted:
    return BulletinDispatchStarted(bulletin_id=bulletin.id, category=bulletin.draft.category.value, started_at=now)


async def schedule_bulletin(uow: BulletinsUnitOfWork, tenant: str, bulletin_id: uuid.UUID, send_at: datetime,
                            clock: Clock = utc_now) -> Bulletin:
    now = clock()
    if send_at <= now:
        raise InvalidInput([FieldError(("send_at",), "must be in the future; to send now, use /send")])
    async with uow:
        bulletin = (await find_bulletin(uow, tenant, bulletin_id, for_update=True)).schedule(send_at, now)
        return await commit_change(uow, tenant, bulletin, BulletinScheduled(bulletin_id=bulletin.id, send_at=send_at))


async def pause_bulletin(uow: BulletinsUnitOfWork, tenant: str, bulletin_id: uuid.UUID,
                         clock: Clock = utc_now) -> Bulletin:
    """Its messages not yet handed over wait (held, ``bulletin_paused``) until it is resumed."""
    now = clock()
    async with uow:
        bulletin = (await find_bulletin(uow, tenant, bulletin_id, for_update=True)).pause(now)
        held = await uow.messages.hold_unsent(tenant, bulletin_id, now)
        return await commit_change(uow, tenant, bulletin, BulletinPaused(bulletin_id=bulletin.id, held=held,
                                                                         paused_at=now))


async def resume_bulletin(uow: BulletinsUnitOfWork, tenant: str, bulletin_id: uuid.UUID,
                          clock: Clock = utc_now) -> Bulletin:
    now = clock()
    async with uow:
        bulletin = (await find_bulletin(uow, tenant, bulletin_id, for_update=True)).resume(now)
        released = await uow.messages.release_held(tenant, bulletin_id, now)
        return await commit_change(uow, tenant, bulletin, BulletinResumed(bulletin_id=bulletin.id, released=released,
                                                                          resumed_at=now))


async def cancel_bulletin(uow: BulletinsUnitOfWork, tenant: str, bulletin_id: uuid.UUID,
                          clock: Clock = utc_now) -> Bulletin:
    """Nothing more goes: unsent messages are cancelled (those being handed over finish); a draft's waiting
    items wait again."""
    now = clock()
    async with uow:
        bulletin = (await find_bulletin(uow, tenant, bulletin_id, for_update=True)).cancel(now)
        cancelled = await uow.messages.cancel_unsent(tenant, bulletin_id, now)
        if bulletin.dispatch_started_at is None:
            await uow.items.give_back(tenant, bulletin_id)
        return await commit_change(uow, tenant, bulletin, BulletinCancelled(
            bulletin_id=bulletin.id, cancelled=cancelled, cancelled_at=now))


async def test_send(uow: BulletinsUnitOfWork, tenant: str, bulletin_id: uuid.UUID, addresses: Sequence[str],
                    clock: Clock = utc_now) -> list[uuid.UUID]:
    """A copy marked [TEST] to up to ten addresses, through the messages pipeline; allowed while a draft."""
    if not addresses or len(addresses) > MAX_TEST_ADDRESSES:
        raise InvalidInput([FieldError(("email_addresses",), f"give 1 to {MAX_TEST_ADDRESSES} addresses")])
    now = clock()
    async with uow:
        bulletin = await find_bulletin(uow, tenant, bulletin_id, for_update=True)
        if bulletin.status is BulletinStatus.CANCELLED:
            raise Conflict("a cancelled bulletin cannot be test-sent")
        ids = await uow.messages.write_tests(bulletin, addresses, now)
        await uow.commit()
    return ids


test_send.__test__ = False  # type: ignore[attr-defined]  # not a pytest test


async def bulletin_stats(uow: BulletinsUnitOfWork, tenant: str, bulletin_id: uuid.UUID) -> Stats:
    async with uow:
        bulletin = await find_bulletin(uow, tenant, bulletin_id)
        counts, digest, unsubscribed = await uow.messages.counts(tenant, bulletin_id)
    return stats_of(bulletin.status.value, counts, digest, unsubscribed)
