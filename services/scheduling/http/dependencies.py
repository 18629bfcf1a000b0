"""FastAPI dependencies every scheduling sub-domain's routes share, as ``Annotated`` aliases."""

from __future__ import annotations

import inspect
from typing import Annotated

from fastapi import Depends, FastAPI, Path

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import allow
from peel.common.events.envelope import TENANT_PATTERN
from peel.common.http.ratelimit import public_rate_limit
from peel.scheduling.clock import Clock, utc_now

WRITE_ROLES = (Role.ADMIN, Role.ENGAGEMENT_OFFICER)
WRITE_SCOPES = ("scheduling:write",)


async def scheduling_clock() -> Clock:
    return utc_now


async def clock_of(app: FastAPI) -> Clock:
    """``scheduling_clock``, or a test's override of it, called here rather than solved as a sub-dependency."""
    clock = app.dependency_overrides.get(scheduling_clock, scheduling_clock)()
    return await clock if inspect.isawaitable(clock) else clock


def sees_notes(principal: Principal) -> bool:
    """Confidential notes are for staff who may write them; viewers and other roles never see them."""
    return principal.may(frozenset(WRITE_ROLES), frozenset(WRITE_SCOPES))


Now = Annotated[Clock, Depends(scheduling_clock)]
Staff = Annotated[Principal, Depends(allow(*WRITE_ROLES, scopes=WRITE_SCOPES))]
Reader = Annotated[Principal, Depends(allow(*Role, scopes=("scheduling:read", *WRITE_SCOPES)))]
Tenant = Annotated[str, Path(pattern=TENANT_PATTERN, description="The Commissioner's office, e.g. cheshire")]
PublicRateLimit = Depends(public_rate_limit)
