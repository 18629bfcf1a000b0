"""Wires the consultation service: settings, runtime, routes."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from peel.common.http.app import create_service_app
from peel.common.runtime import ServiceRuntime
from peel.consultation.entrypoints.http.routes import public, staff
from peel.consultation.settings import ConsultationSettings

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(settings: ConsultationSettings | None = None) -> FastAPI:
    settings = settings or ConsultationSettings()
    runtime = ServiceRuntime(settings, MIGRATIONS)
    return create_service_app(
        settings, runtime, [staff, public],
        title="Peel consultation service",
        description="Consultations and surveys: staff build and publish them, residents respond.",
    )
