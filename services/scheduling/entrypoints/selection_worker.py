"""Carries out requested assembly selections in the background, in every replica (each run once)."""

from __future__ import annotations

import asyncio

from peel.common.runtime import BackgroundTask, ServiceRuntime
from peel.scheduling.adapters.assemblies import AssemblyUnitOfWork
from peel.scheduling.entrypoints.messages import scheduling_outbox
from peel.scheduling.service_layer.assembly_selection import run_next
from peel.scheduling.service_layer.ports import utc_now

IDLE_SECONDS = 1.0


async def select_forever(runtime: ServiceRuntime) -> None:
    outbox = scheduling_outbox(runtime.settings)
    while True:
        if not await run_next(lambda: AssemblyUnitOfWork(runtime.pool, outbox), utc_now):
            await asyncio.sleep(IDLE_SECONDS)


SELECTION_WORKER = BackgroundTask("scheduling-assembly-selection", select_forever)
