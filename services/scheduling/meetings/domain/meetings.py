"""Neighbourhood meetings the office knows of: PACT or beat meetings, forums, councils and the Panel.

Times are wall-clock times in England and Wales (Europe/London), kept also as instants for queries.
A meeting is held at one of the service's venues or at a place given in words, never both.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from enum import StrEnum

from peel.common.errors import Conflict, FieldError, InvalidInput
from peel.common.working_days import LONDON


class MeetingType(StrEnum):
    PACT = "pact"                                    # PACT or beat meeting
    COMMUNITY_FORUM = "community_forum"
    PARISH_COUNCIL = "parish_council"                # parish or town council
    POLICE_AND_CRIME_PANEL = "police_and_crime_panel"
    OTHER = "other"


class MeetingStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class Organiser:
    """Who runs the meeting; staff only: never in events or on public pages."""

    name: str
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class When:
    day: date
    starts: time
    ends: time

    @property
    def starts_at(self) -> datetime:
        return _utc(self.day, self.starts)

    @property
    def ends_at(self) -> datetime:
        return _utc(self.day, self.ends)

    def overlaps(self, other: When) -> bool:
        return self.starts_at < other.ends_at and other.starts_at < self.ends_at


@dataclass(frozen=True, slots=True)
class MeetingDetails:
    """What staff say about a meeting; the same for adding and replacing it."""

    type: MeetingType
    area: str
    when: When
    organiser: Organiser
    venue_id: uuid.UUID | None = None
    venue_text: str | None = None
    public: bool = True

    def check(self) -> None:
        errors = []
        if self.when.ends <= self.when.starts:
            errors.append(FieldError(("ends",), "must be after the start time", "before_start"))
        if (self.venue_id is None) == (self.venue_text is None):
            errors.append(FieldError(("venue_id",), "give a venue id or a venue in words (one or the other)",
                                     "venue_or_text"))
        if errors:
            raise InvalidInput(errors)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What staff record after the meeting: whether the office went, who, and the topics raised."""

    attended: bool
    attendees: tuple[str, ...]
    topics: tuple[str, ...]
    other_topics: tuple[str, ...]
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class Topic:
    """A topic from the tenant's list, e.g. ``asb`` "Anti-social behaviour"."""

    key: str
    label: str


def check_unique_keys(field: str, keys: list[str]) -> None:
    repeated = [FieldError((field, i, "key"), f"{key!r} is given twice", "duplicate")
                for i, key in enumerate(keys) if key in keys[:i]]
    if repeated:
        raise InvalidInput(repeated)


@dataclass(frozen=True, slots=True)
class Meeting:
    id: uuid.UUID
    tenant: str
    details: MeetingDetails
    created_at: datetime
    updated_at: datetime
    status: MeetingStatus = MeetingStatus.SCHEDULED
    cancelled_at: datetime | None = None
    cancel_reason: str | None = None
    outcome: Outcome | None = None
    version: int = 1

    @classmethod
    def create(cls, tenant: str, details: MeetingDetails, now: datetime) -> Meeting:
        details.check()
        return cls(uuid.uuid4(), tenant, details, now, now)

    @property
    def area(self) -> str:
        return self.details.area

    @property
    def when(self) -> When:
        return self.details.when

    def update(self, details: MeetingDetails, now: datetime) -> Meeting:
        self.require_scheduled()
        details.check()
        return replace(self, details=details, updated_at=now, version=self.version + 1)

    def cancel(self, reason: str, now: datetime) -> Meeting:
        self.require_scheduled()
        return replace(self, status=MeetingStatus.CANCELLED, cancelled_at=now, cancel_reason=reason,
                       updated_at=now, version=self.version + 1)

    def record(self, outcome: Outcome) -> Meeting:
        self.require_scheduled()
        if self.when.starts_at > outcome.recorded_at:
            raise Conflict(f"the meeting has not started yet (it starts at {self.when.starts_at.isoformat()}); record "
                           "what happened afterwards")
        return replace(self, outcome=outcome, updated_at=outcome.recorded_at, version=self.version + 1)

    def require_scheduled(self) -> None:
        if self.status is not MeetingStatus.SCHEDULED:
            raise Conflict(f"meeting {self.id} is {self.status.value}; only a scheduled meeting can be changed, "
                           "cancelled or have its outcome recorded: schedule a new meeting instead")


def check_outcome(outcome: Outcome, attendees: set[str], topics: set[str]) -> None:
    """422 naming each attendee or topic the tenant has not set up, and who went when nobody did."""
    errors = [FieldError(("attendees", i), f"{key!r} is not one of your attendees", "unknown_attendee")
              for i, key in enumerate(outcome.attendees) if key not in attendees]
    errors += [FieldError(("topics", i), f"{key!r} is not one of your topics", "unknown_topic")
               for i, key in enumerate(outcome.topics) if key not in topics]
    if outcome.attended and not outcome.attendees:
        errors.append(FieldError(("attendees",), "name who attended for the office", "missing_attendees"))
    if not outcome.attended and outcome.attendees:
        errors.append(FieldError(("attendees",), "nobody attended: leave it empty", "not_attended"))
    if errors:
        raise InvalidInput(errors)


def last_and_next(meetings: list[Meeting], now: datetime) -> tuple[Meeting | None, Meeting | None]:
    """The latest meeting that has started and the soonest yet to start, among those not cancelled."""
    held = [m for m in meetings if m.status is MeetingStatus.SCHEDULED]
    past = [m for m in held if m.when.starts_at <= now]
    future = [m for m in held if m.when.starts_at > now]
    return (max(past, key=lambda m: m.when.starts_at, default=None),
            min(future, key=lambda m: m.when.starts_at, default=None))


def every_area_last_and_next(meetings: list[Meeting], now: datetime) -> list[tuple[Meeting | None, Meeting | None]]:
    """Each area's last and next public meetings, ordered by area name; areas with neither are left out."""
    areas: dict[str, list[Meeting]] = {}
    for meeting in meetings:
        if meeting.details.public:
            areas.setdefault(area_key(meeting.area), []).append(meeting)
    found = [last_and_next(areas[key], now) for key in sorted(areas)]
    return [(last, upcoming) for last, upcoming in found if last or upcoming]


def area_key(area: str) -> str:
    """The area as compared: case and spacing ignored, so that "Crewe " and "crewe" are one area."""
    return " ".join(area.split()).casefold()


def _utc(day: date, at: time) -> datetime:
    return datetime.combine(day, at).replace(tzinfo=LONDON).astimezone(UTC)
