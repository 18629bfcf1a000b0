"""Blanks confidential booking notes once their tenant's retention period has passed, in every replica."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from peel.scheduling.settings import SchedulingSettings
from peel.scheduling.surgeries.service_layer.attendance import purge_expired_notes
from peel.scheduling.surgeries.service_layer.ports import UnitOfWork


async def purge_forever(settings: SchedulingSettings, new_uow: Callable[[], UnitOfWork]) -> None:
    while True:
        await purge_expired_notes(settings.notes_retention, new_uow())
        await asyncio.sleep(settings.notes_purge_seconds)
