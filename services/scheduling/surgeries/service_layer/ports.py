"""The ports the surgery use cases need: repositories, a transaction that also stores events, a clock."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal, Protocol, Self

from peel.common.events import Event
from peel.scheduling.surgeries.domain.bookings import Booking, WaitlistEntry
from peel.scheduling.surgeries.domain.sessions import SurgerySession
from peel.scheduling.venues.service_layer.ports import Venues

Lock = Literal["share", "update"] | None
ContactKeys = tuple[str | None, str | None]
Intake = Literal["booked", "refused", "changed"]


class Sessions(Protocol):
    async def add(self, session: SurgerySession) -> None: ...

    async def get(self, tenant: str, session_id: uuid.UUID, lock: Lock = None) -> SurgerySession | None:
        """The tenant's session; ``None`` for another tenant's."""

    async def get_any(self, session_id: uuid.UUID, lock: Lock = None) -> SurgerySession | None:
        """Any tenant's session, for public pages that take the tenant from the resource."""

    async def of_tenant(self, tenant: str, since: date | None = None, until: date | None = None,
                        ) -> list[SurgerySession]:
        """Soonest first, held from ``since`` to ``until`` (days, both included) when given."""

    async def upcoming_public(self, tenant: str, now: datetime) -> list[SurgerySession]:
        """Public sessions not yet over, cancelled ones included, soonest first."""

    async def save(self, session: SurgerySession) -> None: ...


class Bookings(Protocol):
    async def add(self, booking: Booking) -> None:
        """``SlotTaken`` or ``AlreadyBooked`` when the database's unique indexes refuse it."""

    async def get(self, booking_id: uuid.UUID) -> Booking | None:
        """Any tenant's booking, locked for update."""

    async def session_of(self, booking_id: uuid.UUID) -> uuid.UUID | None: ...

    async def save(self, booking: Booking) -> None: ...

    async def of_session(self, session_id: uuid.UUID) -> list[Booking]: ...

    async def taken(self, session_ids: list[uuid.UUID]) -> dict[uuid.UUID, set[int]]:
        """The slots active bookings hold, per session."""

    async def has_booked(self, session_id: uuid.UUID, keys: ContactKeys) -> bool: ...

    async def purge_notes(self, default_cutoff: datetime, cutoffs: dict[str, datetime]) -> int:
        """Blank notes written before their tenant's cutoff; how many were blanked."""

    async def erase(self, booking_id: uuid.UUID, now: datetime) -> None:
        """Blank the booker, the topic and the notes of a booking or waitlist place."""


class Waitlist(Protocol):
    async def add(self, entry: WaitlistEntry) -> None: ...

    async def has_joined(self, session_id: uuid.UUID, keys: ContactKeys) -> bool: ...

    async def first(self, session_id: uuid.UUID) -> WaitlistEntry | None: ...

    async def promote(self, booking: Booking) -> None:
        """The entry becomes ``booking`` (same id); ``SlotTaken`` if the slot is held after all."""

    async def withdraw_all(self, session_id: uuid.UUID, now: datetime) -> int: ...

    async def of_session(self, session_id: uuid.UUID) -> list[WaitlistEntry]:
        """Those still waiting, first come first."""

    async def session_of(self, entry_id: uuid.UUID) -> uuid.UUID | None:
        """The session of a place (or of the booking it became), whatever its status."""

    async def place(self, entry_id: uuid.UUID, lock: bool = True) -> WaitlistEntry | None:
        """A place whatever became of it (``promoted`` once a booking), locked for update unless told not."""

    async def leave(self, entry: WaitlistEntry, by: str, now: datetime) -> None:
        """The waiting place is withdrawn."""

    async def position(self, entry: WaitlistEntry) -> int:
        """Where a waiting place stands in its queue: 1 is next."""


class BookingIntake(Protocol):
    """Bookings stored with their event in one statement, outside any unit of work."""

    async def known_session(self, session_id: uuid.UUID) -> SurgerySession | None:
        """The session as last read while scheduled, if it was: possibly stale, so writes check its version."""

    def forget(self, session_id: uuid.UUID) -> None: ...

    async def add_if_scheduled(self, booking: Booking, event: Event, version: int) -> Intake:
        """Store both if the session is still scheduled at ``version``: ``booked``; ``refused`` when the slot
        is taken; ``changed`` when the session has changed. A booker who holds a place in the session already
        raises ``AlreadyBooked``."""


class UnitOfWork(Protocol):
    venues: Venues
    sessions: Sessions
    bookings: Bookings
    waitlist: Waitlist

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    def emit(self, event: Event, tenant: str) -> None: ...

    async def commit(self) -> None: ...
