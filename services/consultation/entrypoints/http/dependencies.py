"""FastAPI dependencies of the consultation API, as ``Annotated`` aliases."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import allow
from peel.common.http.ratelimit import check_public_rate, public_rate_limit
from peel.common.outbox import Outbox
from peel.consultation.adapters.response_intake import BatchedResponseIntake
from peel.consultation.adapters.unit_of_work import ConsultationUnitOfWork


async def unit_of_work(request: Request) -> ConsultationUnitOfWork:
    runtime = request.app.state.runtime
    outbox = Outbox(runtime.settings.source, runtime.settings.kafka_topic_prefix)
    return ConsultationUnitOfWork(runtime.pool, outbox)


@dataclass(frozen=True, slots=True)
class ResponseDesk:
    """What taking a response needs: the one-step intake, and a unit of work for the checked path."""

    intake: BatchedResponseIntake
    uow: ConsultationUnitOfWork


async def response_desk(request: Request) -> ResponseDesk:
    """The public rate limit and the desk in one dependency: each dependency costs the busiest route time."""
    check_public_rate(request)
    return ResponseDesk(request.app.state.response_intake, await unit_of_work(request))


UnitOfWorkDep = Annotated[ConsultationUnitOfWork, Depends(unit_of_work)]
ResponseDeskDep = Annotated[ResponseDesk, Depends(response_desk)]
Administrator = Annotated[Principal, Depends(allow(Role.ADMIN, scopes=("consultations:admin",)))]
Editor = Annotated[Principal, Depends(allow(Role.ADMIN, Role.ENGAGEMENT_OFFICER, scopes=("consultations:write",)))]
Reader = Annotated[
    Principal,
    Depends(allow(*Role, scopes=("consultations:read", "consultations:write"))),
]
PublicRateLimit = Depends(public_rate_limit)
