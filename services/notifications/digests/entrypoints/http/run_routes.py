"""Digest runs for staff: their progress, and starting one now (admins). The background task works a run
started here through like a scheduled one."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status
from pydantic import BaseModel, ConfigDict

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import allow
from peel.notifications.digests.domain.digests import DigestFrequency
from peel.notifications.digests.domain.runs import DigestRun
from peel.notifications.digests.entrypoints.http.dependencies import UnitOfWorkDep
from peel.notifications.digests.service_layer import runs

Staff = Annotated[Principal, Depends(allow(Role.ADMIN, Role.ENGAGEMENT_OFFICER))]
Admin = Annotated[Principal, Depends(allow(Role.ADMIN))]
router = APIRouter(prefix="/v1/digests/runs", tags=["digests"])


class RunStart(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"frequency": "weekly"}]})

    frequency: DigestFrequency


class RunPublic(BaseModel):
    id: uuid.UUID
    frequency: DigestFrequency
    period: date | None
    cutoff: datetime
    started_at: datetime
    started_by: str
    contacts_due: int
    contacts_done: int
    completed_at: datetime | None
    messages: int
    entries: int

    @classmethod
    def of(cls, run: DigestRun) -> RunPublic:
        return cls(id=run.id, frequency=run.frequency, period=run.period, cutoff=run.cutoff,
                   started_at=run.started_at, started_by=run.started_by, contacts_due=run.contacts_due,
                   contacts_done=run.contacts_done, completed_at=run.completed_at, messages=run.messages,
                   entries=run.entries)


class RunsPublic(BaseModel):
    runs: list[RunPublic]


@router.get("", summary="Recent digest runs and their progress (contacts done of those due)")
async def list_runs(principal: Staff, uow: UnitOfWorkDep,
                    limit: Annotated[int, Query(ge=1, le=200)] = 50) -> RunsPublic:
    return RunsPublic(runs=[RunPublic.of(run) for run in await runs.runs_of(uow, principal.tenant, limit)])


@router.post("", status_code=status.HTTP_202_ACCEPTED,
             summary="Start a digest run now for the entries waiting (it is sent by the background task)")
async def start_run(body: RunStart, principal: Admin, uow: UnitOfWorkDep) -> RunPublic:
    run = await runs.start_now(uow, principal.tenant, body.frequency, principal.subject, datetime.now(UTC))
    return RunPublic.of(run)
