"""Request and response bodies of the surgery session API."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from peel.common.errors import FieldError, InvalidInput
from peel.common.working_days import LONDON
from peel.scheduling.http.fields import Area, Line, LocalTime
from peel.scheduling.surgeries.domain.sessions import DEFAULT_SLOT_MINUTES, Slot, Timetable, slot_id
from peel.scheduling.surgeries.service_layer.sessions import ScheduleSession, SessionListing
from peel.scheduling.venues.entrypoints.http.venue_schemas import VenuePublic

DEFAULT_HOST = "Police and Crime Commissioner"
# The scheduling API's names of timetable fields, and theirs in the surgeries API.
SURGERY_FIELDS = {"day": "starts_at", "starts": "starts_at", "ends": "ends_at", "policing_area": "area"}


class SessionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    host: Line = Field(description="Who holds the surgery, e.g. 'Police and Crime Commissioner' or a deputy")
    venue_id: uuid.UUID | None = Field(None, description="One of your venues; leave out for an online session")
    online: bool = Field(False, description="True for an online session (then no venue)")
    policing_area: Area | None = Field(None, description="For an online session; a venue's own area otherwise")
    day: date
    starts: LocalTime = Field(description="Local time in England and Wales, e.g. 10:00")
    ends: LocalTime = Field(description="Local time in England and Wales; the last slot ends by then")
    slot_minutes: int = Field(DEFAULT_SLOT_MINUTES, ge=5, le=240)
    buffer_minutes: int = Field(0, ge=0, le=120, description="Minutes between one slot and the next")
    public: bool = Field(True, description="Listed publicly; an unlisted session is booked through its link")

    def to_command(self, tenant: str) -> ScheduleSession:
        return ScheduleSession(
            tenant=tenant, host=self.host, venue_id=self.venue_id, online=self.online,
            policing_area=self.policing_area, public=self.public,
            timetable=Timetable(self.day, self.starts, self.ends, self.slot_minutes, self.buffer_minutes),
        )


class SurgeryCreate(BaseModel):
    """The surgeries API's shape of a session: two moments with offsets on one day in England and Wales."""

    model_config = ConfigDict(extra="forbid")

    area: Area | None = Field(None, description="The policing area: required online; a venue's own by default")
    venue_id: uuid.UUID | None = Field(None, description="One of your venues; null for an online session")
    online: bool = Field(False, description="True for an online session (then no venue)")
    starts_at: AwareDatetime = Field(description="With its offset, e.g. 2026-07-01T10:00:00+01:00")
    ends_at: AwareDatetime = Field(description="On the same day in England and Wales; the last slot ends by then")
    slot_minutes: int = Field(DEFAULT_SLOT_MINUTES, ge=5, le=240)
    host: Line = Field(DEFAULT_HOST, description="Who holds the surgery")
    buffer_minutes: int = Field(0, ge=0, le=120, description="Minutes between one slot and the next")
    public: bool = Field(True, description="Listed publicly; an unlisted session is booked through its link")

    @field_validator("starts_at", "ends_at")
    @classmethod
    def _this_millennium(cls, moment: datetime) -> datetime:
        if not 2000 < moment.year < 2999:  # far from the calendar's ends, where converting zones overflows
            raise ValueError("give a date between the years 2001 and 2998")
        return moment

    def to_command(self, tenant: str) -> ScheduleSession:
        if self.online and self.area is None:
            raise InvalidInput([FieldError(("area",), "an online surgery needs its policing area", "missing")])
        timetable = Timetable.between(self.starts_at, self.ends_at, self.slot_minutes, self.buffer_minutes)
        return ScheduleSession(tenant=tenant, host=self.host, venue_id=self.venue_id, online=self.online,
                               policing_area=self.area, public=self.public, timetable=timetable)


@contextmanager
def surgery_field_names() -> Iterator[None]:
    """Errors about the timetable name the surgeries API's fields (``starts_at``, ``ends_at``)."""
    try:
        yield
    except InvalidInput as error:
        raise InvalidInput([replace(e, location=(SURGERY_FIELDS.get(e.location[0], e.location[0]), *e.location[1:]))
                            for e in error.errors]) from error


class SessionCancel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Line = Field(description="Why the session is cancelled (kept for staff; not published)")


class SlotView(BaseModel):
    id: uuid.UUID = Field(description="The slot's stable id, to book it by (slot_id)")
    number: int
    starts_at: datetime = Field(description="With the UK offset of the day")
    ends_at: datetime

    @classmethod
    def of(cls, slot: Slot, session_id: uuid.UUID) -> SlotView:
        return cls(id=slot_id(session_id, slot.number), number=slot.number,
                   starts_at=slot.starts_at.astimezone(LONDON), ends_at=slot.ends_at.astimezone(LONDON))


class FreeSlot(SlotView):
    free: bool


class SessionSummary(BaseModel):
    """What anyone may see of a session: no one's personal data."""

    id: uuid.UUID
    tenant: str = Field(description="The office holding the surgery")
    host: str
    status: str
    online: bool
    venue: VenuePublic | None
    policing_area: str | None
    day: date
    starts_at: datetime
    ends_at: datetime
    slot_minutes: int
    slot_count: int
    free_slot_count: int

    @classmethod
    def of(cls, listing: SessionListing) -> SessionSummary:
        session, timetable = listing.session, listing.session.timetable
        return cls(
            id=session.id, tenant=session.tenant, host=session.host, status=session.status, online=session.place.online,
            venue=VenuePublic.of(listing.venue) if listing.venue else None,
            policing_area=session.place.policing_area, day=timetable.day,
            starts_at=timetable.starts_at.astimezone(LONDON), ends_at=timetable.ends_at.astimezone(LONDON),
            slot_minutes=timetable.slot_minutes, slot_count=len(session.slots), free_slot_count=len(listing.free),
        )


class SessionPublic(SessionSummary):
    slots: list[FreeSlot]

    @classmethod
    def of(cls, listing: SessionListing) -> SessionPublic:
        free = {slot.number for slot in listing.free}
        session = listing.session
        slots = [FreeSlot(**SlotView.of(slot, session.id).model_dump(), free=slot.number in free)
                 for slot in session.slots]
        return cls(**SessionSummary.of(listing).model_dump(), slots=slots)


class SessionStaffView(SessionPublic):
    public: bool
    buffer_minutes: int
    created_at: datetime
    cancelled_at: datetime | None
    cancel_reason: str | None
    version: int

    @classmethod
    def of(cls, listing: SessionListing) -> SessionStaffView:
        session = listing.session
        return cls(**SessionPublic.of(listing).model_dump(), public=session.public,
                   buffer_minutes=session.timetable.buffer_minutes, created_at=session.created_at,
                   cancelled_at=session.cancelled_at, cancel_reason=session.cancel_reason, version=session.version)

