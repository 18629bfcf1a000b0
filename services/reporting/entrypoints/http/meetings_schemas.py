"""What the neighbourhood meeting and recommendation endpoints answer, as documented in OpenAPI."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, Field

from peel.reporting.entrypoints.http.scheduling_schemas import QuarterPublic
from peel.reporting.entrypoints.http.schemas import Figure


class MeetingFiguresPublic(BaseModel):
    area: str = Field(description="the meeting's local policing area as given on its latest meeting (grouped case "
                                  "and spacing aside); all in the totals")
    quarter: QuarterPublic
    meetings_known: int = Field(description="scheduled and not cancelled")
    meetings_cancelled: int
    meetings_attended: int = Field(description="not cancelled, with the office's attendance recorded")
    topics: dict[str, int] = Field(description="per topic key, the meetings attended where it was raised")
    other_topics: int = Field(description="topics raised that are not on the tenant's list")


class MeetingReportPublic(BaseModel):
    starts_on: date | None = Field(description="meetings starting on or after this day (from)")
    ends_on: date | None = Field(description="meetings starting on or before this day (to)")
    topic_keys: list[str] = Field(description="every topic key raised, the CSV's topic columns")
    areas: list[MeetingFiguresPublic] = Field(description="by quarter, then area")
    totals: list[MeetingFiguresPublic] = Field(description="every area together, by quarter")


class CoverageFiguresPublic(BaseModel):
    area: str = Field(description="as given on the area's latest meeting, or in the plan; all in the totals")
    quarter: QuarterPublic
    plan_version: int | None = Field(description="the quarter's confirmed plan; none when it has none")
    meetings_planned: int = Field(description="meetings the plan sends someone to (once however many go)")
    planned_meetings_attended: int = Field(description="of those, not cancelled with the office's attendance recorded")
    planned_meetings_cancelled: int
    meetings_attended: int = Field(description="every meeting attended in the area and quarter, planned or not")
    areas_uncovered: int = Field(description="1 when the plan reported the area uncovered; in the totals, how many")
    uncovered_reason: str | None = Field(description="no_meeting, no_attendee_free or not_assigned")


class CoverageReportPublic(BaseModel):
    starts_on: date | None = Field(description="whole quarters ending on or after this day (from)")
    ends_on: date | None = Field(description="whole quarters starting on or before this day (to)")
    areas: list[CoverageFiguresPublic] = Field(description="by quarter, then area")
    totals: list[CoverageFiguresPublic] = Field(description="every area together, by quarter")


class OccasionPublic(BaseModel):
    meeting_id: uuid.UUID
    on: date = Field(description="the day it starts in England and Wales")
    starts_at: datetime
    meeting_type: str
    public: bool
    attended: bool = Field(description="the office's attendance is recorded")


class LastAndNextPublic(BaseModel):
    area: str
    last: OccasionPublic | None = Field(description="the latest meeting not cancelled on a day before today")
    next: OccasionPublic | None = Field(description="the soonest meeting not cancelled today or later")
    days_since_last: int | None
    days_until_next: int | None


class LastAndNextReportPublic(BaseModel):
    today: date
    areas: list[LastAndNextPublic] = Field(description="every area with a meeting, by name")


class RecommendationPublic(BaseModel):
    recommendation_id: uuid.UUID
    number: int
    text: str | None = Field(description="none until the recommendation itself has been read")
    support_share: Figure
    made_at: datetime | None
    state: str = Field(description="awaiting_response, accepted, accepted_in_part, not_accepted or done")
    decision: str | None
    due: date | None = Field(description="when the response said it would be done")
    responded_at: datetime | None
    overdue: bool = Field(description="due before today, not done, and not refused")
    progress_updates: int
    done: bool


class AssemblyMeetingPublic(BaseModel):
    meeting_id: uuid.UUID
    format: str = Field(description="in_person or online")
    held_at: datetime
    members: int = Field(description="the panel's members when attendance was recorded")
    attended: int
    attendance_rate: Figure = Field(description="attended / members")


class RecommendationsPublic(BaseModel):
    assembly_id: uuid.UUID
    title: str
    today: date
    recommendations: list[RecommendationPublic] = Field(description="by number")
    meetings: list[AssemblyMeetingPublic] = Field(description="the assembly's meetings held, in order")
