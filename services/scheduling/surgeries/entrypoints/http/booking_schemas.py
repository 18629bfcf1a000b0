"""Request and response bodies of bookings and the waitlist: the public forms and the staff views."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Annotated, Literal, Self

from email_validator import SPECIAL_USE_DOMAIN_NAMES
from fastapi import Response
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema, field_validator
from pydantic.networks import validate_email

from peel.common.errors import FieldError, InvalidInput
from peel.common.postcodes import district_only
from peel.scheduling.http.fields import Area, Line, Phone
from peel.scheduling.http.link_forms import LinkForm
from peel.scheduling.surgeries.domain.bookings import (
    Booker,
    Booking,
    BookingStatus,
    Enquiry,
    PlaceStatus,
    TopicCategory,
    WaitlistEntry,
)
from peel.scheduling.surgeries.domain.links import LinkKey, booking_paths, waitlist_paths
from peel.scheduling.surgeries.domain.sessions import SlotChoice
from peel.scheduling.surgeries.domain.triage import GUIDANCE, Route, Triage
from peel.scheduling.surgeries.entrypoints.http.session_schemas import SessionStaffView, SlotView
from peel.scheduling.surgeries.service_layer.bookings import BookSlot, LinkedBooking
from peel.scheduling.surgeries.service_layer.erasure import Erased
from peel.scheduling.surgeries.service_layer.sessions import SessionForStaff

# The everyday address (a dot-atom local part, a lower-case ASCII domain ending in letters) needs no parser: it
# is valid and already normalised; anything else goes to email-validator, as pydantic's EmailStr would.
_PLAIN_EMAIL = re.compile(r"([A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)@"
                          r"((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,63}))")
_SPECIAL_USE = frozenset(SPECIAL_USE_DOMAIN_NAMES)


def email_address(value: str) -> str:
    """``value`` if it is a plain address; else what email-validator makes of it, or its 422."""
    plain = _PLAIN_EMAIL.fullmatch(value) if len(value) <= 254 else None
    if plain and len(plain[1]) <= 64 and "--" not in plain[2] and plain[3] not in _SPECIAL_USE:
        return value
    return validate_email(value)[1]


Email = Annotated[str, AfterValidator(email_address), WithJsonSchema({"type": "string", "format": "email"})]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TriageBody(_Body):
    """Answered before booking: each question needs an answer."""

    emergency: bool = Field(description="Is anyone in danger, or is a crime happening now?")
    complaint_about_officer: bool = Field(description="Is it a complaint about a police officer or staff member?")
    victim_of_crime: bool = Field(description="Are you a victim of crime?")

    def to_domain(self) -> Triage:
        return Triage(self.emergency, self.complaint_about_officer, self.victim_of_crime)


class WaitlistCreate(_Body):
    name: Line
    email: Email | None = Field(None, description="An email address, a phone number, or both")
    phone: Phone | None = None
    area: Area | None = Field(None, description="Your town, ward or postcode district (e.g. CW1), not the full "
                                                "postcode; the session's policing area if left out")
    topic_category: TopicCategory = TopicCategory.OTHER
    topic: str = Field(min_length=1, max_length=1000, description="What you would like to raise")
    triage: TriageBody

    _district_only = field_validator("area")(district_only)

    def to_enquiry(self) -> Enquiry:
        routes = self.triage.to_domain().routes()  # an emergency is refused before anything else
        return Enquiry(Booker(self.name, str(self.email) if self.email else None, self.phone), self.area,
                       self.topic_category, self.topic.strip(), routes)


def slot_choice(slot_id: uuid.UUID | None, slot: int | None) -> SlotChoice:
    """The slot's id or its number: exactly one of them."""
    if (slot_id is None) == (slot is None):
        raise InvalidInput([FieldError(("slot_id",), "give the slot's id (or its number as slot), one of them",
                                       "slot_id_or_slot")])
    return slot if slot_id is None else slot_id


class BookingCreate(WaitlistCreate):
    slot_id: uuid.UUID | None = Field(None, description="The slot's id (GET /v1/public/surgeries/{id})")
    slot: int | None = Field(None, ge=0, le=1000, description="Or the slot's number, instead of its id")

    def to_command(self, session_id: uuid.UUID) -> BookSlot:
        enquiry = self.to_enquiry()  # an emergency is refused before anything else
        return BookSlot(session_id, slot_choice(self.slot_id, self.slot), enquiry)


class Reschedule(LinkForm):
    slot_id: uuid.UUID | None = Field(None, description="The free slot to move to, by its id")
    slot: int | None = Field(None, ge=0, le=1000, description="Or its number, instead of its id")

    def choice(self) -> SlotChoice:
        return slot_choice(self.slot_id, self.slot)


class Attendance(_Body):
    outcome: Literal["attended", "no_show"]


class Notes(_Body):
    notes: str = Field(min_length=1, max_length=10_000, description="Confidential; kept for the retention period")


class Guidance(BaseModel):
    route: Route
    text: str

    @classmethod
    def all_of(cls, routes: tuple[Route, ...]) -> list[Guidance]:
        return [cls.model_construct(route=route, text=GUIDANCE[route].en) for route in routes]  # ours: valid


class BookingLinks(BaseModel):
    booking: str
    cancel: str
    reschedule: str
    calendar: str

    @classmethod
    def of(cls, booking_id: uuid.UUID, token: str) -> BookingLinks:
        return cls.model_construct(**booking_paths(booking_id, token))  # of our own making: nothing to validate


class WaitlistLinks(BaseModel):
    place: str
    leave: str


class BookingPublic(BaseModel):
    """What the booking's link shows: no personal data, in case the link is passed on."""

    id: uuid.UUID
    tenant: str = Field(description="The office holding the surgery, whose pages show the booking")
    session_id: uuid.UUID
    status: BookingStatus
    slot_id: uuid.UUID
    slot: SlotView
    host: str
    online: bool
    from_waitlist: bool

    @classmethod
    def of(cls, linked: LinkedBooking, **more: object) -> Self:
        booking, session = linked.booking, linked.session
        slot = SlotView.of(booking.slot, booking.session_id)
        return cls(id=booking.id, tenant=booking.tenant, session_id=booking.session_id, status=booking.status,
                   slot_id=slot.id, slot=slot, host=session.host, online=session.place.online,
                   from_waitlist=booking.from_waitlist, **more)


class BookingConfirmation(BookingPublic):
    token: str = Field(description="Keep it: with it you can cancel, reschedule or get the calendar file")
    links: BookingLinks
    guidance: list[Guidance] = Field(description="Where your triage answers point you, besides the surgery")

    @classmethod
    def of_new(cls, linked: LinkedBooking, links: LinkKey) -> BookingConfirmation:
        booking = linked.booking
        token = links.token(booking.tenant, booking.id)
        return cls.of(linked, token=token, links=BookingLinks.of(booking.id, token),
                      guidance=Guidance.all_of(booking.enquiry.routes))

    def sent(self, status_code: int) -> Response:
        """The confirmation as it goes out, for the busiest route: FastAPI need not check and dump it again."""
        return Response(self.model_dump_json(), status_code, media_type="application/json")


class WaitlistConfirmation(BaseModel):
    id: uuid.UUID = Field(description="Promoted, you get a booking with this id, opened by the same token")
    session_id: uuid.UUID
    status: Literal["waiting"] = "waiting"
    token: str
    links: WaitlistLinks
    joined_at: datetime
    guidance: list[Guidance]

    @classmethod
    def of(cls, entry: WaitlistEntry, links: LinkKey) -> WaitlistConfirmation:
        token = links.token(entry.tenant, entry.id)
        return cls(id=entry.id, session_id=entry.session_id, token=token,
                   links=WaitlistLinks(**waitlist_paths(entry.id, token)), joined_at=entry.joined_at,
                   guidance=Guidance.all_of(entry.enquiry.routes))


class WaitlistPlace(BaseModel):
    """What a waitlist place's link shows: no personal data."""

    id: uuid.UUID = Field(description="Promoted, the booking has this id and opens with the same token")
    tenant: str = Field(description="The office holding the surgery, whose pages show the place")
    session_id: uuid.UUID
    status: PlaceStatus
    joined_at: datetime
    position: int | None = Field(description="1 is next for a freed slot; only while waiting")

    @classmethod
    def of(cls, entry: WaitlistEntry, position: int | None = None) -> WaitlistPlace:
        return cls(id=entry.id, tenant=entry.tenant, session_id=entry.session_id, status=entry.status,
                   joined_at=entry.joined_at, position=position)


class ErasedView(BaseModel):
    """What is left to say of a booking or waitlist place whose personal data was erased."""

    id: uuid.UUID
    session_id: uuid.UUID
    status: str = Field(description="The booking's status (cancelled first if its slot was still to come), or "
                                    "withdrawn for a waitlist place")
    erased_at: datetime

    @classmethod
    def of(cls, erased: Erased) -> ErasedView:
        return cls(id=erased.id, session_id=erased.session_id, status=erased.status, erased_at=erased.erased_at)


class EnquiryView(BaseModel):
    name: str | None = Field(description="None once erased, as are the contact details and the topic")
    email: str | None
    phone: str | None
    area: str
    topic_category: TopicCategory
    topic: str | None
    routes: list[Route]

    @classmethod
    def of(cls, enquiry: Enquiry) -> EnquiryView:
        booker = enquiry.booker
        name, email, phone = (booker.name, booker.email, booker.phone) if booker else (None, None, None)  # erased
        return cls(name=name, email=email, phone=phone, area=enquiry.area, topic_category=enquiry.topic_category,
                   topic=enquiry.topic, routes=list(enquiry.routes))


class BookingStaffView(BaseModel):
    id: uuid.UUID
    session_id: uuid.UUID
    status: BookingStatus
    slot: SlotView
    enquiry: EnquiryView
    from_waitlist: bool
    confirmed_at: datetime
    cancelled_at: datetime | None
    cancelled_by: str | None
    attendance_recorded_at: datetime | None
    erased_at: datetime | None = Field(description="When the booker's personal data was erased on request")

    @classmethod
    def of(cls, booking: Booking) -> BookingStaffView:
        return cls(id=booking.id, session_id=booking.session_id, status=booking.status,
                   slot=SlotView.of(booking.slot, booking.session_id), enquiry=EnquiryView.of(booking.enquiry),
                   from_waitlist=booking.from_waitlist, confirmed_at=booking.confirmed_at,
                   cancelled_at=booking.cancelled_at, cancelled_by=booking.cancelled_by,
                   attendance_recorded_at=booking.attendance_recorded_at, erased_at=booking.erased_at)


class BookingWithNotes(BookingStaffView):
    """For staff who may write notes; other roles get ``BookingStaffView``, without them."""

    notes: str | None
    notes_recorded_at: datetime | None

    @classmethod
    def of(cls, booking: Booking) -> BookingWithNotes:
        return cls(**BookingStaffView.of(booking).model_dump(), notes=booking.notes,
                   notes_recorded_at=booking.notes_recorded_at)


def staff_view(booking: Booking, with_notes: bool) -> BookingStaffView:
    return BookingWithNotes.of(booking) if with_notes else BookingStaffView.of(booking)


class WaitlistView(BaseModel):
    id: uuid.UUID
    enquiry: EnquiryView
    joined_at: datetime

    @classmethod
    def of(cls, entry: WaitlistEntry) -> WaitlistView:
        return cls(id=entry.id, enquiry=EnquiryView.of(entry.enquiry), joined_at=entry.joined_at)


class SessionDetail(SessionStaffView):
    bookings: list[BookingWithNotes | BookingStaffView]
    waitlist: list[WaitlistView]

    @classmethod
    def of_staff(cls, found: SessionForStaff, with_notes: bool) -> SessionDetail:
        return cls(**SessionStaffView.of(found.listing).model_dump(),
                   bookings=[staff_view(booking, with_notes) for booking in found.bookings],
                   waitlist=[WaitlistView.of(entry) for entry in found.waitlist])
