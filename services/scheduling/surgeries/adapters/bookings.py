"""Bookings and waitlists in PostgreSQL; the database's unique indexes forbid double booking.

A waitlist place is a row of ``surgery_bookings`` with status ``waiting`` and no slot; promoted, the
same row becomes a confirmed booking, so one person holds one place per session, waiting or booked.
Erased on request, a row keeps its facts with no name, contact, topic or notes (``erased_at`` set).
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

import asyncpg

from peel.common.events import Event
from peel.common.outbox import Outbox
from peel.scheduling.messages.domain.messages import Cause, Reminders, asked_by
from peel.scheduling.surgeries.adapters.sessions import PostgresSessions
from peel.scheduling.surgeries.domain.bookings import (
    AlreadyBooked,
    Booker,
    Booking,
    BookingStatus,
    Enquiry,
    PlaceStatus,
    SlotTaken,
    TopicCategory,
    WaitlistEntry,
)
from peel.scheduling.surgeries.domain.sessions import SessionStatus, Slot, SurgerySession
from peel.scheduling.surgeries.domain.triage import Route
from peel.scheduling.surgeries.service_layer.ports import ContactKeys, Intake

DEFAULT_REMINDERS = Reminders()
ENQUIRY = "name, email, phone, email_key, phone_key, area, topic_category, topic, routes"
BOOKING = (f"id, tenant, session_id, slot, slot_starts_at, slot_ends_at, status, {ENQUIRY}, from_waitlist, "
           "confirmed_at, cancelled_at, cancelled_by, attendance_recorded_at, notes, notes_recorded_at, version")
WAITLIST = f"id, tenant, session_id, {ENQUIRY}, joined_at"
STORED = f"{BOOKING}, erased_at"  # as read back: the one-statement insert leaves erased_at out
PLACE = f"{WAITLIST}, status, erased_at"
BOOKING_TYPES = ("uuid, text, uuid, int, timestamptz, timestamptz, text, text, text, text, text, text, text, text, "
                 "text, text[], boolean, timestamptz, timestamptz, text, timestamptz, text, timestamptz, int")
OUTBOX_TYPES = "uuid, text, text, text, text, bytea, text"
ACTIVE = "status IN ('confirmed', 'attended', 'no_show')"
# A booking, its event and the emails it calls for in one statement: only while the session is still
# scheduled at the version its slot was checked against (the lock orders it against a cancellation), and
# only if the slot is free: the slot's index refuses quietly, the one-per-person indexes with an error.
ADD_IF_SCHEDULED = f"""
WITH live AS (
    SELECT id FROM surgery_sessions WHERE id = $3 AND version = $32 AND status = 'scheduled' FOR KEY SHARE
), booked AS (
    INSERT INTO surgery_bookings ({BOOKING})
    SELECT {", ".join(f"${n}::{kind}" for n, kind in enumerate(BOOKING_TYPES.split(", "), 1))} FROM live
    ON CONFLICT (session_id, slot) WHERE {ACTIVE} DO NOTHING RETURNING id
), event AS (
    INSERT INTO outbox (event_id, topic, message_key, event_type, tenant, payload, traceparent)
    SELECT {", ".join(f"${n}::{kind}" for n, kind in enumerate(OUTBOX_TYPES.split(", "), 25))} FROM booked
), emails AS (
    INSERT INTO scheduling_messages (cause, tenant, kind, about_id, next_attempt_at)
    SELECT $25::uuid::text, $2::text, asked.kind, $1::uuid, coalesce(asked.due, now())
    FROM booked CROSS JOIN unnest($33::text[], $34::timestamptz[]) AS asked (kind, due)
)
SELECT EXISTS (SELECT FROM live) AS live, EXISTS (SELECT FROM booked) AS booked,
       CASE WHEN NOT EXISTS (SELECT FROM booked) THEN ARRAY (SELECT slot FROM surgery_bookings
                                                             WHERE session_id = $3 AND {ACTIVE}) END AS held
"""
BOOKED = "status NOT IN ('waiting', 'withdrawn')"
SAME_PERSON = "session_id = $1 AND (email_key = $2 OR phone_key = $3)"


class PostgresBookings:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, booking: Booking) -> None:
        try:
            await self._connection.execute(
                f"INSERT INTO surgery_bookings ({BOOKING}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
                "$12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)",
                *_values(booking))
        except asyncpg.UniqueViolationError as error:
            raise _refusal(error, booking.slot.number) from error

    async def get(self, booking_id: uuid.UUID) -> Booking | None:
        row = await self._connection.fetchrow(
            f"SELECT {STORED} FROM surgery_bookings WHERE id = $1 AND {BOOKED} FOR UPDATE", booking_id)
        return _booking(row) if row else None

    async def session_of(self, booking_id: uuid.UUID) -> uuid.UUID | None:
        return await self._connection.fetchval(
            f"SELECT session_id FROM surgery_bookings WHERE id = $1 AND {BOOKED}", booking_id)

    async def save(self, booking: Booking) -> None:
        try:
            await self._connection.execute(
                "UPDATE surgery_bookings SET slot = $2, slot_starts_at = $3, slot_ends_at = $4, status = $5, "
                "cancelled_at = $6, cancelled_by = $7, attendance_recorded_at = $8, notes = $9, "
                "notes_recorded_at = $10, version = $11 WHERE id = $1",
                booking.id, *_slot(booking.slot), booking.status.value, *_changes(booking),
            )
        except asyncpg.UniqueViolationError as error:
            raise _refusal(error, booking.slot.number) from error

    async def of_session(self, session_id: uuid.UUID) -> list[Booking]:
        rows = await self._connection.fetch(
            f"SELECT {STORED} FROM surgery_bookings WHERE session_id = $1 AND {BOOKED} ORDER BY slot, confirmed_at",
            session_id)
        return [_booking(row) for row in rows]

    async def taken(self, session_ids: list[uuid.UUID]) -> dict[uuid.UUID, set[int]]:
        rows = await self._connection.fetch(
            f"SELECT session_id, array_agg(slot) AS slots FROM surgery_bookings "
            f"WHERE session_id = ANY($1) AND {ACTIVE} GROUP BY session_id", session_ids)
        return {row["session_id"]: set(row["slots"]) for row in rows}

    async def has_booked(self, session_id: uuid.UUID, keys: ContactKeys) -> bool:
        return await self._connection.fetchval(
            f"SELECT EXISTS (SELECT 1 FROM surgery_bookings WHERE {SAME_PERSON} AND {ACTIVE})", session_id, *keys)

    async def purge_notes(self, default_cutoff: datetime, cutoffs: dict[str, datetime]) -> int:
        tenants, tenant_cutoffs = list(cutoffs), list(cutoffs.values())
        purged = await self._connection.fetch(
            "UPDATE surgery_bookings b SET notes = NULL, notes_recorded_at = NULL, version = b.version + 1 "
            "FROM (SELECT b2.id, coalesce(c.cutoff, $1) AS cutoff FROM surgery_bookings b2 "
            "      LEFT JOIN unnest($2::text[], $3::timestamptz[]) AS c (tenant, cutoff) ON c.tenant = b2.tenant "
            "      WHERE b2.notes IS NOT NULL) expiring "
            "WHERE b.id = expiring.id AND b.notes_recorded_at < expiring.cutoff RETURNING b.id",
            default_cutoff, tenants, tenant_cutoffs,
        )
        return len(purged)

    async def erase(self, booking_id: uuid.UUID, now: datetime) -> None:
        await self._connection.execute(
            "UPDATE surgery_bookings SET name = NULL, email = NULL, phone = NULL, email_key = NULL, phone_key = NULL, "
            "topic = NULL, notes = NULL, notes_recorded_at = NULL, erased_at = $2, version = version + 1 "
            "WHERE id = $1", booking_id, now)


class PostgresBookingIntake:
    """Bookings stored with their event in one statement, outside any unit of work, into the sessions last
    read while scheduled (possibly stale: the statement checks the version). One per app."""

    def __init__(self, pool: Callable[[], asyncpg.Pool], outbox: Outbox, reminders: Reminders = DEFAULT_REMINDERS, *,
                 kept: int = 256) -> None:
        self._pool, self.outbox, self._reminders, self._kept = pool, outbox, reminders, kept
        self._known: OrderedDict[uuid.UUID, SurgerySession] = OrderedDict()

    async def known_session(self, session_id: uuid.UUID) -> SurgerySession | None:
        session = self._known.get(session_id) or await PostgresSessions(self._pool()).get_any(session_id)
        if session is not None and session.status is SessionStatus.SCHEDULED:
            self._known[session_id] = session
            self._known.move_to_end(session_id)
            if len(self._known) > self._kept:
                self._known.popitem(last=False)
        return session

    def forget(self, session_id: uuid.UUID) -> None:
        self._known.pop(session_id, None)

    async def add_if_scheduled(self, booking: Booking, event: Event, version: int) -> Intake:
        return (await self.add_or_held(booking, event, version))[0]

    async def add_or_held(self, booking: Booking, event: Event, version: int) -> tuple[Intake, set[int]]:
        """As ``add_if_scheduled``, with the session's slots that the statement saw held when refused (the slot
        is taken then, even if by a booking that committed too late for the statement to see it)."""
        stored = self.outbox.row(event, booking.tenant)
        emails = asked_by(Cause(str(stored[0]), booking.tenant, event), self._reminders).send
        try:
            row = await self._pool().fetchrow(ADD_IF_SCHEDULED, *_values(booking), *stored, version,
                                              [email.kind.value for email in emails],
                                              [email.due_at for email in emails])
        except asyncpg.UniqueViolationError as error:
            raise _refusal(error, booking.slot.number) from error
        held = set(row["held"] or ())
        return ("booked" if row["booked"] else "refused" if row["live"] else "changed"), held


class PostgresWaitlist:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, entry: WaitlistEntry) -> None:
        try:
            await self._connection.execute(
                f"INSERT INTO surgery_bookings (status, from_waitlist, {WAITLIST}) VALUES ('waiting', true, $1, $2, "
                "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                entry.id, entry.tenant, entry.session_id, *_enquiry(entry.enquiry), entry.joined_at,
            )
        except asyncpg.UniqueViolationError as error:
            raise AlreadyBooked() from error

    async def has_joined(self, session_id: uuid.UUID, keys: ContactKeys) -> bool:
        return await self._connection.fetchval(
            f"SELECT EXISTS (SELECT 1 FROM surgery_bookings WHERE {SAME_PERSON} AND status = 'waiting')",
            session_id, *keys)

    async def first(self, session_id: uuid.UUID) -> WaitlistEntry | None:
        row = await self._connection.fetchrow(
            f"SELECT {WAITLIST} FROM surgery_bookings WHERE session_id = $1 AND status = 'waiting' "
            "ORDER BY joined_at, id LIMIT 1 FOR UPDATE", session_id)
        return _entry(row) if row else None

    async def promote(self, booking: Booking) -> None:
        """The waiting row becomes the booking: its slot, status and confirmation."""
        try:
            await self._connection.execute(
                "UPDATE surgery_bookings SET slot = $2, slot_starts_at = $3, slot_ends_at = $4, status = $5, "
                "confirmed_at = $6, version = version + 1 WHERE id = $1 AND status = 'waiting'",
                booking.id, *_slot(booking.slot), booking.status.value, booking.confirmed_at,
            )
        except asyncpg.UniqueViolationError as error:
            raise _refusal(error, booking.slot.number) from error

    async def withdraw_all(self, session_id: uuid.UUID, now: datetime) -> int:
        withdrawn = await self._connection.fetch(
            "UPDATE surgery_bookings SET status = 'withdrawn', cancelled_at = $2, cancelled_by = 'session_cancelled' "
            "WHERE session_id = $1 AND status = 'waiting' RETURNING id", session_id, now)
        return len(withdrawn)

    async def of_session(self, session_id: uuid.UUID) -> list[WaitlistEntry]:
        rows = await self._connection.fetch(
            f"SELECT {WAITLIST} FROM surgery_bookings WHERE session_id = $1 AND status = 'waiting' "
            "ORDER BY joined_at, id", session_id)
        return [_entry(row) for row in rows]

    async def session_of(self, entry_id: uuid.UUID) -> uuid.UUID | None:
        return await self._connection.fetchval("SELECT session_id FROM surgery_bookings WHERE id = $1", entry_id)

    async def place(self, entry_id: uuid.UUID, lock: bool = True) -> WaitlistEntry | None:
        row = await self._connection.fetchrow(
            f"SELECT {PLACE} FROM surgery_bookings WHERE id = $1 AND joined_at IS NOT NULL"
            + (" FOR UPDATE" if lock else ""), entry_id)
        return _place(row) if row else None

    async def leave(self, entry: WaitlistEntry, by: str, now: datetime) -> None:
        await self._connection.execute(
            "UPDATE surgery_bookings SET status = 'withdrawn', cancelled_at = $2, cancelled_by = $3, "
            "version = version + 1 WHERE id = $1 AND status = 'waiting'", entry.id, now, by)

    async def position(self, entry: WaitlistEntry) -> int:
        return await self._connection.fetchval(
            "SELECT count(*) FROM surgery_bookings WHERE session_id = $1 AND status = 'waiting' "
            "AND (joined_at, id) <= ($2, $3)", entry.session_id, entry.joined_at, entry.id)


def _refusal(error: asyncpg.UniqueViolationError, slot: int) -> Exception:
    if error.constraint_name == "surgery_bookings_one_per_slot":
        return SlotTaken(slot)
    return AlreadyBooked()


def _values(booking: Booking) -> tuple:
    """In the order of ``BOOKING``."""
    return (booking.id, booking.tenant, booking.session_id, *_slot(booking.slot), booking.status.value,
            *_enquiry(booking.enquiry), booking.from_waitlist, booking.confirmed_at, *_changes(booking))


def _slot(slot: Slot) -> tuple:
    return slot.number, slot.starts_at, slot.ends_at


def _enquiry(enquiry: Enquiry) -> tuple:
    booker = enquiry.booker
    return (booker.name, booker.email, booker.phone, *booker.keys, enquiry.area, enquiry.topic_category.value,
            enquiry.topic, [route.value for route in enquiry.routes])


def _changes(booking: Booking) -> tuple:
    return (booking.cancelled_at, booking.cancelled_by, booking.attendance_recorded_at, booking.notes,
            booking.notes_recorded_at, booking.version)


def _enquiry_of(row: asyncpg.Record) -> Enquiry:
    booker = None if row["name"] is None else Booker(row["name"], row["email"], row["phone"])  # None: erased
    return Enquiry(booker=booker, area=row["area"],
                   topic_category=TopicCategory(row["topic_category"]), topic=row["topic"],
                   routes=tuple(Route(route) for route in row["routes"]))


def _booking(row: asyncpg.Record) -> Booking:
    return Booking(
        id=row["id"], tenant=row["tenant"], session_id=row["session_id"],
        slot=Slot(row["slot"], row["slot_starts_at"], row["slot_ends_at"]), enquiry=_enquiry_of(row),
        confirmed_at=row["confirmed_at"], from_waitlist=row["from_waitlist"], status=BookingStatus(row["status"]),
        cancelled_at=row["cancelled_at"], cancelled_by=row["cancelled_by"],
        attendance_recorded_at=row["attendance_recorded_at"], notes=row["notes"],
        notes_recorded_at=row["notes_recorded_at"], version=row["version"], erased_at=row["erased_at"],
    )


def _entry(row: asyncpg.Record) -> WaitlistEntry:
    return WaitlistEntry(id=row["id"], tenant=row["tenant"], session_id=row["session_id"], enquiry=_enquiry_of(row),
                         joined_at=row["joined_at"])


def _place(row: asyncpg.Record) -> WaitlistEntry:
    status = row["status"]
    return replace(_entry(row), status=PlaceStatus(status) if status in ("waiting", "withdrawn") else
                   PlaceStatus.PROMOTED, erased_at=row["erased_at"])
