"""Blanks confidential booking notes once their tenant's retention period has passed, in every replica."""

from __future__ import annotations

import asyncio

from peel.common.runtime import BackgroundTask, ServiceRuntime
from peel.scheduling.adapters.unit_of_work import SchedulingUnitOfWork
from peel.scheduling.entrypoints.messages import scheduling_outbox
from peel.scheduling.service_layer.attendance import purge_expired_notes
from peel.scheduling.settings import SchedulingSettings


async def purge_forever(runtime: ServiceRuntime) -> None:
    settings = runtime.settings
    assert isinstance(settings, SchedulingSettings)
    outbox = scheduling_outbox(settings)
    while True:
        await purge_expired_notes(settings.notes_retention, SchedulingUnitOfWork(runtime.pool, outbox))
        await asyncio.sleep(settings.notes_purge_seconds)


NOTES_PURGE = BackgroundTask("scheduling-notes-purge", purge_forever)
