"""Events published by the scheduling service on ``scheduling.events``.

Events carry ids, slot times, the area and the topic category of a booking: never the
booker's name, email, phone or the words they used to describe their topic.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Literal
from uuid import UUID

from peel.common.contracts import registry
from peel.common.events import Event

CancelledBy = Literal["booker", "staff", "session_cancelled"]


class _SlotEvent(Event):
    """A booking's slot: which session, which slot and when. Keyed by the booking, so its events keep order."""

    aggregate_field: ClassVar[str] = "booking_id"

    booking_id: UUID
    session_id: UUID
    slot: int
    slot_starts_at: datetime
    slot_ends_at: datetime


class _EnquiryEvent(_SlotEvent):
    """A booking's slot with what the booker asked about: the area and topic category, never who."""

    area: str
    topic_category: str


class _Outcome(_EnquiryEvent):
    recorded_at: datetime


@registry.register
class SurgerySessionScheduled(Event):
    type_name: ClassVar[str] = "peel.scheduling.surgery_session.scheduled.v1"
    aggregate_field: ClassVar[str] = "session_id"

    session_id: UUID
    venue_id: UUID | None = None
    online: bool
    policing_area: str | None = None
    public: bool
    starts_at: datetime
    ends_at: datetime
    slot_minutes: int
    slot_count: int


@registry.register
class SurgerySessionCancelled(Event):
    type_name: ClassVar[str] = "peel.scheduling.surgery_session.cancelled.v1"
    aggregate_field: ClassVar[str] = "session_id"

    session_id: UUID
    cancelled_at: datetime
    bookings_cancelled: int


@registry.register
class BookingConfirmed(_EnquiryEvent):
    type_name: ClassVar[str] = "peel.scheduling.booking.confirmed.v1"

    routes: tuple[str, ...] = ()
    from_waitlist: bool = False
    confirmed_at: datetime


@registry.register
class BookingCancelled(_SlotEvent):
    type_name: ClassVar[str] = "peel.scheduling.booking.cancelled.v1"

    cancelled_by: CancelledBy
    cancelled_at: datetime


@registry.register
class BookingRescheduled(_SlotEvent):
    """The booking moved to ``slot``; ``previous_slot`` is free again."""

    type_name: ClassVar[str] = "peel.scheduling.booking.rescheduled.v1"

    previous_slot: int
    rescheduled_at: datetime


@registry.register
class BookingAttended(_Outcome):
    type_name: ClassVar[str] = "peel.scheduling.booking.attended.v1"


@registry.register
class BookingNoShow(_Outcome):
    type_name: ClassVar[str] = "peel.scheduling.booking.no_show.v1"


@registry.register
class WaitlistPromoted(_EnquiryEvent):
    """The first on a full session's waitlist took a freed slot; the booking keeps the entry's id."""

    type_name: ClassVar[str] = "peel.scheduling.waitlist.promoted.v1"

    promoted_at: datetime


class _BookingOrPlace(Event):
    """A booking or a waitlist place (the booking it becomes when promoted keeps its id)."""

    aggregate_field: ClassVar[str] = "booking_id"

    booking_id: UUID
    session_id: UUID


@registry.register
class WaitlistJoined(_BookingOrPlace):
    type_name: ClassVar[str] = "peel.scheduling.waitlist.joined.v1"

    area: str
    topic_category: str
    joined_at: datetime


@registry.register
class WaitlistLeft(_BookingOrPlace):
    """The resident gave up their waitlist place through its link."""

    type_name: ClassVar[str] = "peel.scheduling.waitlist.left.v1"

    left_at: datetime


@registry.register
class BookingErased(_BookingOrPlace):
    """The booker's name, contact details, topic and notes were erased on request; the booking's facts stay."""

    type_name: ClassVar[str] = "peel.scheduling.booking.erased.v1"

    erased_at: datetime
