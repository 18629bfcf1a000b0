"""The booking or registration an email is about, read as it is now (under the held message's lock)."""

from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg

from peel.common.notify.emails import OutgoingEmail
from peel.scheduling.messages.domain.message_emails import (
    BOOKING_KINDS,
    BookingFacts,
    Links,
    RegistrantFacts,
    booking_email,
    registrant_email,
)
from peel.scheduling.messages.domain.messages import MessageKind

BOOKING = """
SELECT b.tenant, b.id, b.status, b.name, b.email, b.phone, b.from_waitlist,
       coalesce(b.slot_starts_at, s.starts_at) AS starts_at, s.slot_minutes, s.host, v.name AS venue_name,
       v.address AS venue_address, b.routes, b.cancelled_by, s.cancel_reason
FROM surgery_bookings b JOIN surgery_sessions s ON s.id = b.session_id
LEFT JOIN scheduling_venues v ON v.id = s.venue_id
WHERE b.id = $1
"""
REGISTRANT = """
SELECT r.tenant, r.id, r.assembly_id, r.status, r.reply, r.name, r.email, a.title_en, a.title_cy,
       a.replacement_deadline
FROM assembly_registrants r JOIN assemblies a ON a.id = r.assembly_id
WHERE r.id = $1
"""


async def email_for(connection: asyncpg.Connection, kind: MessageKind, message_id: uuid.UUID, about: uuid.UUID,
                    links: Links, now: datetime) -> OutgoingEmail | None:
    if kind in BOOKING_KINDS:
        row = await connection.fetchrow(BOOKING, about)
        return booking_email(kind, message_id, _booking(row), links, now) if row else None
    row = await connection.fetchrow(REGISTRANT, about)
    return registrant_email(kind, message_id, _registrant(row), links) if row else None


def _booking(row: asyncpg.Record) -> BookingFacts:
    venue = f"{row['venue_name']}, {row['venue_address']}" if row["venue_name"] else None
    return BookingFacts(
        tenant=row["tenant"], booking_id=row["id"], status=row["status"], name=row["name"], email=row["email"],
        from_waitlist=row["from_waitlist"], starts_at=row["starts_at"], minutes=row["slot_minutes"], host=row["host"],
        venue=venue, routes=tuple(row["routes"]), cancelled_by=row["cancelled_by"],
        session_cancel_reason=row["cancel_reason"], phone=row["phone"],
    )


def _registrant(row: asyncpg.Record) -> RegistrantFacts:
    return RegistrantFacts(
        tenant=row["tenant"], registrant_id=row["id"], assembly_id=row["assembly_id"], status=row["status"],
        reply=row["reply"], name=row["name"], email=row["email"], title=(row["title_en"], row["title_cy"]),
        replacement_deadline=row["replacement_deadline"],
    )
