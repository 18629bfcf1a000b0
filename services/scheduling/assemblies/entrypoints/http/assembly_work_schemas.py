"""Request and response bodies for an assembly at work: meetings, speakers, care, pay, outcomes."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from peel.scheduling.assemblies.domain.assembly_meetings import (
    AccessNeed,
    AssemblyMeeting,
    ExpenseCategory,
    MeetingFormat,
    MemberPay,
    Speaker,
)
from peel.scheduling.assemblies.domain.assembly_outcomes import Decision, Recommendation
from peel.scheduling.assemblies.service_layer.assembly_work import PlanMeeting
from peel.scheduling.http.fields import Line

LongText = Field(min_length=1, max_length=4000)


class MeetingCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Line = Field(description="e.g. 'Workshop 1: what we heard'")
    format: MeetingFormat
    venue_id: uuid.UUID | None = Field(None, description="One of your venues, for an in-person meeting")
    starts_at: AwareDatetime
    ends_at: AwareDatetime

    def to_command(self) -> PlanMeeting:
        return PlanMeeting(self.title, self.format, self.venue_id, self.starts_at, self.ends_at)


class MeetingView(BaseModel):
    id: uuid.UUID
    title: str
    format: MeetingFormat
    venue_id: uuid.UUID | None
    starts_at: datetime
    ends_at: datetime
    held_at: datetime | None

    @classmethod
    def of(cls, meeting: AssemblyMeeting) -> MeetingView:
        return cls(id=meeting.id, title=meeting.title, format=meeting.format, venue_id=meeting.venue_id,
                   starts_at=meeting.starts_at, ends_at=meeting.ends_at, held_at=meeting.held_at)


class AttendanceRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    attended: list[uuid.UUID] = Field(max_length=1000, description="Members who came; the rest of the panel did not")


class SpeakerCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Line
    organisation: Line
    topic: Line
    meeting_id: uuid.UUID | None = None
    declaration: str = Field(min_length=1, max_length=4000,
                             description="Interests declared (paid roles, memberships, funding), or 'None declared'")


class SpeakerView(BaseModel):
    id: uuid.UUID
    meeting_id: uuid.UUID | None
    name: str
    organisation: str
    topic: str
    declaration: str

    @classmethod
    def of(cls, speaker: Speaker) -> SpeakerView:
        return cls(id=speaker.id, meeting_id=speaker.meeting_id, name=speaker.name,
                   organisation=speaker.organisation, topic=speaker.topic, declaration=speaker.declaration)


class AccessNeeds(BaseModel):
    model_config = ConfigDict(extra="forbid")

    needs: list[AccessNeed] = Field(max_length=len(AccessNeed))
    details: str = Field("", max_length=2000, description="e.g. the language for an interpreter")


class ExpenseClaim(BaseModel):
    model_config = ConfigDict(extra="forbid")

    meeting_id: uuid.UUID
    category: ExpenseCategory
    amount_pence: int = Field(gt=0, le=100000)


class PayView(BaseModel):
    member_id: uuid.UUID
    meetings_attended: int
    honorarium_pence: int
    expenses_pence: int
    total_pence: int

    @classmethod
    def of(cls, owed: MemberPay) -> PayView:
        return cls(member_id=owed.member_id, meetings_attended=owed.meetings_attended,
                   honorarium_pence=owed.honorarium_pence, expenses_pence=owed.expenses_pence,
                   total_pence=owed.total_pence)


class RecommendationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text_en: str = LongText
    text_cy: str | None = Field(None, max_length=4000)
    support_share: float = Field(ge=0, le=1, description="Share of members supporting it, 0 to 1")


class ResponseCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decision: Decision
    reasons: str = LongText
    due: date | None = Field(None, description="When it will be done (needed unless not accepted)")


class ProgressCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: str = LongText
    done: bool = False


class RecommendationView(BaseModel):
    id: uuid.UUID
    number: int
    text_en: str
    text_cy: str | None
    support_share: float
    made_at: datetime
    state: str = Field(description="awaiting_response, accepted, accepted_in_part, not_accepted or done")
    decision: Decision | None
    reasons: str | None
    due: date | None
    responded_at: datetime | None
    progress: list[dict]

    @classmethod
    def of(cls, r: Recommendation) -> RecommendationView:
        response = r.response
        return cls(id=r.id, number=r.number, text_en=r.text_en, text_cy=r.text_cy, support_share=r.support_share,
                   made_at=r.made_at, state=r.state, decision=response and response.decision,
                   reasons=response and response.reasons, due=response and response.due,
                   responded_at=response and response.given_at,
                   progress=[{"at": p.at, "note": p.note, "done": p.done} for p in r.progress])
