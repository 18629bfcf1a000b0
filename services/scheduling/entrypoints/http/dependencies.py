"""FastAPI dependencies of the scheduling API, as ``Annotated`` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Query, Request

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import allow
from peel.common.events.envelope import TENANT_PATTERN
from peel.common.http.ratelimit import public_rate_limit
from peel.common.outbox import Outbox
from peel.scheduling.adapters.unit_of_work import SchedulingUnitOfWork
from peel.scheduling.domain.links import LinkKey
from peel.scheduling.service_layer.ports import Clock, utc_now

WRITE_ROLES = (Role.ADMIN, Role.ENGAGEMENT_OFFICER)
WRITE_SCOPES = ("scheduling:write",)


async def unit_of_work(request: Request) -> SchedulingUnitOfWork:
    runtime = request.app.state.runtime
    return SchedulingUnitOfWork(runtime.pool, Outbox(runtime.settings.source, runtime.settings.kafka_topic_prefix))


async def scheduling_clock() -> Clock:
    return utc_now


async def link_key(request: Request) -> LinkKey:
    return request.app.state.runtime.settings.link_key


def sees_notes(principal: Principal) -> bool:
    """Confidential notes are for staff who may write them; viewers and other roles never see them."""
    return principal.may(frozenset(WRITE_ROLES), frozenset(WRITE_SCOPES))


UnitOfWorkDep = Annotated[SchedulingUnitOfWork, Depends(unit_of_work)]
Now = Annotated[Clock, Depends(scheduling_clock)]
Links = Annotated[LinkKey, Depends(link_key)]
Staff = Annotated[Principal, Depends(allow(*WRITE_ROLES, scopes=WRITE_SCOPES))]
Reader = Annotated[Principal, Depends(allow(*Role, scopes=("scheduling:read", *WRITE_SCOPES)))]
Tenant = Annotated[str, Path(pattern=TENANT_PATTERN, description="The Commissioner's office, e.g. cheshire")]
Token = Annotated[str, Query(min_length=20, max_length=100, description="The token from your booking confirmation")]
PublicRateLimit = Depends(public_rate_limit)
