"""Changes to the scheduling read models: each fills its own columns, safe twice and in any order."""

from __future__ import annotations

from collections.abc import Sequence

from peel.reporting.adapters.schema import qualified
from peel.reporting.adapters.writer import ReadModelWriter

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
ASSEMBLIES = """
INSERT INTO {schema}.assemblies (assembly_id, tenant, title, areas, panel_size, quotas, registration_closes_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (assembly_id) DO UPDATE SET
    title = EXCLUDED.title, areas = EXCLUDED.areas, panel_size = EXCLUDED.panel_size, quotas = EXCLUDED.quotas,
    registration_closes_at = EXCLUDED.registration_closes_at
"""
REGISTRANTS_JOINED = """
INSERT INTO {schema}.assembly_registrants (registrant_id, assembly_id, tenant, features, joined_at)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[], $5::timestamptz[])
ON CONFLICT (registrant_id) DO UPDATE SET features = EXCLUDED.features, joined_at = EXCLUDED.joined_at
"""
REGISTRANTS_WITHDREW = """
INSERT INTO {schema}.assembly_registrants (registrant_id, assembly_id, tenant, withdrew_at)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[])
ON CONFLICT (registrant_id) DO UPDATE SET withdrew_at = EXCLUDED.withdrew_at
"""
PANEL_CHANGES = """
INSERT INTO {schema}.assembly_panel AS member (assembly_id, registrant_id, tenant, {column})
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[])
ON CONFLICT (assembly_id, registrant_id) DO UPDATE SET {column} = greatest(member.{column}, EXCLUDED.{column})
"""
RUNS = """
INSERT INTO {schema}.assembly_selection_runs (run_id, assembly_id, tenant, kind, ran_at, algorithm, seed, pool_size,
                                              min_probability, max_probability, gini, selected, dropouts, replacements)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::numeric[],
                     $8::integer[], $9::float8[], $10::float8[], $11::float8[], $12::integer[], $13::integer[],
                     $14::integer[])
ON CONFLICT (run_id) DO NOTHING
"""
# A member's reply to their place: the latest wins; of two at the same moment, the decline.
REPLIES = """
INSERT INTO {schema}.assembly_panel AS member (assembly_id, registrant_id, tenant, replied_at, reply)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::text[])
ON CONFLICT (assembly_id, registrant_id) DO UPDATE SET replied_at = EXCLUDED.replied_at, reply = EXCLUDED.reply
WHERE member.replied_at IS NULL OR (member.replied_at, member.reply) < (EXCLUDED.replied_at, EXCLUDED.reply)
"""
PANEL_COLUMNS = frozenset({"added_at", "dropped_at"})


class SchedulingWriter(ReadModelWriter):
    """The read-model writer, with the scheduling read models' changes; rows are tuples in each
    statement's column order, at most one per key."""

    async def _rows(self, sql: str, rows: Sequence[tuple], **names: str) -> None:
        if rows:
            await self._connection.execute(qualified(sql, self._schema, **names), *map(list, zip(*rows, strict=True)))

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

    async def assembly(self, row: tuple) -> None:
        await self._execute(ASSEMBLIES, *row)

    async def registrants_joined(self, rows: Sequence[tuple]) -> None:
        await self._rows(REGISTRANTS_JOINED, rows)

    async def registrants_withdrew(self, rows: Sequence[tuple]) -> None:
        await self._rows(REGISTRANTS_WITHDREW, rows)

    async def panel(self, column: str, rows: Sequence[tuple]) -> None:
        """Members ``added_at`` or ``dropped_at`` a time: (assembly id, registrant id, tenant, time)."""
        if column not in PANEL_COLUMNS:
            raise ValueError(f"not a panel column: {column!r}")
        await self._rows(PANEL_CHANGES, rows, column=column)

    async def runs(self, rows: Sequence[tuple]) -> None:
        await self._rows(RUNS, rows)

    async def replies(self, rows: Sequence[tuple]) -> None:
        """(assembly id, registrant id, tenant, replied at, reply)."""
        await self._rows(REPLIES, rows)
