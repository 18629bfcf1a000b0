"""The election routes' unit of work, on the runtime's pool and the service's outbox."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from peel.common.outbox import Outbox
from peel.notifications.elections.adapters.unit_of_work import ElectionsUnitOfWork


async def unit_of_work(request: Request) -> ElectionsUnitOfWork:
    runtime = request.app.state.runtime
    return ElectionsUnitOfWork(runtime.pool, Outbox(runtime.settings.source, runtime.settings.kafka_topic_prefix))


UnitOfWorkDep = Annotated[ElectionsUnitOfWork, Depends(unit_of_work)]
