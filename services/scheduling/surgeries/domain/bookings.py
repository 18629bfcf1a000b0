"""Bookings of surgery slots and the waitlist of a full session.

Who booked (name, email, phone) and what they want to raise stay on the booking and never go
into events; events carry the area and the topic category only. Erased on request, the booker is
``None`` and the topic and notes are gone; the slot, area, category, status and times stay.
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
    BookingErased,
    BookingNoShow,
    BookingRescheduled,
    CancelledBy,
    WaitlistJoined,
    WaitlistLeft,
    WaitlistPromoted,
)
from peel.common.errors import Conflict, FieldError, InvalidInput
from peel.scheduling.surgeries.domain.sessions import Slot
from peel.scheduling.surgeries.domain.triage import Route

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


AFTERWARDS = {BookingStatus.CANCELLED: "book another slot instead",
              BookingStatus.ATTENDED: "the appointment has taken place; book another surgery for anything new",
              BookingStatus.NO_SHOW: "the appointment has passed; book another surgery"}


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

    booker: Booker | None  # ``None`` once erased
    area: str | None  # ``None`` until ``located``: then the resident's, or the session's policing area
    topic_category: TopicCategory
    topic: str | None  # ``None`` once erased
    routes: tuple[Route, ...] = ()

    def located(self, session_area: str | None) -> Enquiry:
        """The enquiry with an area: the resident's own, else the session's policing area."""
        if self.area:
            return self
        if not session_area:
            raise InvalidInput([FieldError(("area",), "this session has no policing area: give your town, ward or "
                                                      "postcode district", "missing")])
        return replace(self, area=session_area)

    def erased(self) -> Enquiry:
        """Without who asked and what they wrote: the area, category and triage routes stay."""
        return replace(self, booker=None, topic=None)


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
    erased_at: datetime | None = None

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
        self.require_not_erased("it cannot be moved")
        if slot.number == self.slot.number:
            raise Conflict(f"the booking is already for slot {slot.number}; to move it, choose another free slot")
        previous, self.slot = self.slot.number, slot
        self.version += 1
        return BookingRescheduled(**self.slot_fields(), previous_slot=previous, rescheduled_at=now)

    def record_attendance(self, attended: bool, now: datetime) -> BookingAttended | BookingNoShow:
        if not self.active:
            raise Conflict(f"booking {self.id} was cancelled; attendance cannot be recorded: it is recorded for "
                           "confirmed bookings only")
        if self.slot.starts_at > now:
            raise Conflict(f"the slot starts at {self.slot.starts_at.isoformat()}; record attendance after it starts")
        self.status = BookingStatus.ATTENDED if attended else BookingStatus.NO_SHOW
        self.attendance_recorded_at = now
        self.version += 1
        kind = BookingAttended if attended else BookingNoShow
        return kind(**self.enquiry_fields(), recorded_at=now)

    def write_notes(self, notes: str, now: datetime) -> None:
        self.require_not_erased("notes cannot be written")
        self.notes, self.notes_recorded_at = notes, now
        self.version += 1

    def erase(self, now: datetime) -> BookingErased:
        """Blank the booker, the topic and the notes; the booking's facts stay. Once only."""
        self.require_not_erased("it has nothing left to erase")
        self.enquiry, self.notes, self.notes_recorded_at = self.enquiry.erased(), None, None
        self.erased_at = now
        self.version += 1
        return BookingErased(booking_id=self.id, session_id=self.session_id, erased_at=now)

    def require_not_erased(self, so: str) -> None:
        if self.erased_at is not None:
            raise Conflict(f"booking {self.id} was erased on request; {so}")

    def _require_confirmed(self, becoming: str) -> None:
        if self.status is not BookingStatus.CONFIRMED:
            raise Conflict(f"booking {self.id} is {self.status}; only a confirmed booking can be {becoming}: "
                           f"{AFTERWARDS[self.status]}")

    def enquiry_fields(self) -> dict:
        return {**self.slot_fields(), "area": self.enquiry.area, "topic_category": self.enquiry.topic_category.value}

    def slot_fields(self) -> dict:
        return {"booking_id": self.id, "session_id": self.session_id, "slot": self.slot.number,
                "slot_starts_at": self.slot.starts_at, "slot_ends_at": self.slot.ends_at}


class PlaceStatus(StrEnum):
    WAITING = "waiting"
    WITHDRAWN = "withdrawn"  # left, or the session was cancelled
    PROMOTED = "promoted"  # now a booking with the same id


@dataclass(frozen=True, slots=True)
class WaitlistEntry:
    """A place in a full session's queue; promoted, it becomes a booking with the same id."""

    id: uuid.UUID
    tenant: str
    session_id: uuid.UUID
    enquiry: Enquiry
    joined_at: datetime
    status: PlaceStatus = PlaceStatus.WAITING
    erased_at: datetime | None = None

    @classmethod
    def join(cls, tenant: str, session_id: uuid.UUID, enquiry: Enquiry, now: datetime) -> WaitlistEntry:
        return cls(id=uuid.uuid4(), tenant=tenant, session_id=session_id, enquiry=enquiry, joined_at=now)

    def promote(self, slot: Slot, now: datetime) -> tuple[Booking, WaitlistPromoted]:
        booking = Booking(id=self.id, tenant=self.tenant, session_id=self.session_id, slot=slot,
                          enquiry=self.enquiry, confirmed_at=now, from_waitlist=True)
        return booking, WaitlistPromoted(**booking.enquiry_fields(), promoted_at=now)

    def joined(self) -> WaitlistJoined:
        return WaitlistJoined(booking_id=self.id, session_id=self.session_id, area=self.enquiry.area,
                              topic_category=self.enquiry.topic_category.value, joined_at=self.joined_at)

    def leave(self, now: datetime) -> tuple[WaitlistEntry, WaitlistLeft]:
        """Give up the place while still waiting."""
        if self.status is PlaceStatus.PROMOTED:
            raise Conflict(f"your place became booking {self.id}; cancel the booking with the same link "
                           f"(POST /v1/bookings/{self.id}/cancel)")
        if self.status is PlaceStatus.WITHDRAWN:
            raise Conflict("this waitlist place was already given up; join the waitlist again, or book a slot if "
                           "one is free")
        return (replace(self, status=PlaceStatus.WITHDRAWN),
                WaitlistLeft(booking_id=self.id, session_id=self.session_id, left_at=now))

    def erase(self, now: datetime) -> tuple[WaitlistEntry, BookingErased]:
        """A place no longer waiting, without who asked and what they wrote."""
        if self.status is PlaceStatus.WAITING:
            raise Conflict(f"waitlist place {self.id} is still waiting; leave the waitlist before erasing the place")
        if self.erased_at is not None:
            raise Conflict(f"waitlist place {self.id} was already erased; nothing is left to erase")
        return (replace(self, enquiry=self.enquiry.erased(), erased_at=now),
                BookingErased(booking_id=self.id, session_id=self.session_id, erased_at=now))


@dataclass(frozen=True, slots=True)
class NotesRetention:
    """How long confidential notes are kept after they were last written: a default and per-tenant periods."""

    default_days: int
    by_tenant: dict[str, int]

    def cutoffs(self, now: datetime) -> tuple[datetime, dict[str, datetime]]:
        """Notes written before the cutoff are expired: the default's and each listed tenant's."""
        return (now - timedelta(days=self.default_days),
                {tenant: now - timedelta(days=days) for tenant, days in self.by_tenant.items()})
