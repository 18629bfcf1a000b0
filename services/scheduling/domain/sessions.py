"""One-to-one surgery sessions: a host, a place, a day and the slots that follow from its times.

Times are wall-clock times in England and Wales (Europe/London); slots are ``slot_minutes``
long with ``buffer_minutes`` between them, and only whole slots that end by the end time count.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from peel.common.contracts.scheduling import SurgerySessionCancelled, SurgerySessionScheduled
from peel.common.errors import Conflict, FieldError, InvalidInput
from peel.common.working_days import LONDON

DEFAULT_SLOT_MINUTES = 15


class SessionStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class Slot:
    number: int
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True, slots=True)
class Place:
    """A venue, or online; the policing area is the venue's, or given for an online session."""

    venue_id: uuid.UUID | None
    online: bool
    policing_area: str | None


@dataclass(frozen=True, slots=True)
class Timetable:
    day: date
    starts: time
    ends: time
    slot_minutes: int = DEFAULT_SLOT_MINUTES
    buffer_minutes: int = 0

    def slots(self) -> tuple[Slot, ...]:
        step, length = timedelta(minutes=self.slot_minutes + self.buffer_minutes), timedelta(minutes=self.slot_minutes)
        at, end = datetime.combine(self.day, self.starts), datetime.combine(self.day, self.ends)
        found = []
        while at + length <= end:
            found.append(Slot(len(found), _utc(at), _utc(at + length)))
            at += step
        return tuple(found)

    @property
    def starts_at(self) -> datetime:
        return _utc(datetime.combine(self.day, self.starts))

    @property
    def ends_at(self) -> datetime:
        return _utc(datetime.combine(self.day, self.ends))

    def check(self, now: datetime) -> None:
        if self.ends <= self.starts:
            raise InvalidInput([FieldError(("ends",), "must be after the start time", "before_start")])
        if not self.slots():
            raise InvalidInput([FieldError(("slot_minutes",), "no whole slot fits between the start and end times",
                                           "no_slots")])
        if self.starts_at <= now:
            raise InvalidInput([FieldError(("day",), "the session would start in the past", "in_the_past")])


@dataclass(slots=True)
class SurgerySession:
    id: uuid.UUID
    tenant: str
    host: str
    place: Place
    timetable: Timetable
    public: bool
    created_at: datetime
    status: SessionStatus = SessionStatus.SCHEDULED
    cancelled_at: datetime | None = None
    cancel_reason: str | None = None
    version: int = 1

    @classmethod
    def schedule(cls, tenant: str, host: str, place: Place, timetable: Timetable, *, public: bool,
                 now: datetime) -> SurgerySession:
        timetable.check(now)
        return cls(id=uuid.uuid4(), tenant=tenant, host=host, place=place, timetable=timetable, public=public,
                   created_at=now)

    @property
    def slots(self) -> tuple[Slot, ...]:
        return self.timetable.slots()

    def slot(self, number: int) -> Slot:
        slots = self.slots
        if not 0 <= number < len(slots):
            raise InvalidInput([FieldError(("slot",), f"this session has slots 0 to {len(slots) - 1}", "no_such_slot")])
        return slots[number]

    def bookable_slot(self, number: int, now: datetime) -> Slot:
        """The slot, if a resident may still take it: the session is on and the slot has not started."""
        self.require_scheduled()
        slot = self.slot(number)
        if slot.starts_at <= now:
            raise Conflict(f"slot {number} started at {slot.starts_at.isoformat()}; choose a later slot")
        return slot

    def free_slots(self, taken: set[int], now: datetime) -> tuple[Slot, ...]:
        """Slots nobody holds that have not started; none once the session is cancelled."""
        if self.status is not SessionStatus.SCHEDULED:
            return ()
        return tuple(slot for slot in self.slots if slot.number not in taken and slot.starts_at > now)

    def require_scheduled(self) -> None:
        if self.status is not SessionStatus.SCHEDULED:
            raise Conflict(f"surgery session {self.id} is cancelled")

    def require_open(self, now: datetime) -> None:
        """Scheduled, with a slot still to start: a waitlist place could yet become a booking."""
        self.require_scheduled()
        if self.slots[-1].starts_at <= now:
            raise Conflict(f"surgery session {self.id} has started its last slot; it takes no more bookings")

    def scheduled(self) -> SurgerySessionScheduled:
        return SurgerySessionScheduled(
            session_id=self.id, venue_id=self.place.venue_id, online=self.place.online,
            policing_area=self.place.policing_area, public=self.public, starts_at=self.timetable.starts_at,
            ends_at=self.timetable.ends_at, slot_minutes=self.timetable.slot_minutes, slot_count=len(self.slots),
        )

    def cancel(self, reason: str, now: datetime, bookings_cancelled: int) -> SurgerySessionCancelled:
        self.require_scheduled()
        self.status, self.cancelled_at, self.cancel_reason = SessionStatus.CANCELLED, now, reason
        self.version += 1
        return SurgerySessionCancelled(session_id=self.id, cancelled_at=now, bookings_cancelled=bookings_cancelled)


def _utc(local: datetime) -> datetime:
    return local.replace(tzinfo=LONDON).astimezone(UTC)
