"""Wires the consultation service: settings, runtime, routes."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from peel.common.http.app import create_service_app
from peel.common.outbox import Outbox
from peel.common.runtime import ServiceRuntime
from peel.consultation.adapters.response_intake import BatchedResponseIntake
from peel.consultation.entrypoints.clock import CLOCK
from peel.consultation.entrypoints.http import (
    area_routes,
    moderation_routes,
    overview_routes,
    panel_routes,
    precept_settings_routes,
    response_routes,
    routes,
)
from peel.consultation.entrypoints.receipts import RECEIPTS
from peel.consultation.settings import ConsultationSettings

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(settings: ConsultationSettings | None = None) -> FastAPI:
    settings = settings or ConsultationSettings()
    runtime = ServiceRuntime(settings, MIGRATIONS, background=[CLOCK, RECEIPTS])
    app = create_service_app(
        settings, runtime,
        # Residents' responses first: the busiest route is matched before the rest are tried.
        # The overview before a consultation's own routes, which would take "overview" for its id.
        [response_routes.public, overview_routes.router, routes.staff, routes.public, response_routes.answers,
         response_routes.staff, moderation_routes.router, area_routes.router,
         panel_routes.panel_staff, panel_routes.panel_public, precept_settings_routes.router],
        title="Peel consultation service",
        description="Consultations and surveys: staff build and publish them, residents respond.",
    )
    app.state.response_intake = BatchedResponseIntake(lambda: runtime.pool, Outbox(settings.source,
                                                                                   settings.kafka_topic_prefix))
    return app
