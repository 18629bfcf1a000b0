"""The contacts routes' unit of work, on the runtime's pool and the service's outbox."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from peel.common.outbox import Outbox
from peel.notifications.contacts.adapters.unit_of_work import ContactsUnitOfWork
from peel.notifications.contacts.domain.links import Links


async def unit_of_work(request: Request) -> ContactsUnitOfWork:
    runtime = request.app.state.runtime
    return ContactsUnitOfWork(runtime.pool, Outbox(runtime.settings.source, runtime.settings.kafka_topic_prefix))


UnitOfWorkDep = Annotated[ContactsUnitOfWork, Depends(unit_of_work)]


def links(request: Request) -> Links:
    return request.app.state.runtime.settings.links()


LinksDep = Annotated[Links, Depends(links)]
