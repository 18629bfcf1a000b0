"""Ordered SQL migrations, run by yoyo-migrations under its lock so replicas can start together.

The backbone's tables (outbox, processed events, consumer positions) come first from
``libs/common/migrations``; each service then adds its own from ``<service>/migrations``.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from yoyo import get_backend, read_migrations

COMMON_MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
log = logging.getLogger(__name__)


def _yoyo_url(dsn: str) -> str:
    scheme, rest = dsn.split("://", 1)
    return f"postgresql+psycopg://{rest}" if scheme in {"postgresql", "postgres"} else dsn


def apply_migrations(dsn: str, *directories: Path) -> list[str]:
    """Apply what has not been applied yet; returns the ids applied now."""
    backend = get_backend(_yoyo_url(dsn))
    try:
        migrations = read_migrations(*(str(path) for path in (COMMON_MIGRATIONS, *directories)))
        with backend.lock():
            pending = backend.to_apply(migrations)
            backend.apply_migrations(pending)
        applied = [migration.id for migration in pending]
    finally:
        backend.connection.close()
    if applied:
        log.info("migrations applied", extra={"migrations": applied})
    return applied


async def migrate(dsn: str, *directories: Path) -> list[str]:
    return await asyncio.to_thread(apply_migrations, dsn, *directories)
