"""The surgery rotation planner: staff ask for a plan, adjust it if they like, and accept it."""

from __future__ import annotations

import uuid
from datetime import date, time
from typing import Annotated

from fastapi import APIRouter, status
from pydantic import BaseModel, ConfigDict, Field

from peel.scheduling.http.dependencies import Now, Staff
from peel.scheduling.http.fields import Area, Line, LocalTime
from peel.scheduling.surgeries.domain.rotation import AreaVenues, PlannedSession, RotationRequest
from peel.scheduling.surgeries.entrypoints.http.dependencies import UnitOfWorkDep
from peel.scheduling.surgeries.service_layer import rotation

router = APIRouter(prefix="/v1/scheduling/rotation-plans", tags=["Surgery rotation (staff)"])


class RotationAsk(BaseModel):
    model_config = ConfigDict(extra="forbid")

    areas: list[Area] = Field([], max_length=100, description="Areas to rotate through (default: every area "
                                                                "with one of your venues); venues come from yours")
    first_month: date = Field(description="Any day in the first month")
    months: int = Field(12, ge=1, le=36)
    sessions_per_month: int = Field(ge=1, le=20)
    every_months: int = Field(ge=1, le=12, description="Each area has a surgery at least once in every window "
                                                       "of this many months")
    unavailable: list[date] = Field([], max_length=400, description="Days the host cannot do")
    weekdays: list[Annotated[int, Field(ge=0, le=4)]] = Field([0, 1, 2, 3, 4], min_length=1, max_length=5,
                                description="Weekdays to use (Monday 0 to Friday 4)")
    starts: LocalTime = time(10, 0)
    ends: LocalTime = time(12, 0)

    def to_request(self) -> RotationRequest:
        return RotationRequest(tuple(AreaVenues(a, ()) for a in self.areas), self.first_month, self.months,
                               self.sessions_per_month, self.every_months, frozenset(self.unavailable),
                               frozenset(self.weekdays), self.starts, self.ends)


class PlannedBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    day: date
    area: Area
    venue_id: uuid.UUID | None = Field(description="None: online")
    starts: LocalTime
    ends: LocalTime

    @classmethod
    def of(cls, planned: PlannedSession) -> PlannedBody:
        return cls(day=planned.day, area=planned.area, venue_id=planned.venue_id, starts=planned.starts,
                   ends=planned.ends)


class RotationProposal(BaseModel):
    sessions: list[PlannedBody]
    longest_gap_months: dict[str, int] = Field(description="Per area, the most months in a row without a surgery")


class RotationAccept(BaseModel):
    model_config = ConfigDict(extra="forbid")

    host: Line
    slot_minutes: int = Field(15, ge=5, le=240)
    sessions: list[PlannedBody] = Field(min_length=1, max_length=500)


@router.post("", summary="Propose a rotation of surgeries across the areas")
async def propose(body: RotationAsk, principal: Staff, uow: UnitOfWorkDep) -> RotationProposal:
    plan = await rotation.propose_rotation(principal.tenant, body.to_request(), uow)
    return RotationProposal(sessions=[PlannedBody.of(s) for s in plan.sessions],
                            longest_gap_months=plan.longest_gap_months)


@router.post("/accept", status_code=status.HTTP_201_CREATED, summary="Schedule every session of a plan")
async def accept(body: RotationAccept, principal: Staff, uow: UnitOfWorkDep, clock: Now) -> list[uuid.UUID]:
    planned = tuple(PlannedSession(s.day, s.area, s.venue_id, s.starts, s.ends) for s in body.sessions)
    command = rotation.AcceptPlan(principal.tenant, body.host, body.slot_minutes, planned)
    return [listing.session.id for listing in await rotation.accept_plan(command, uow, clock)]
