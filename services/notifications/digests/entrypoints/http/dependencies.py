"""The digest routes' unit of work, on the runtime's pool and the service's outbox."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from peel.common.outbox import Outbox
from peel.notifications.digests.adapters.unit_of_work import DigestsUnitOfWork


async def unit_of_work(request: Request) -> DigestsUnitOfWork:
    runtime = request.app.state.runtime
    settings = runtime.settings
    return DigestsUnitOfWork(runtime.pool, Outbox(settings.source, settings.kafka_topic_prefix),
                             getattr(settings, "weekly_cap_default", 2))


UnitOfWorkDep = Annotated[DigestsUnitOfWork, Depends(unit_of_work)]
