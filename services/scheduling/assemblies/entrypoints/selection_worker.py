"""Carries out requested assembly selections in the background, in every replica (each run once)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from peel.scheduling.assemblies.service_layer.assembly_selection import run_next
from peel.scheduling.assemblies.service_layer.ports import AssemblyUnitOfWork
from peel.scheduling.clock import utc_now

IDLE_SECONDS = 1.0


async def select_forever(new_uow: Callable[[], AssemblyUnitOfWork]) -> None:
    while True:
        if not await run_next(new_uow, utc_now):
            await asyncio.sleep(IDLE_SECONDS)
