"""The surgeries read model's store: surgery sessions, and their bookings with attendance.

Each change fills its own columns, safe twice and in any order; rows are tuples in each
statement's column order, at most one per key.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from peel.reporting.domain.surgeries import SessionFacts
from peel.reporting.read_models._store import Store

SESSIONS_SCHEDULED = """
INSERT INTO {schema}.surgery_sessions (session_id, tenant, policing_area, online, starts_at, ends_at, slot_count)
SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::boolean[], $5::timestamptz[], $6::timestamptz[],
                     $7::integer[])
ON CONFLICT (session_id) DO UPDATE SET
    policing_area = EXCLUDED.policing_area, online = EXCLUDED.online, starts_at = EXCLUDED.starts_at,
    ends_at = EXCLUDED.ends_at, slot_count = EXCLUDED.slot_count
"""
SESSIONS_CANCELLED = """
INSERT INTO {schema}.surgery_sessions (session_id, tenant, cancelled_at)
SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[])
ON CONFLICT (session_id) DO UPDATE SET cancelled_at = EXCLUDED.cancelled_at
"""
BOOKINGS_CONFIRMED = """
INSERT INTO {schema}.surgery_bookings (booking_id, tenant, session_id, confirmed_at, from_waitlist)
SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::timestamptz[], $5::boolean[])
ON CONFLICT (booking_id) DO UPDATE SET
    confirmed_at = least(surgery_bookings.confirmed_at, EXCLUDED.confirmed_at),
    from_waitlist = coalesce(surgery_bookings.from_waitlist, false) OR EXCLUDED.from_waitlist
"""
BOOKINGS_CANCELLED = """
INSERT INTO {schema}.surgery_bookings (booking_id, tenant, session_id, cancelled_at, cancelled_by)
SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::timestamptz[], $5::text[])
ON CONFLICT (booking_id) DO UPDATE SET cancelled_at = EXCLUDED.cancelled_at, cancelled_by = EXCLUDED.cancelled_by
"""
# The latest attendance recorded wins; of two at the same moment, the no-show.
OUTCOMES = """
INSERT INTO {schema}.surgery_bookings AS booking (booking_id, tenant, session_id, outcome, outcome_at)
SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::timestamptz[])
ON CONFLICT (booking_id) DO UPDATE SET outcome = EXCLUDED.outcome, outcome_at = EXCLUDED.outcome_at
WHERE booking.outcome_at IS NULL OR (booking.outcome_at, booking.outcome) < (EXCLUDED.outcome_at, EXCLUDED.outcome)
"""
KEPT = "b.confirmed_at IS NOT NULL AND b.cancelled_at IS NULL"
SESSIONS = f"""
SELECT s.session_id, s.policing_area AS area, s.starts_at, s.ends_at, s.slot_count,
       s.cancelled_at IS NOT NULL AS cancelled,
       count(*) FILTER (WHERE {KEPT}) AS booked,
       count(*) FILTER (WHERE {KEPT} AND b.outcome = 'attended') AS attended,
       count(*) FILTER (WHERE {KEPT} AND b.outcome = 'no_show') AS no_shows
FROM {{schema}}.surgery_sessions s
LEFT JOIN {{schema}}.surgery_bookings b ON b.session_id = s.session_id AND b.tenant = s.tenant
WHERE s.tenant = $1 AND s.starts_at IS NOT NULL
  AND ($2::date IS NULL OR (s.starts_at AT TIME ZONE 'Europe/London')::date >= $2)
  AND ($3::date IS NULL OR (s.starts_at AT TIME ZONE 'Europe/London')::date <= $3)
GROUP BY s.session_id
ORDER BY s.starts_at, s.session_id
"""


class SurgeryStore(Store):
    async def sessions_scheduled(self, rows: Sequence[tuple]) -> None:
        await self._rows(SESSIONS_SCHEDULED, rows)

    async def sessions_cancelled(self, rows: Sequence[tuple]) -> None:
        await self._rows(SESSIONS_CANCELLED, rows)

    async def bookings_confirmed(self, rows: Sequence[tuple]) -> None:
        await self._rows(BOOKINGS_CONFIRMED, rows)

    async def bookings_cancelled(self, rows: Sequence[tuple]) -> None:
        await self._rows(BOOKINGS_CANCELLED, rows)

    async def outcomes(self, rows: Sequence[tuple]) -> None:
        await self._rows(OUTCOMES, rows)

    async def sessions(self, tenant: str, starts_on: date | None, ends_on: date | None) -> list[SessionFacts]:
        """The tenant's sessions starting between the days given (in England and Wales), bookings counted."""
        return [SessionFacts(**dict(row)) for row in await self._fetch(SESSIONS, tenant, starts_on, ends_on)]
