"""The templates routes' unit of work, on the runtime's pool and the service's outbox, and who may use them."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import allow
from peel.common.outbox import Outbox
from peel.notifications.templates.adapters.unit_of_work import TemplatesUnitOfWork

SCOPES = ("notifications:templates",)


async def unit_of_work(request: Request) -> TemplatesUnitOfWork:
    runtime = request.app.state.runtime
    return TemplatesUnitOfWork(runtime.pool, Outbox(runtime.settings.source, runtime.settings.kafka_topic_prefix))


UnitOfWorkDep = Annotated[TemplatesUnitOfWork, Depends(unit_of_work)]
Staff = Annotated[Principal, Depends(allow(Role.ADMIN, Role.ENGAGEMENT_OFFICER, scopes=SCOPES))]
Admin = Annotated[Principal, Depends(allow(Role.ADMIN, scopes=SCOPES))]
