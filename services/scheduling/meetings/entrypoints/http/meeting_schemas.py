"""Request and response bodies of the neighbourhood meeting API."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from peel.common.working_days import LONDON
from peel.scheduling.http.fields import LocalTime, Phone
from peel.scheduling.meetings.domain.meetings import (
    Meeting,
    MeetingDetails,
    MeetingType,
    Organiser,
    Outcome,
    Topic,
    When,
)
from peel.scheduling.meetings.service_layer.meetings import Around
from peel.scheduling.venues.domain.venues import Venue

Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,39}$")]
# Text without NUL characters, which PostgreSQL cannot store (in text or in jsonb).
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=r"^[^\x00]+$")]
Area = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80, pattern=r"^[^\x00]+$")]
Day = Annotated[date, Field(ge=date(2000, 1, 1), le=date(2100, 12, 31))]



class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OrganiserBody(_Body):
    name: Line = Field(description="The organisation or person running the meeting (staff only)")
    email: EmailStr | None = None
    phone: Phone | None = None


class MeetingCreate(_Body):
    type: MeetingType = Field(description="pact (PACT or beat meeting), community_forum, parish_council (parish or "
                                          "town council), police_and_crime_panel or other")
    area: Area = Field(description="The local policing area")
    day: Day
    starts: LocalTime = Field(description="Local time in England and Wales, e.g. 19:00")
    ends: LocalTime = Field(description="Local time in England and Wales, the same day")
    venue_id: uuid.UUID | None = Field(None, description="One of your venues; or give the venue in words")
    venue: Line | None = Field(None, description="Where, in words, when it is not one of your venues")
    organiser: OrganiserBody
    public: bool = Field(True, description="Open to the public and shown on public pages")

    def to_domain(self) -> MeetingDetails:
        organiser = Organiser(self.organiser.name, self.organiser.email, self.organiser.phone)
        return MeetingDetails(self.type, self.area, When(self.day, self.starts, self.ends), organiser,
                              self.venue_id, self.venue, self.public)


class MeetingUpdate(MeetingCreate):
    """The whole meeting again: what is left out takes its default."""


class MeetingCancel(_Body):
    reason: Line = Field(description="Why it is cancelled (kept for staff)")


class OutcomeCreate(_Body):
    attended: bool = Field(description="Whether anyone attended for the office")
    attendees: list[Key] = Field(default_factory=list, max_length=20, description="Keys of your attendees who went")
    topics: list[Key] = Field(default_factory=list, max_length=50, description="Keys from your topic list")
    other_topics: list[Line] = Field(default_factory=list, max_length=20,
                                     description="Topics not on your list, in words (kept for staff, never published)")

    def to_domain(self, now: datetime) -> Outcome:
        return Outcome(self.attended, tuple(dict.fromkeys(self.attendees)), tuple(dict.fromkeys(self.topics)),
                       tuple(self.other_topics), now)


class OutcomeView(BaseModel):
    attended: bool
    attendees: list[str]
    topics: list[str]
    other_topics: list[str]
    recorded_at: datetime


class MeetingPublic(BaseModel):
    """What anyone may see of a public meeting: no organiser, no contact details."""

    id: uuid.UUID
    type: MeetingType
    area: str
    day: date
    starts_at: datetime = Field(description="With the UK offset of the day")
    ends_at: datetime
    venue: str = Field(description="The venue's name and address, or the place in words")

    @classmethod
    def of(cls, meeting: Meeting, venues: dict[uuid.UUID, Venue]) -> MeetingPublic:
        details, when = meeting.details, meeting.details.when
        venue = venues.get(details.venue_id) if details.venue_id else None
        place = f"{venue.details.name}, {venue.details.address}" if venue else details.venue_text or ""
        return cls(id=meeting.id, type=details.type, area=details.area, day=when.day,
                   starts_at=when.starts_at.astimezone(LONDON), ends_at=when.ends_at.astimezone(LONDON), venue=place)


class MeetingView(MeetingPublic):
    venue_id: uuid.UUID | None
    public: bool
    status: str
    organiser: OrganiserBody | None = Field(description="Only for staff who may change meetings")
    cancelled_at: datetime | None
    cancel_reason: str | None
    outcome: OutcomeView | None
    version: int

    @classmethod
    def of_staff(cls, meeting: Meeting, venues: dict[uuid.UUID, Venue], organiser: bool) -> MeetingView:
        found, outcome = meeting.details.organiser, meeting.outcome
        return cls(**MeetingPublic.of(meeting, venues).model_dump(), venue_id=meeting.details.venue_id,
                   public=meeting.details.public, status=meeting.status.value, cancelled_at=meeting.cancelled_at,
                   organiser=OrganiserBody(name=found.name, email=found.email, phone=found.phone)
                   if organiser else None,
                   cancel_reason=meeting.cancel_reason, version=meeting.version,
                   outcome=OutcomeView(**_outcome(outcome)) if outcome else None)


def _outcome(outcome: Outcome) -> dict:
    return {"attended": outcome.attended, "attendees": list(outcome.attendees), "topics": list(outcome.topics),
            "other_topics": list(outcome.other_topics), "recorded_at": outcome.recorded_at}


class AreaMeetings(BaseModel):
    area: str = Field(description="The area as its meetings name it (or as asked, when it has none)")
    last: MeetingPublic | None = Field(description="The latest public meeting that has started")
    next: MeetingPublic | None = Field(description="The soonest public meeting yet to start")

    @classmethod
    def of(cls, found: Around) -> AreaMeetings:
        named = found.last or found.next
        return cls(area=named.area if named else found.area,
                   last=MeetingPublic.of(found.last, found.venues) if found.last else None,
                   next=MeetingPublic.of(found.next, found.venues) if found.next else None)


class AttendeeBody(_Body):
    key: Key = Field(description="e.g. commissioner")
    title: Line = Field(description="e.g. Deputy Police and Crime Commissioner")
    unavailable: list[Day] = Field(default_factory=list, max_length=366, description="Dates they cannot attend")


class TopicBody(_Body):
    key: Key = Field(description="e.g. asb")
    label: Line = Field(description="e.g. Anti-social behaviour")

    def to_domain(self) -> Topic:
        return Topic(self.key, self.label)


class MeetingSettingsView(BaseModel):
    attendees: list[AttendeeBody]
    topics: list[TopicBody]


class AssignmentBody(_Body):
    meeting_id: uuid.UUID
    attendee: Key


class PlanConfirm(_Body):
    assignments: list[AssignmentBody] = Field(max_length=500, description="The proposal's, possibly edited")


class AssignmentView(AssignmentBody):
    area: str


class UncoveredView(BaseModel):
    area: str
    reason: str = Field(description="no_meeting: none in the quarter; no_attendee_free: nobody can go to any; "
                                    "not_assigned: staff left it out of the confirmed plan")


class PlanView(BaseModel):
    quarter: str
    assignments: list[AssignmentView]
    uncovered: list[UncoveredView]


class ConfirmedPlanView(PlanView):
    confirmed_at: datetime
    version: int
