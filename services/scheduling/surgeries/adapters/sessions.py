"""Surgery sessions in PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import asyncpg

from peel.scheduling.surgeries.domain.sessions import Place, SessionStatus, SurgerySession, Timetable
from peel.scheduling.surgeries.service_layer.ports import Lock

COLUMNS = ("id, tenant, host, venue_id, online, policing_area, day, starts, ends, starts_at, ends_at, slot_minutes, "
           "buffer_minutes, public, status, cancelled_at, cancel_reason, created_at, version")
LOCKS = {None: "", "share": " FOR SHARE", "update": " FOR UPDATE"}


class PostgresSessions:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, session: SurgerySession) -> None:
        place, timetable = session.place, session.timetable
        await self._connection.execute(
            f"INSERT INTO surgery_sessions ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
            "$13, $14, $15, $16, $17, $18, $19)",
            session.id, session.tenant, session.host, place.venue_id, place.online, place.policing_area,
            timetable.day, timetable.starts, timetable.ends, timetable.starts_at, timetable.ends_at,
            timetable.slot_minutes, timetable.buffer_minutes, session.public, *_changes(session),
            session.created_at, session.version,
        )

    async def get(self, tenant: str, session_id: uuid.UUID, lock: Lock = None) -> SurgerySession | None:
        row = await self._connection.fetchrow(
            f"SELECT {COLUMNS} FROM surgery_sessions WHERE id = $1 AND tenant = $2{LOCKS[lock]}", session_id, tenant)
        return _session(row) if row else None

    async def get_any(self, session_id: uuid.UUID, lock: Lock = None) -> SurgerySession | None:
        row = await self._connection.fetchrow(
            f"SELECT {COLUMNS} FROM surgery_sessions WHERE id = $1{LOCKS[lock]}", session_id)
        return _session(row) if row else None

    async def of_tenant(self, tenant: str, since: date | None = None, until: date | None = None,
                        ) -> list[SurgerySession]:
        """The tenant's sessions, soonest first, held from ``since`` to ``until`` (days, both included) if given."""
        rows = await self._connection.fetch(
            f"SELECT {COLUMNS} FROM surgery_sessions WHERE tenant = $1 AND ($2::date IS NULL OR day >= $2) "
            "AND ($3::date IS NULL OR day <= $3) ORDER BY starts_at, id", tenant, since, until)
        return [_session(row) for row in rows]

    async def upcoming_public(self, tenant: str, now: datetime) -> list[SurgerySession]:
        rows = await self._connection.fetch(
            f"SELECT {COLUMNS} FROM surgery_sessions WHERE tenant = $1 AND public AND ends_at > $2 "
            "ORDER BY starts_at, id", tenant, now)
        return [_session(row) for row in rows]

    async def save(self, session: SurgerySession) -> None:
        await self._connection.execute(
            "UPDATE surgery_sessions SET status = $2, cancelled_at = $3, cancel_reason = $4, version = $5 "
            "WHERE id = $1", session.id, *_changes(session), session.version)


def _changes(session: SurgerySession) -> tuple:
    return session.status.value, session.cancelled_at, session.cancel_reason


def _session(row: asyncpg.Record) -> SurgerySession:
    return SurgerySession(
        id=row["id"], tenant=row["tenant"], host=row["host"],
        place=Place(row["venue_id"], row["online"], row["policing_area"]),
        timetable=Timetable(row["day"], row["starts"], row["ends"], row["slot_minutes"], row["buffer_minutes"]),
        public=row["public"], created_at=row["created_at"], status=SessionStatus(row["status"]),
        cancelled_at=row["cancelled_at"], cancel_reason=row["cancel_reason"], version=row["version"],
    )
