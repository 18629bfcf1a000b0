"""Staff sessions in PostgreSQL: idle and absolute timeouts, and signing out everywhere."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

import asyncpg

from peel.web.domain.staff.identity import StaffSession, StaffUser

COLUMNS = "tenant, subject, name, email, roles, lang, started_at, last_seen_at"
TOUCH_EVERY = "30 seconds"  # a page restarts the idle time, written at most this often (a write per page costs)
# The live session, its idle time restarted when last written more than TOUCH_EVERY ago; one statement.
FIND = f"""
WITH found AS (
    SELECT id_hash, {COLUMNS} FROM web_staff_sessions
     WHERE id_hash = $1 AND ended_at IS NULL
       AND last_seen_at > now() - $2::interval AND started_at > now() - $3::interval
), touched AS (
    UPDATE web_staff_sessions AS session SET last_seen_at = now() FROM found
     WHERE session.id_hash = found.id_hash AND found.last_seen_at < now() - interval '{TOUCH_EVERY}'
)
SELECT {COLUMNS} FROM found
"""


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


class PostgresStaffSessions:
    def __init__(self, pool: asyncpg.Pool, *, idle: timedelta, absolute: timedelta) -> None:
        self._pool = pool
        self._idle, self._absolute = idle, absolute

    async def start(self, user: StaffUser, *, lang: str = "en") -> StaffSession:
        session_id = secrets.token_urlsafe(32)
        row = await self._pool.fetchrow(
            f"""INSERT INTO web_staff_sessions (id_hash, tenant, subject, name, email, roles, lang)
                VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {COLUMNS}""",
            _hash(session_id), user.tenant, user.subject, user.name, user.email, sorted(user.roles), lang)
        return _session(session_id, row)

    async def find(self, session_id: str) -> StaffSession | None:
        row = await self._pool.fetchrow(FIND, _hash(session_id), self._idle, self._absolute)
        return _session(session_id, row) if row else None

    async def set_language(self, session_id: str, lang: str) -> None:
        await self._pool.execute("UPDATE web_staff_sessions SET lang = $2 WHERE id_hash = $1",
                                 _hash(session_id), lang)

    async def end(self, session_id: str) -> None:
        await self._pool.execute("UPDATE web_staff_sessions SET ended_at = now() WHERE id_hash = $1 "
                                 "AND ended_at IS NULL", _hash(session_id))

    async def end_everywhere(self, tenant: str, subject: str) -> int:
        status = await self._pool.execute(
            "UPDATE web_staff_sessions SET ended_at = now() WHERE tenant = $1 AND subject = $2 AND ended_at IS NULL",
            tenant, subject)
        return int(status.split()[-1])

    async def forget_old(self) -> int:
        """Deletes sessions ended, idle or past their absolute timeout more than a day ago."""
        status = await self._pool.execute(
            """DELETE FROM web_staff_sessions WHERE ended_at < now() - interval '1 day'
                OR last_seen_at < now() - $1::interval - interval '1 day'
                OR started_at < now() - $2::interval - interval '1 day'""", self._idle, self._absolute)
        return int(status.split()[-1])


def _session(session_id: str, row: asyncpg.Record) -> StaffSession:
    user = StaffUser(subject=row["subject"], tenant=row["tenant"], name=row["name"], email=row["email"],
                     roles=frozenset(row["roles"]))
    return StaffSession(id=session_id, user=user, started_at=row["started_at"], last_seen_at=row["last_seen_at"],
                        lang=row["lang"])
