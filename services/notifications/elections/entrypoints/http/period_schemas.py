"""The election periods API's bodies."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from peel.notifications.elections.domain.periods import ElectionKind, Period, PeriodState
from peel.notifications.elections.service_layer.periods import Registration

Area = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")]


class PeriodCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "kind": "pcc", "areas": [], "notice_date": "2028-03-27", "poll_date": "2028-05-04"}]})

    kind: ElectionKind
    areas: list[Area] = Field(default_factory=list, max_length=500,
                              description="Area codes the election covers, as on contacts; none: the whole office")
    notice_date: date = Field(description="The day the notice of election is published: the period starts at 00:00")
    poll_date: date = Field(description="Polling day: the period ends at 00:00 the day after (UK time)")

    def registration(self) -> Registration:
        return Registration(self.kind, tuple(self.areas), self.notice_date, self.poll_date)


class Cancelled(BaseModel):
    at: datetime
    by: str
    reason: str


class PeriodPublic(BaseModel):
    id: uuid.UUID
    kind: ElectionKind
    areas: list[str]
    notice_date: date
    poll_date: date
    starts_at: datetime
    ends_at: datetime
    state: PeriodState
    created_at: datetime
    created_by: str
    cancelled: Cancelled | None = None

    @classmethod
    def of(cls, period: Period, now: datetime) -> PeriodPublic:
        done = period.cancellation
        cancelled = Cancelled(at=done.at, by=done.by, reason=done.reason) if done else None
        return cls(id=period.id, kind=period.kind, areas=list(period.areas), notice_date=period.notice_date,
                   poll_date=period.poll_date, starts_at=period.starts_at, ends_at=period.ends_at,
                   state=period.state(now), created_at=period.created_at, created_by=period.created_by,
                   cancelled=cancelled)


class HeldPublic(BaseModel):
    period_id: uuid.UUID
    reason: str = Field(description="The reason held messages carry for this period (election:<id>)")
    state: PeriodState
    held: int
    by_channel: dict[str, int]
    by_category: dict[str, int]
