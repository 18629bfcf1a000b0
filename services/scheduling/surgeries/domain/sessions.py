"""One-to-one surgery sessions: a host, a place, a day and the slots that follow from its times.

Times are wall-clock times in England and Wales (Europe/London); slots are ``slot_minutes``
long with ``buffer_minutes`` between them, and only whole slots that end by the end time count.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache

from peel.common.contracts.scheduling import SurgerySessionCancelled, SurgerySessionScheduled
from peel.common.errors import Conflict, FieldError, InvalidInput
from peel.common.working_days import LONDON

DEFAULT_SLOT_MINUTES = 15
SlotChoice = int | uuid.UUID  # a slot's number, or its id


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
        return _slots(self)

    @classmethod
    def between(cls, starts_at: datetime, ends_at: datetime, slot_minutes: int = DEFAULT_SLOT_MINUTES,
                buffer_minutes: int = 0) -> Timetable:
        """The timetable from two moments with offsets, both on one day in England and Wales."""
        starts, ends = starts_at.astimezone(LONDON), ends_at.astimezone(LONDON)
        if ends <= starts:
            raise InvalidInput([FieldError(("ends_at",), "must be after starts_at", "before_start")])
        if ends.date() != starts.date():
            raise InvalidInput([FieldError(("ends_at",), "must be on the same day as starts_at in England and Wales "
                                                         "(Europe/London)", "another_day")])
        # Stored wall-clock times have no fold: the second 01:30 of the day the clocks go back cannot be kept.
        timetable = cls(starts.date(), starts.time().replace(fold=0), ends.time().replace(fold=0), slot_minutes,
                        buffer_minutes)
        for field, moment, wall_clock in (("starts_at", starts_at, timetable.starts_at),
                                          ("ends_at", ends_at, timetable.ends_at)):
            if moment != wall_clock:
                raise InvalidInput([FieldError((field,), "falls in the hour the clocks go back, which happens twice; "
                                                         "choose another time", "ambiguous_time")])
        return timetable

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

    def slot(self, choice: SlotChoice) -> Slot:
        """The slot with this number, or with this id."""
        slots = self.slots
        if isinstance(choice, uuid.UUID):
            return slots[self._number_of(choice, len(slots))]
        if not 0 <= choice < len(slots):
            raise InvalidInput([FieldError(("slot",), f"this session has slots 0 to {len(slots) - 1}", "no_such_slot")])
        return slots[choice]

    def slot_id(self, number: int) -> uuid.UUID:
        return slot_id(self.id, number)

    def bookable_slot(self, choice: SlotChoice, now: datetime) -> Slot:
        """The slot, if a resident may still take it: the session is on and the slot has not started."""
        self.require_scheduled()
        slot = self.slot(choice)
        if slot.starts_at <= now:
            raise Conflict(f"slot {slot.number} started at {slot.starts_at.isoformat()}; choose a later slot")
        return slot

    def _number_of(self, wanted: uuid.UUID, count: int) -> int:
        number = _slot_numbers(self.id, count).get(wanted)
        if number is None:
            raise InvalidInput([FieldError(("slot_id",), f"surgery session {self.id} has no slot {wanted}; its slots "
                                                         f"are listed at GET /v1/public/surgeries/{self.id}",
                                           "no_such_slot")])
        return number

    def free_slots(self, taken: set[int], now: datetime) -> tuple[Slot, ...]:
        """Slots nobody holds that have not started; none once the session is cancelled."""
        if self.status is not SessionStatus.SCHEDULED:
            return ()
        return tuple(slot for slot in self.slots if slot.number not in taken and slot.starts_at > now)

    def require_scheduled(self) -> None:
        if self.status is not SessionStatus.SCHEDULED:
            raise Conflict(f"surgery session {self.id} is cancelled; it takes no bookings and no changes: book "
                           "(or schedule) another session")

    def require_open(self, now: datetime) -> None:
        """Scheduled, with a slot still to start: a waitlist place could yet become a booking."""
        self.require_scheduled()
        if self.slots[-1].starts_at <= now:
            raise Conflict(f"surgery session {self.id} has started its last slot; it takes no more bookings: book "
                           "another session")

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


@lru_cache(maxsize=256)  # a session's slots are read on every booking; working them out costs a zone lookup each
def _slots(timetable: Timetable) -> tuple[Slot, ...]:
    step = timedelta(minutes=timetable.slot_minutes + timetable.buffer_minutes)
    length = timedelta(minutes=timetable.slot_minutes)
    at, end = datetime.combine(timetable.day, timetable.starts), datetime.combine(timetable.day, timetable.ends)
    found = []
    while at + length <= end:
        found.append(Slot(len(found), _utc(at), _utc(at + length)))
        at += step
    return tuple(found)


def slot_id(session_id: uuid.UUID, number: int) -> uuid.UUID:
    """A slot's id: stable (the same session and number always give it) and, being a UUID5, unique."""
    return uuid.uuid5(session_id, f"slot/{number}")


@lru_cache(maxsize=256)  # a few MB at most; ids are found without hashing every slot again
def _slot_numbers(session_id: uuid.UUID, count: int) -> dict[uuid.UUID, int]:
    return {slot_id(session_id, number): number for number in range(count)}


def _utc(local: datetime) -> datetime:
    return local.replace(tzinfo=LONDON).astimezone(UTC)
