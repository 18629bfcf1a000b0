"""The digests' background task: starts the scheduled runs due (daily and weekly, at the office's hour, UK
time) and works through every unfinished run, whoever started it. Every replica runs it; contacts are shared
out by row locks, and a replica stopped halfway leaves the rest to the others (or to itself on restart)."""

from __future__ import annotations

import asyncio

from peel.common.outbox import Outbox
from peel.common.runtime import BackgroundTask, ServiceRuntime
from peel.notifications.clock import utc_now
from peel.notifications.digests.adapters.unit_of_work import DigestsUnitOfWork
from peel.notifications.digests.service_layer.runs import start_scheduled, work_all
from peel.notifications.settings import NotificationsSettings


async def digests_forever(runtime: ServiceRuntime) -> None:
    settings = runtime.settings
    assert isinstance(settings, NotificationsSettings)
    uow = DigestsUnitOfWork(runtime.pool, Outbox(settings.source, settings.kafka_topic_prefix),
                            settings.weekly_cap_default)
    while True:
        await start_scheduled(uow, utc_now(), settings.digest_hour, settings.weekly_digest_weekday)
        await work_all(uow, settings.digest_batch_size, utc_now)
        await asyncio.sleep(settings.digest_poll_seconds)


DIGESTS = BackgroundTask("notifications-digests", digests_forever)
