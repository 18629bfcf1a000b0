"""Surgery sessions, bookings and waitlist places in memory, refusing what the database's unique indexes refuse:
two active bookings of one slot, and two places (booked or waiting) for one person in one session."""

from __future__ import annotations

import copy
import uuid
from dataclasses import replace
from datetime import date, datetime

from peel.common.events import Event
from peel.scheduling.surgeries.domain.bookings import (
    AlreadyBooked,
    Booking,
    PlaceStatus,
    SlotTaken,
    WaitlistEntry,
)
from peel.scheduling.surgeries.domain.sessions import SessionStatus, SurgerySession
from peel.scheduling.surgeries.service_layer.ports import ContactKeys, Intake, Lock
from tests.unit.scheduling_fakes import FakeTransaction
from tests.unit.scheduling_fakes.venues import FakeVenues


class FakeSessions:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, SurgerySession] = {}

    async def add(self, session: SurgerySession) -> None:
        self.rows[session.id] = copy.deepcopy(session)

    async def get(self, tenant: str, session_id: uuid.UUID, lock: Lock = None) -> SurgerySession | None:
        found = await self.get_any(session_id)
        return found if found and found.tenant == tenant else None

    async def get_any(self, session_id: uuid.UUID, lock: Lock = None) -> SurgerySession | None:
        return copy.deepcopy(self.rows.get(session_id))

    async def of_tenant(self, tenant: str, since: date | None = None, until: date | None = None,
                        ) -> list[SurgerySession]:
        return self._soonest_first(s for s in self.rows.values() if s.tenant == tenant
                                   and (since is None or s.timetable.day >= since)
                                   and (until is None or s.timetable.day <= until))

    async def upcoming_public(self, tenant: str, now: datetime) -> list[SurgerySession]:
        return self._soonest_first(s for s in self.rows.values()
                                   if s.tenant == tenant and s.public and s.timetable.ends_at > now)

    async def save(self, session: SurgerySession) -> None:
        self.rows[session.id] = copy.deepcopy(session)

    def held_at(self, venue_id: uuid.UUID) -> bool:
        return any(s.place.venue_id == venue_id for s in self.rows.values())

    @staticmethod
    def _soonest_first(sessions) -> list[SurgerySession]:
        return [copy.deepcopy(s) for s in sorted(sessions, key=lambda s: (s.timetable.starts_at, s.id))]


class FakeRows:
    """One table of bookings and waitlist places, as in the database: a promoted place is its booking."""

    def __init__(self) -> None:
        self.bookings: dict[uuid.UUID, Booking] = {}
        self.places: dict[uuid.UUID, WaitlistEntry] = {}

    def refuse(self, booking: Booking | WaitlistEntry, slot: int | None) -> None:
        """``SlotTaken`` or ``AlreadyBooked`` where a unique index of the real table would refuse the row."""
        others = [b for b in self.bookings.values() if b.session_id == booking.session_id and b.id != booking.id
                  and b.active]
        if slot is not None and any(b.slot.number == slot for b in others):
            raise SlotTaken(slot)
        waiting = [p for p in self.places.values() if p.session_id == booking.session_id and p.id != booking.id
                   and p.status is PlaceStatus.WAITING]
        if any(_same_person(booking, held) for held in [*others, *waiting]):
            raise AlreadyBooked()


def _keys(held: Booking | WaitlistEntry) -> ContactKeys:
    booker = held.enquiry.booker
    return booker.keys if booker else (None, None)


def _same_person(held: Booking | WaitlistEntry, other: Booking | WaitlistEntry | ContactKeys) -> bool:
    mine, theirs = _keys(held), other if isinstance(other, tuple) else _keys(other)
    return any(key is not None and key == their for key, their in zip(mine, theirs, strict=True))


class FakeBookings:
    def __init__(self, rows: FakeRows) -> None:
        self._rows = rows

    async def add(self, booking: Booking) -> None:
        self._rows.refuse(booking, booking.slot.number)
        self._rows.bookings[booking.id] = copy.deepcopy(booking)

    async def get(self, booking_id: uuid.UUID) -> Booking | None:
        return copy.deepcopy(self._rows.bookings.get(booking_id))

    async def session_of(self, booking_id: uuid.UUID) -> uuid.UUID | None:
        found = self._rows.bookings.get(booking_id)
        return found.session_id if found else None

    async def save(self, booking: Booking) -> None:
        if booking.active:
            self._rows.refuse(booking, booking.slot.number)
        self._rows.bookings[booking.id] = copy.deepcopy(booking)

    async def of_session(self, session_id: uuid.UUID) -> list[Booking]:
        found = [b for b in self._rows.bookings.values() if b.session_id == session_id]
        return [copy.deepcopy(b) for b in sorted(found, key=lambda b: (b.slot.number, b.confirmed_at))]

    async def taken(self, session_ids: list[uuid.UUID]) -> dict[uuid.UUID, set[int]]:
        taken: dict[uuid.UUID, set[int]] = {}
        for booking in self._rows.bookings.values():
            if booking.session_id in session_ids and booking.active:
                taken.setdefault(booking.session_id, set()).add(booking.slot.number)
        return taken

    async def has_booked(self, session_id: uuid.UUID, keys: ContactKeys) -> bool:
        return any(b.session_id == session_id and b.active and _same_person(b, keys)
                   for b in self._rows.bookings.values())

    async def purge_notes(self, default_cutoff: datetime, cutoffs: dict[str, datetime]) -> int:
        expired = [b for b in self._rows.bookings.values() if b.notes is not None
                   and b.notes_recorded_at < cutoffs.get(b.tenant, default_cutoff)]
        for booking in expired:
            booking.notes, booking.notes_recorded_at = None, None
        return len(expired)

    async def erase(self, booking_id: uuid.UUID, now: datetime) -> None:
        if booking_id in self._rows.bookings:
            booking = self._rows.bookings[booking_id]
            booking.enquiry, booking.notes, booking.notes_recorded_at = booking.enquiry.erased(), None, None
            booking.erased_at = now
        if booking_id in self._rows.places:
            place = self._rows.places[booking_id]
            self._rows.places[booking_id] = replace(place, enquiry=place.enquiry.erased(), erased_at=now)


class FakeWaitlist:
    def __init__(self, rows: FakeRows) -> None:
        self._rows = rows

    async def add(self, entry: WaitlistEntry) -> None:
        self._rows.refuse(entry, None)
        self._rows.places[entry.id] = entry

    async def has_joined(self, session_id: uuid.UUID, keys: ContactKeys) -> bool:
        return any(p.session_id == session_id and p.status is PlaceStatus.WAITING and _same_person(p, keys)
                   for p in self._rows.places.values())

    async def first(self, session_id: uuid.UUID) -> WaitlistEntry | None:
        return next(iter(await self.of_session(session_id)), None)

    async def promote(self, booking: Booking) -> None:
        self._rows.refuse(booking, booking.slot.number)
        self._rows.places[booking.id] = replace(self._rows.places[booking.id], status=PlaceStatus.PROMOTED)
        self._rows.bookings[booking.id] = copy.deepcopy(booking)

    async def withdraw_all(self, session_id: uuid.UUID, now: datetime) -> int:
        waiting = await self.of_session(session_id)
        for entry in waiting:
            self._rows.places[entry.id] = replace(entry, status=PlaceStatus.WITHDRAWN)
        return len(waiting)

    async def of_session(self, session_id: uuid.UUID) -> list[WaitlistEntry]:
        waiting = [p for p in self._rows.places.values()
                   if p.session_id == session_id and p.status is PlaceStatus.WAITING]
        return sorted(waiting, key=lambda p: (p.joined_at, p.id))

    async def session_of(self, entry_id: uuid.UUID) -> uuid.UUID | None:
        found = self._rows.places.get(entry_id) or self._rows.bookings.get(entry_id)
        return found.session_id if found else None

    async def place(self, entry_id: uuid.UUID, lock: bool = True) -> WaitlistEntry | None:
        return self._rows.places.get(entry_id)

    async def leave(self, entry: WaitlistEntry, by: str, now: datetime) -> None:
        self._rows.places[entry.id] = replace(entry, status=PlaceStatus.WITHDRAWN)

    async def position(self, entry: WaitlistEntry) -> int:
        return [p.id for p in await self.of_session(entry.session_id)].index(entry.id) + 1


def fake_surgery_work() -> FakeTransaction:
    """A unit of work over venues, sessions, bookings and the waitlist; venues with sessions are in use."""
    sessions, rows = FakeSessions(), FakeRows()
    return FakeTransaction(venues=FakeVenues(sessions.held_at), sessions=sessions, rows=rows,
                           bookings=FakeBookings(rows), waitlist=FakeWaitlist(rows))


class FakeIntake:
    """The one-statement path over a fake unit of work's rows, checking what the real statement checks."""

    def __init__(self, uow: FakeTransaction) -> None:
        self._uow = uow
        self.known: dict[uuid.UUID, SurgerySession] = {}

    async def known_session(self, session_id: uuid.UUID) -> SurgerySession | None:
        session = self.known.get(session_id) or await self._uow.sessions.get_any(session_id)
        if session is not None:
            self.known[session_id] = session
        return session

    def forget(self, session_id: uuid.UUID) -> None:
        self.known.pop(session_id, None)

    async def add_if_scheduled(self, booking: Booking, event: Event, version: int) -> Intake:
        return (await self.add_or_held(booking, event, version))[0]

    async def add_or_held(self, booking: Booking, event: Event, version: int) -> tuple[Intake, set[int]]:
        stored = self._uow.sessions.rows[booking.session_id]
        if stored.version != version or stored.status is not SessionStatus.SCHEDULED:
            return "changed", set()
        held = (await self._uow.bookings.taken([booking.session_id])).get(booking.session_id, set())
        if booking.slot.number in held:
            return "refused", held
        await self._uow.bookings.add(booking)
        self._uow.published.append((event, booking.tenant))
        return "booked", set()
