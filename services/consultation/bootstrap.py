"""Wires the consultation service: settings, runtime, routes."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from peel.common.http.app import create_service_app
from peel.common.runtime import ServiceRuntime
from peel.consultation.entrypoints.clock import CLOCK
from peel.consultation.entrypoints.http import area_routes, panel_routes, response_routes, routes
from peel.consultation.settings import ConsultationSettings

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(settings: ConsultationSettings | None = None) -> FastAPI:
    settings = settings or ConsultationSettings()
    runtime = ServiceRuntime(settings, MIGRATIONS, background=[CLOCK])
    return create_service_app(
        settings, runtime,
        [routes.staff, routes.public, response_routes.staff, response_routes.public, area_routes.router,
         panel_routes.panel_staff, panel_routes.panel_public],
        title="Peel consultation service",
        description="Consultations and surveys: staff build and publish them, residents respond.",
    )
