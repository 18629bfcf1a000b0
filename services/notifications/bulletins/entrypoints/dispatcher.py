"""The dispatch task, in every replica: takes bulletins whose sending has started or whose time has come (each
held by one replica at a time, for a lease) and writes their messages."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

from peel.common.outbox import Outbox
from peel.common.runtime import BackgroundTask, ServiceRuntime
from peel.notifications.bulletins.adapters.bulletins import claim_to_dispatch, unclaim
from peel.notifications.bulletins.adapters.unit_of_work import BulletinsUnitOfWork
from peel.notifications.bulletins.service_layer.dispatch import dispatch

log = logging.getLogger(__name__)


async def dispatch_due(runtime: ServiceRuntime) -> int:
    """Dispatch what is due now; how many bulletins were taken."""
    settings = runtime.settings
    lease = timedelta(seconds=getattr(settings, "bulletin_dispatch_lease_seconds", 300))
    async with runtime.pool.acquire() as connection:
        claimed = await claim_to_dispatch(connection, datetime.now(UTC), lease)
    outbox = Outbox(settings.source, settings.kafka_topic_prefix)
    cap = getattr(settings, "weekly_cap_default", 2)
    for tenant, bulletin_id in claimed:
        await dispatch(lambda: BulletinsUnitOfWork(runtime.pool, outbox, cap), tenant, bulletin_id)
        async with runtime.pool.acquire() as connection:
            await unclaim(connection, tenant, bulletin_id)
    return len(claimed)


async def dispatch_forever(runtime: ServiceRuntime) -> None:
    interval = getattr(runtime.settings, "bulletin_poll_seconds", 1.0)
    while True:
        if not await dispatch_due(runtime):
            await asyncio.sleep(interval)


DISPATCHER = BackgroundTask("notifications-bulletin-dispatch", dispatch_forever)
