"""Wires the reporting service: settings, runtime with its consumers, routes; and the rebuild."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fastapi import FastAPI

from peel.common.db.migrations import migrate
from peel.common.db.pool import create_pool
from peel.common.http.app import create_service_app
from peel.common.runtime import ServiceRuntime
from peel.reporting.adapters.replay import Replay
from peel.reporting.entrypoints.consumers import READ_MODELS
from peel.reporting.entrypoints.rebuild import Progress, RebuildReport, rebuild
from peel.reporting.read_models import registry
from peel.reporting.settings import ReportingSettings

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(settings: ReportingSettings | None = None) -> FastAPI:
    settings = settings or ReportingSettings()
    runtime = ServiceRuntime(settings, MIGRATIONS, consumers=[READ_MODELS])
    return create_service_app(
        settings, runtime,
        registry.routers(),
        title="Peel reporting service",
        description="Read models built from every service's events.",
    )


async def rebuild_read_models(settings: ReportingSettings, progress: Progress = lambda *_: None, *,
                              batch_size: int = 500, keep_missing_history: bool = False,
                              read_models: Sequence[str] = ()) -> RebuildReport:
    """Replays every event the read models consume into fresh tables and swaps them in: those of the
    ``read_models`` named (refused with the known names if one is unknown), or of every read model."""
    models = registry.named(read_models) if read_models else registry.READ_MODELS
    await migrate(settings.dsn, MIGRATIONS)
    pool = await create_pool(settings.dsn, min_size=2, max_size=4)
    try:
        async with Replay(settings.kafka_bootstrap, [settings.topic(s) for s in READ_MODELS.services]) as replay:
            return await rebuild(pool, replay, models, live=f"{settings.kafka_topic_prefix}{READ_MODELS.name}",
                                 progress=progress, batch_size=batch_size, keep_missing_history=keep_missing_history)
    finally:
        await pool.close()
