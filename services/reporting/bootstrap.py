"""Wires the reporting service: settings, runtime with its consumers, routes; and the rebuild."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from peel.common.db.migrations import migrate
from peel.common.db.pool import create_pool
from peel.common.http.app import create_service_app
from peel.common.runtime import ServiceRuntime
from peel.reporting.adapters.replay import Replay
from peel.reporting.entrypoints.consumers import READ_MODELS
from peel.reporting.entrypoints.http import meetings_routes, panel_routes, routes, scheduling_routes, weighting_routes
from peel.reporting.service_layer.rebuild import Progress, RebuildReport, rebuild
from peel.reporting.settings import ReportingSettings

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(settings: ReportingSettings | None = None) -> FastAPI:
    settings = settings or ReportingSettings()
    runtime = ServiceRuntime(settings, MIGRATIONS, consumers=[READ_MODELS])
    return create_service_app(
        settings, runtime,
        [routes.router, weighting_routes.router, panel_routes.router, scheduling_routes.router, meetings_routes.router],
        title="Peel reporting service",
        description="Read models built from every service's events.",
    )


async def rebuild_read_models(settings: ReportingSettings, progress: Progress = lambda *_: None, *,
                              batch_size: int = 500, keep_missing_history: bool = False) -> RebuildReport:
    """Replays every event the read models consume into fresh tables and swaps them in."""
    await migrate(settings.dsn, MIGRATIONS)
    pool = await create_pool(settings.dsn, min_size=2, max_size=4)
    try:
        async with Replay(settings.kafka_bootstrap, [settings.topic(s) for s in READ_MODELS.services]) as replay:
            return await rebuild(pool, replay, live=f"{settings.kafka_topic_prefix}{READ_MODELS.name}",
                                 progress=progress, batch_size=batch_size, keep_missing_history=keep_missing_history)
    finally:
        await pool.close()
