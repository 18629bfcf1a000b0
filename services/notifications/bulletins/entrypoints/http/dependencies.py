"""The bulletin routes' unit of work, on the runtime's pool and the service's outbox."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from peel.common.outbox import Outbox
from peel.notifications.bulletins.adapters.unit_of_work import BulletinsUnitOfWork


async def unit_of_work(request: Request) -> BulletinsUnitOfWork:
    runtime = request.app.state.runtime
    settings = runtime.settings
    return BulletinsUnitOfWork(runtime.pool, Outbox(settings.source, settings.kafka_topic_prefix),
                               getattr(settings, "weekly_cap_default", 2))


UnitOfWorkDep = Annotated[BulletinsUnitOfWork, Depends(unit_of_work)]
