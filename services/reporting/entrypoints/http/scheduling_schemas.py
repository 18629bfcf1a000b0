"""What the surgery and assembly endpoints answer, as documented in OpenAPI."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, Field

from peel.reporting.entrypoints.http.schemas import Figure


class QuarterPublic(BaseModel):
    label: str = Field(description="a calendar quarter, e.g. 2027-Q2 (April to June)")
    starts_on: date
    ends_on: date


class SurgeryFiguresPublic(BaseModel):
    area: str = Field(description="the session's local policing area; not_given for an online session without one; "
                                  "all in the totals")
    quarter: QuarterPublic
    sessions_scheduled: int = Field(description="every session scheduled, including those since cancelled")
    sessions_cancelled: int
    sessions_held: int = Field(description="not cancelled, and ended")
    slots_offered: int = Field(description="slots of the sessions not cancelled")
    slots_booked: int = Field(description="bookings confirmed and not cancelled, in sessions not cancelled")
    utilisation: Figure = Field(description="slots booked / slots offered; none when none was offered")
    attended: int
    no_shows: int


class SurgeryReportPublic(BaseModel):
    starts_on: date | None = Field(description="sessions starting on or after this day (from)")
    ends_on: date | None = Field(description="sessions starting on or before this day (to)")
    areas: list[SurgeryFiguresPublic] = Field(description="by quarter, then area")
    totals: list[SurgeryFiguresPublic] = Field(description="every area together, by quarter")


class ValueFiguresPublic(BaseModel):
    value: str
    quota_min: int | None = Field(description="none for a value no quota names")
    quota_max: int | None
    pool: int | None = Field(description="registrants not withdrawn; none when suppressed")
    pool_suppressed: bool
    pool_share: Figure
    panel: int = Field(description="members now: selected, less dropouts, plus replacements")
    panel_share: Figure
    within_quota: bool | None = Field(description="none before a panel is selected")
    population: int | None = Field(description="from the population figures uploaded, when the feature matches")
    population_share: Figure
    confirmed: int = Field(description="members on the panel now with this value who confirmed their place")
    declined: int = Field(description="members on the panel now with this value who declined it (not yet replaced)")
    awaiting_reply: int = Field(description="members on the panel now with this value who have not replied")


class FeatureFiguresPublic(BaseModel):
    feature: str
    population_dimension: str | None = Field(description="the population figures' dimension matched, if any")
    values: list[ValueFiguresPublic] = Field(description="in the quotas' order")


class SelectionRunPublic(BaseModel):
    run_id: uuid.UUID
    kind: str = Field(description="selection or replacement")
    ran_at: datetime
    algorithm: str
    seed: int
    pool_size: int
    min_probability: float
    max_probability: float
    gini: float
    selected: int
    dropouts: int
    replacements: int


class RepliesPublic(BaseModel):
    confirmed: int = Field(description="members on the panel now who confirmed their place")
    declined: int = Field(description="members on the panel now who declined it and are not yet replaced")
    awaiting_reply: int = Field(description="members on the panel now who have not replied")
    replaced_after_confirming: int = Field(description="members who confirmed and have since dropped out")
    replaced_after_declining: int = Field(description="members who declined and have since been replaced")


class CompositionPublic(BaseModel):
    assembly_id: uuid.UUID
    title: str
    areas: list[str]
    panel_size: int = Field(description="the panel wanted")
    pool: int = Field(description="registrants who joined and have not withdrawn")
    panel: int = Field(description="members now")
    rule: str = Field(description="how small pool counts are suppressed")
    features: list[FeatureFiguresPublic]
    runs: list[SelectionRunPublic] = Field(description="the selection and each replacement, in order")
    replies: RepliesPublic = Field(description="selected members' replies to their place")
