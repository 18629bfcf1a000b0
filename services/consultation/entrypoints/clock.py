"""The lifecycle clock: opens and closes consultations on time, in every replica, each exactly once."""

from __future__ import annotations

import asyncio

from peel.common.outbox import Outbox
from peel.common.runtime import BackgroundTask, ServiceRuntime
from peel.consultation.adapters.unit_of_work import ConsultationUnitOfWork
from peel.consultation.service_layer.handlers import open_and_close_due


async def tick_forever(runtime: ServiceRuntime) -> None:
    settings = runtime.settings
    outbox = Outbox(settings.source, settings.kafka_topic_prefix)
    while True:
        while await open_and_close_due(ConsultationUnitOfWork(runtime.pool, outbox)):
            pass  # more may be due than one pass takes
        await asyncio.sleep(settings.clock_seconds)  # type: ignore[attr-defined]


CLOCK = BackgroundTask("consultation-clock", tick_forever)
