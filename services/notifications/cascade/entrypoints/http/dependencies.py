"""The cascade routes' unit of work and links, on the runtime's pool, outbox and settings."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from peel.common.outbox import Outbox
from peel.notifications.cascade.adapters.unit_of_work import CascadeUnitOfWork
from peel.notifications.contacts.domain.links import Links


async def unit_of_work(request: Request) -> CascadeUnitOfWork:
    runtime = request.app.state.runtime
    return CascadeUnitOfWork(runtime.pool, Outbox(runtime.settings.source, runtime.settings.kafka_topic_prefix))


async def links(request: Request) -> Links:
    return request.app.state.runtime.settings.links()


UnitOfWorkDep = Annotated[CascadeUnitOfWork, Depends(unit_of_work)]
LinksDep = Annotated[Links, Depends(links)]
