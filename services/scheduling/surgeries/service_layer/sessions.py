"""Surgery session use cases: staff schedule, list, inspect and cancel; residents see the public ones."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from peel.common.errors import FieldError, InvalidInput, NotFound
from peel.scheduling.clock import Clock, utc_now
from peel.scheduling.surgeries.domain.bookings import Booking, BookingStatus, WaitlistEntry
from peel.scheduling.surgeries.domain.sessions import Place, Slot, SurgerySession, Timetable
from peel.scheduling.surgeries.service_layer.ports import Lock, UnitOfWork
from peel.scheduling.venues.domain.venues import Venue


@dataclass(frozen=True, slots=True)
class ScheduleSession:
    tenant: str
    host: str
    timetable: Timetable
    venue_id: uuid.UUID | None = None
    online: bool = False
    policing_area: str | None = None
    public: bool = True


@dataclass(frozen=True, slots=True)
class SessionListing:
    """A session with its venue (``None`` online) and the slots still free."""

    session: SurgerySession
    venue: Venue | None
    free: tuple[Slot, ...]


@dataclass(frozen=True, slots=True)
class SessionForStaff:
    listing: SessionListing
    bookings: list[Booking]
    waitlist: list[WaitlistEntry]


async def schedule_session(command: ScheduleSession, uow: UnitOfWork, clock: Clock = utc_now) -> SessionListing:
    async with uow:
        place = await _place(uow, command)
        session = SurgerySession.schedule(command.tenant, command.host, place, command.timetable,
                                          public=command.public, now=clock())
        await uow.sessions.add(session)
        uow.emit(session.scheduled(), command.tenant)
        [listing] = await _listings(uow, command.tenant, [session], clock)
        await uow.commit()
    return listing


async def list_sessions(tenant: str, uow: UnitOfWork, clock: Clock = utc_now, since: date | None = None,
                        until: date | None = None) -> list[SessionListing]:
    """The tenant's sessions, or only those held from ``since`` to ``until`` (both days included), so that a
    week's page need not read every session ever held."""
    if since and until and until < since:
        raise InvalidInput([FieldError(("to",), "is before from", "before_from")])
    async with uow:
        return await _listings(uow, tenant, await uow.sessions.of_tenant(tenant, since, until), clock)


async def get_session(tenant: str, session_id: uuid.UUID, uow: UnitOfWork,
                      clock: Clock = utc_now) -> SessionForStaff:
    async with uow:
        session = await tenants_session(uow, tenant, session_id)
        [listing] = await _listings(uow, tenant, [session], clock)
        return SessionForStaff(listing, await uow.bookings.of_session(session_id),
                               await uow.waitlist.of_session(session_id))


async def cancel_session(tenant: str, session_id: uuid.UUID, reason: str, uow: UnitOfWork,
                         clock: Clock = utc_now) -> SessionListing:
    """Cancel the session and every confirmed booking in it; its waitlist is withdrawn."""
    now = clock()
    async with uow:
        session = await tenants_session(uow, tenant, session_id, lock="update")
        session.require_scheduled()
        confirmed = [booking for booking in await uow.bookings.of_session(session_id)
                     if booking.status is BookingStatus.CONFIRMED]
        for booking in confirmed:
            uow.emit(booking.cancel("session_cancelled", now), tenant)
            await uow.bookings.save(booking)
        await uow.waitlist.withdraw_all(session_id, now)
        uow.emit(session.cancel(reason, now, len(confirmed)), tenant)
        await uow.sessions.save(session)
        [listing] = await _listings(uow, tenant, [session], clock)
        await uow.commit()
    return listing


async def public_sessions(tenant: str, uow: UnitOfWork, clock: Clock = utc_now) -> list[SessionListing]:
    """The tenant's public sessions not yet over, cancelled ones included so that calendars can drop them."""
    async with uow:
        return await _listings(uow, tenant, await uow.sessions.upcoming_public(tenant, clock()), clock)


async def public_session(session_id: uuid.UUID, uow: UnitOfWork, clock: Clock = utc_now) -> SessionListing:
    async with uow:
        session = await any_session(uow, session_id)
        [listing] = await _listings(uow, session.tenant, [session], clock)
        return listing


async def tenants_session(uow: UnitOfWork, tenant: str, session_id: uuid.UUID,
                          lock: Lock = None) -> SurgerySession:
    session = await uow.sessions.get(tenant, session_id, lock)
    if session is None:
        raise NotFound(f"no surgery session {session_id}")
    return session


async def any_session(uow: UnitOfWork, session_id: uuid.UUID, lock: Lock = None) -> SurgerySession:
    session = await uow.sessions.get_any(session_id, lock)
    if session is None:
        raise NotFound(f"no surgery session {session_id}")
    return session


async def _listings(uow: UnitOfWork, tenant: str, sessions: list[SurgerySession],
                    clock: Clock) -> list[SessionListing]:
    now = clock()
    venues = {venue.id: venue for venue in await uow.venues.of_tenant(tenant)}
    taken = await uow.bookings.taken([session.id for session in sessions])
    return [SessionListing(session, venues.get(session.place.venue_id),  # type: ignore[arg-type]
                           session.free_slots(taken.get(session.id, set()), now)) for session in sessions]


async def _place(uow: UnitOfWork, command: ScheduleSession) -> Place:
    if command.online == (command.venue_id is not None):
        raise InvalidInput([FieldError(("venue_id",), "give a venue, or online: true for an online session "
                                                      "(one or the other)", "venue_or_online")])
    if command.venue_id is None:
        return Place(None, True, command.policing_area)
    venue = await uow.venues.get(command.tenant, command.venue_id)
    if venue is None:
        raise InvalidInput([FieldError(("venue_id",), f"no venue {command.venue_id}", "unknown_venue")])
    return Place(venue.id, False, command.policing_area or venue.details.policing_area)
