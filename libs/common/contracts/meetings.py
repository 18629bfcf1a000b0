"""Neighbourhood meeting events, published by the scheduling service on ``scheduling.events``.

They carry ids, the meeting's type, area and times, attendee keys (e.g. ``commissioner``) and topic
keys from the tenant's list: never an organiser's name or contact details, a venue given in words,
or the free text of topics raised.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from peel.common.contracts import registry
from peel.common.events import Event

MeetingType = Literal["pact", "community_forum", "parish_council", "police_and_crime_panel", "other"]


class _MeetingEvent(Event):
    aggregate_field: ClassVar[str] = "meeting_id"

    meeting_id: UUID


class _MeetingFacts(_MeetingEvent):
    meeting_type: MeetingType
    area: str
    starts_at: datetime
    ends_at: datetime
    venue_id: UUID | None = None
    public: bool


@registry.register
class MeetingScheduled(_MeetingFacts):
    type_name: ClassVar[str] = "peel.scheduling.meeting.scheduled.v1"


@registry.register
class MeetingUpdated(_MeetingFacts):
    type_name: ClassVar[str] = "peel.scheduling.meeting.updated.v1"

    version: int


@registry.register
class MeetingCancelled(_MeetingEvent):
    type_name: ClassVar[str] = "peel.scheduling.meeting.cancelled.v1"

    cancelled_at: datetime


@registry.register
class MeetingAttended(_MeetingEvent):
    type_name: ClassVar[str] = "peel.scheduling.meeting.attended.v1"

    area: str
    attendees: list[str]
    topics: list[str]
    other_topic_count: int
    recorded_at: datetime


@registry.register
class MeetingNotAttended(_MeetingEvent):
    """An outcome was recorded saying nobody from the office went: it replaces any earlier attendance."""

    type_name: ClassVar[str] = "peel.scheduling.meeting.not_attended.v1"

    area: str
    recorded_at: datetime


class PlannedAttendance(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    meeting_id: UUID
    area: str
    attendee: str


class UncoveredArea(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    area: str
    reason: Literal["no_meeting", "no_attendee_free", "not_assigned"]


@registry.register
class AttendancePlanned(Event):
    """Staff confirmed who attends which meetings in a quarter; a later confirmation replaces it."""

    type_name: ClassVar[str] = "peel.scheduling.meeting_attendance.planned.v1"
    aggregate_field: ClassVar[str] = "quarter"

    quarter: str
    version: int
    assignments: list[PlannedAttendance]
    uncovered: list[UncoveredArea]
    confirmed_at: datetime
