"""Bookings of surgery slots and the waitlist of a full session.

Who booked (name, email, phone) and what they want to raise stay on the booking and never go
into events; events carry the area and the topic category only.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from peel.common.contracts.scheduling import (
    BookingAttended,
    BookingCancelled,
    BookingConfirmed,
    BookingNoShow,
    BookingRescheduled,
    CancelledBy,
    WaitlistPromoted,
)
from peel.common.errors import Conflict, FieldError, InvalidInput
from peel.scheduling.domain.sessions import Slot
from peel.scheduling.domain.triage import Route

_NOT_DIGITS = re.compile(r"\D")


class TopicCategory(StrEnum):
    POLICING_PRIORITIES = "policing_priorities"
    ANTI_SOCIAL_BEHAVIOUR = "anti_social_behaviour"
    ROAD_SAFETY = "road_safety"
    COMPLAINT_ABOUT_POLICE = "complaint_about_police"
    VICTIM_SUPPORT = "victim_support"
    COMMUNITY_SAFETY = "community_safety"
    OTHER = "other"


class BookingStatus(StrEnum):
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"
    ATTENDED = "attended"
    NO_SHOW = "no_show"


class AlreadyBooked(Conflict):
    def __init__(self) -> None:
        super().__init__("you already have a booking (or a waitlist place) for this session; "
                         "one booking per person per session")


class SlotTaken(Conflict):
    def __init__(self, slot: int) -> None:
        super().__init__(f"slot {slot} has just been taken; choose another slot")


def email_key(email: str | None) -> str | None:
    return email.strip().lower() if email else None


def phone_key(phone: str | None) -> str | None:
    """UK numbers compare by their digits, ``+44`` (or ``+44 (0)``) written as the leading ``0``."""
    if not phone:
        return None
    digits = _NOT_DIGITS.sub("", phone)
    return "0" + digits[2:].lstrip("0") if digits.startswith("44") else digits


@dataclass(frozen=True, slots=True)
class Booker:
    name: str
    email: str | None
    phone: str | None

    def __post_init__(self) -> None:
        if not (self.email or self.phone):
            raise InvalidInput([FieldError(("email",), "give an email address or a phone number (or both)",
                                           "missing_contact")])

    @property
    def keys(self) -> tuple[str | None, str | None]:
        return email_key(self.email), phone_key(self.phone)


@dataclass(frozen=True, slots=True)
class Enquiry:
    """Who wants to see the Commissioner, from where, about what, and where triage sent them."""

    booker: Booker
    area: str | None  # ``None`` until ``located``: then the resident's, or the session's policing area
    topic_category: TopicCategory
    topic: str
    routes: tuple[Route, ...] = ()

    def located(self, session_area: str | None) -> Enquiry:
        """The enquiry with an area: the resident's own, else the session's policing area."""
        if self.area:
            return self
        if not session_area:
            raise InvalidInput([FieldError(("area",), "this session has no policing area: give your town, ward or "
                                                      "postcode district", "missing")])
        return replace(self, area=session_area)


@dataclass(slots=True)
class Booking:
    id: uuid.UUID
    tenant: str
    session_id: uuid.UUID
    slot: Slot
    enquiry: Enquiry
    confirmed_at: datetime
    from_waitlist: bool = False
    status: BookingStatus = BookingStatus.CONFIRMED
    cancelled_at: datetime | None = None
    cancelled_by: str | None = None
    attendance_recorded_at: datetime | None = None
    notes: str | None = None
    notes_recorded_at: datetime | None = None
    version: int = 1

    @classmethod
    def confirm(cls, tenant: str, session_id: uuid.UUID, slot: Slot, enquiry: Enquiry, now: datetime) -> Booking:
        return cls(id=uuid.uuid4(), tenant=tenant, session_id=session_id, slot=slot, enquiry=enquiry,
                   confirmed_at=now)

    @property
    def active(self) -> bool:
        return self.status is not BookingStatus.CANCELLED

    def confirmed(self) -> BookingConfirmed:
        return BookingConfirmed(**self.enquiry_fields(),
                                routes=tuple(route.value for route in self.enquiry.routes),
                                from_waitlist=self.from_waitlist, confirmed_at=self.confirmed_at)

    def cancel(self, by: CancelledBy, now: datetime) -> BookingCancelled:
        self._require_confirmed("cancelled")
        self.status, self.cancelled_at, self.cancelled_by = BookingStatus.CANCELLED, now, by
        self.version += 1
        return BookingCancelled(**self.slot_fields(), cancelled_by=by, cancelled_at=now)

    def move(self, slot: Slot, now: datetime) -> BookingRescheduled:
        self._require_confirmed("rescheduled")
        if slot.number == self.slot.number:
            raise Conflict(f"the booking is already for slot {slot.number}")
        previous, self.slot = self.slot.number, slot
        self.version += 1
        return BookingRescheduled(**self.slot_fields(), previous_slot=previous, rescheduled_at=now)

    def record_attendance(self, attended: bool, now: datetime) -> BookingAttended | BookingNoShow:
        if not self.active:
            raise Conflict(f"booking {self.id} was cancelled; attendance cannot be recorded")
        if self.slot.starts_at > now:
            raise Conflict(f"the slot starts at {self.slot.starts_at.isoformat()}; record attendance after it starts")
        self.status = BookingStatus.ATTENDED if attended else BookingStatus.NO_SHOW
        self.attendance_recorded_at = now
        self.version += 1
        kind = BookingAttended if attended else BookingNoShow
        return kind(**self.enquiry_fields(), recorded_at=now)

    def write_notes(self, notes: str, now: datetime) -> None:
        self.notes, self.notes_recorded_at = notes, now
        self.version += 1

    def _require_confirmed(self, becoming: str) -> None:
        if self.status is not BookingStatus.CONFIRMED:
            raise Conflict(f"booking {self.id} is {self.status}; only a confirmed booking can be {becoming}")

    def enquiry_fields(self) -> dict:
        return {**self.slot_fields(), "area": self.enquiry.area, "topic_category": self.enquiry.topic_category.value}

    def slot_fields(self) -> dict:
        return {"booking_id": self.id, "session_id": self.session_id, "slot": self.slot.number,
                "slot_starts_at": self.slot.starts_at, "slot_ends_at": self.slot.ends_at}


@dataclass(frozen=True, slots=True)
class WaitlistEntry:
    """A place in a full session's queue; promoted, it becomes a booking with the same id."""

    id: uuid.UUID
    tenant: str
    session_id: uuid.UUID
    enquiry: Enquiry
    joined_at: datetime

    @classmethod
    def join(cls, tenant: str, session_id: uuid.UUID, enquiry: Enquiry, now: datetime) -> WaitlistEntry:
        return cls(id=uuid.uuid4(), tenant=tenant, session_id=session_id, enquiry=enquiry, joined_at=now)

    def promote(self, slot: Slot, now: datetime) -> tuple[Booking, WaitlistPromoted]:
        booking = Booking(id=self.id, tenant=self.tenant, session_id=self.session_id, slot=slot,
                          enquiry=self.enquiry, confirmed_at=now, from_waitlist=True)
        return booking, WaitlistPromoted(**booking.enquiry_fields(), promoted_at=now)


@dataclass(frozen=True, slots=True)
class NotesRetention:
    """How long confidential notes are kept after they were last written: a default and per-tenant periods."""

    default_days: int
    by_tenant: dict[str, int]

    def cutoffs(self, now: datetime) -> tuple[datetime, dict[str, datetime]]:
        """Notes written before the cutoff are expired: the default's and each listed tenant's."""
        return (now - timedelta(days=self.default_days),
                {tenant: now - timedelta(days=days) for tenant, days in self.by_tenant.items()})
