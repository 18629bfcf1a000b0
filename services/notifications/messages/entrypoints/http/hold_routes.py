"""Held messages (staff): what waits and why, their release with a reason, and the record of releases."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import allow
from peel.notifications.messages.domain.holds import HeldGroup, HoldRelease, ReleaseRequest
from peel.notifications.messages.entrypoints.http.message_routes import UnitOfWorkDep
from peel.notifications.messages.service_layer import holds

Staff = Annotated[Principal, Depends(allow(Role.ADMIN, Role.ENGAGEMENT_OFFICER))]
router = APIRouter(prefix="/v1/holds", tags=["holds"])


class HeldPublic(BaseModel):
    reason: str
    bulletin_id: uuid.UUID | None
    count: int
    oldest: datetime


class ReleaseCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "reason": "Polling day is over; the bulletin is not about candidates",
        "election_period_id": "6d3b5c1e-8f7a-4f0e-9c2d-1a2b3c4d5e6f"}]})

    reason: str = Field(min_length=1, max_length=1000, pattern=r"\S", description="Why they may go now (on record)")
    bulletin_id: uuid.UUID | None = None
    message_ids: list[uuid.UUID] | None = Field(None, min_length=1, max_length=10_000)
    election_period_id: uuid.UUID | None = None

    def request(self) -> ReleaseRequest:
        ids = tuple(self.message_ids) if self.message_ids is not None else None
        return ReleaseRequest(self.reason, self.bulletin_id, ids, self.election_period_id)


class ReleasePublic(BaseModel):
    id: uuid.UUID
    released_by: str
    released_at: datetime
    reason: str
    bulletin_id: uuid.UUID | None
    election_period_id: uuid.UUID | None
    message_ids: list[uuid.UUID] | None
    released: int

    @classmethod
    def of(cls, release: HoldRelease) -> ReleasePublic:
        ids = list(release.message_ids) if release.message_ids is not None else None
        return cls(id=release.id, released_by=release.released_by, released_at=release.released_at,
                   reason=release.why, bulletin_id=release.bulletin_id,
                   election_period_id=release.election_period_id, message_ids=ids, released=release.released)


def _held(group: HeldGroup) -> HeldPublic:
    return HeldPublic(reason=group.reason, bulletin_id=group.bulletin_id, count=group.count, oldest=group.oldest)


@router.get("", summary="Held messages, by reason and bulletin: how many, and the oldest")
async def held_messages(principal: Staff, uow: UnitOfWorkDep) -> list[HeldPublic]:
    return [_held(group) for group in await holds.held_messages(uow, principal.tenant)]


@router.post("/release", summary="Release held messages (quiet hours or an election) saying why; kept on record")
async def release(body: ReleaseCreate, principal: Staff, uow: UnitOfWorkDep) -> ReleasePublic:
    return ReleasePublic.of(await holds.release_held(uow, principal.tenant, principal.subject, body.request()))


@router.get("/releases", summary="Every release of held messages: who, when, why, how many")
async def releases(principal: Staff, uow: UnitOfWorkDep) -> list[ReleasePublic]:
    return [ReleasePublic.of(release) for release in await holds.hold_releases(uow, principal.tenant)]
