"""Wires the reporting service: settings, runtime with its consumers, routes."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from peel.common.http.app import create_service_app
from peel.common.runtime import ServiceRuntime
from peel.reporting.entrypoints.consumers import READ_MODELS
from peel.reporting.entrypoints.http.routes import router
from peel.reporting.settings import ReportingSettings

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(settings: ReportingSettings | None = None) -> FastAPI:
    settings = settings or ReportingSettings()
    runtime = ServiceRuntime(settings, MIGRATIONS, consumers=[READ_MODELS])
    return create_service_app(
        settings, runtime, [router],
        title="Peel reporting service",
        description="Read models built from every service's events.",
    )
