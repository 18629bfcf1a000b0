"""An assembly's recommendations and the state of the Commissioner's response to each.

The state follows scheduling's: awaiting a response, then the decision (accepted, accepted in
part, not accepted), then done once the latest progress update says so. A recommendation is
overdue when its response gave a due date before today and it is not done (one not accepted
is never overdue). Meetings held give each meeting's attendance rate (attended / members).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from peel.reporting.domain.documented import DOCUMENTED
from peel.reporting.domain.summaries import rounded

NOT_ACCEPTED = "not_accepted"


@dataclass(frozen=True, slots=True)
class RecommendationFacts:
    """One recommendation as the read model holds it, its progress updates counted."""

    recommendation_id: uuid.UUID
    number: int
    text: str | None  # none until the made event is applied
    support_share: float | None
    made_at: datetime | None
    decision: str | None
    due: date | None
    responded_at: datetime | None
    progress_updates: int
    done: bool  # the latest update says done


@dataclass(frozen=True, slots=True)
class RecommendationState:
    __pydantic_config__ = DOCUMENTED
    recommendation_id: uuid.UUID
    number: int
    text: str | None
    """none until the recommendation itself has been read"""
    support_share: float | None
    made_at: datetime | None
    state: str
    """awaiting_response, accepted, accepted_in_part, not_accepted or done"""
    decision: str | None
    due: date | None
    """when the response said it would be done"""
    responded_at: datetime | None
    overdue: bool
    """due before today, not done, and not refused"""
    progress_updates: int
    done: bool


@dataclass(frozen=True, slots=True)
class AssemblyMeetingFacts:
    meeting_id: uuid.UUID
    format: str
    members: int
    attended: int
    held_at: datetime


@dataclass(frozen=True, slots=True)
class AssemblyMeetingFigures:
    __pydantic_config__ = DOCUMENTED
    meeting_id: uuid.UUID
    format: str
    """in_person or online"""
    held_at: datetime
    members: int
    """the panel's members when attendance was recorded"""
    attended: int
    attendance_rate: float | None  # none when the panel had no members
    """attended / members"""


@dataclass(frozen=True, slots=True)
class Recommendations:
    __pydantic_config__ = DOCUMENTED
    assembly_id: uuid.UUID
    title: str
    today: date
    recommendations: tuple[RecommendationState, ...]
    """by number"""
    meetings: tuple[AssemblyMeetingFigures, ...]
    """the assembly's meetings held, in order"""


def state_of(found: RecommendationFacts, today: date) -> RecommendationState:
    state = "done" if found.done else found.decision or "awaiting_response"
    overdue = (found.due is not None and found.due < today and not found.done and found.decision != NOT_ACCEPTED)
    return RecommendationState(
        found.recommendation_id, found.number, found.text, found.support_share, found.made_at, state, found.decision,
        found.due, found.responded_at, overdue, found.progress_updates, found.done)


def meeting_attendance(held: AssemblyMeetingFacts) -> AssemblyMeetingFigures:
    rate = rounded(held.attended / held.members) if held.members else None
    return AssemblyMeetingFigures(held.meeting_id, held.format, held.held_at, held.members, held.attended, rate)


def recommendations(assembly_id: uuid.UUID, title: str, found: list[RecommendationFacts],
                    held: list[AssemblyMeetingFacts], today: date) -> Recommendations:
    ordered = sorted(found, key=lambda r: (r.number, r.recommendation_id))
    meetings = sorted(held, key=lambda m: (m.held_at, m.meeting_id))
    return Recommendations(assembly_id, title, today, tuple(state_of(r, today) for r in ordered),
                           tuple(map(meeting_attendance, meetings)))
