"""Sessions in PostgreSQL: answers in progress survive a restart of the web service."""

from __future__ import annotations

import json
from datetime import timedelta

import asyncpg

from peel.web.service_layer.ports import Json


class PostgresSessionStore:
    def __init__(self, pool: asyncpg.Pool, *, lifetime: timedelta) -> None:
        self._pool = pool
        self._lifetime = lifetime

    async def load(self, session_id: str) -> Json | None:
        data = await self._pool.fetchval(
            "SELECT data FROM web_sessions WHERE id = $1 AND expires_at > now()", session_id)
        return json.loads(data) if data is not None else None

    async def save(self, session_id: str, data: Json) -> None:
        await self._pool.execute(
            """INSERT INTO web_sessions (id, data, expires_at) VALUES ($1, $2::jsonb, now() + $3)
               ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, updated_at = now(),
                                              expires_at = EXCLUDED.expires_at""",
            session_id, json.dumps(data), self._lifetime)

    async def forget_expired(self) -> int:
        status = await self._pool.execute("DELETE FROM web_sessions WHERE expires_at <= now()")
        return int(status.split()[-1])
