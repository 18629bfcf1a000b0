"""The asyncpg pool every service uses, with JSON codecs installed."""

from __future__ import annotations

import json

import asyncpg


async def _init_connection(connection: asyncpg.Connection) -> None:
    for name in ("json", "jsonb"):
        await connection.set_type_codec(name, encoder=json.dumps, decoder=json.loads, schema="pg_catalog")


async def _keep_session(connection: asyncpg.Connection) -> None:
    """Nothing more on release than asyncpg's own clean-up (which rolls back an open transaction).

    Peel keeps no session state on pooled connections (the relay's LISTEN and advisory lock
    are undone when it stops leading, and the connection is terminated if that fails), so the
    default ``RESET ALL`` round trip on every release is not needed.
    """


async def create_pool(dsn: str, *, min_size: int = 2, max_size: int = 10) -> asyncpg.Pool:
    return await asyncpg.create_pool(
        dsn,
        min_size=min_size,
        max_size=max_size,
        init=_init_connection,
        reset=_keep_session,
        command_timeout=60,
        server_settings={"application_name": "peel"},
    )
