"""The elections clock: announces each period's start and end as they pass, in every replica, each once."""

from __future__ import annotations

import asyncio

from peel.common.outbox import Outbox
from peel.common.runtime import BackgroundTask, ServiceRuntime
from peel.notifications.elections.adapters.unit_of_work import ElectionsUnitOfWork
from peel.notifications.elections.service_layer.periods import note_due_moments


async def tick_forever(runtime: ServiceRuntime) -> None:
    settings = runtime.settings
    outbox = Outbox(settings.source, settings.kafka_topic_prefix)
    while True:
        while await note_due_moments(ElectionsUnitOfWork(runtime.pool, outbox)):
            pass  # more may be due than one pass takes
        await asyncio.sleep(settings.election_clock_seconds)  # type: ignore[attr-defined]


CLOCK = BackgroundTask("notifications-election-clock", tick_forever)
