"""Wires the notifications service."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from peel.common.http.app import create_service_app
from peel.common.runtime import ServiceRuntime
from peel.notifications.entrypoints.consumers import DISPATCH
from peel.notifications.entrypoints.delivery import DELIVERY
from peel.notifications.entrypoints.http import contact_routes, message_routes, suppression_routes
from peel.notifications.entrypoints.http.routes import router
from peel.notifications.settings import NotificationsSettings

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(settings: NotificationsSettings | None = None) -> FastAPI:
    settings = settings or NotificationsSettings()
    runtime = ServiceRuntime(settings, MIGRATIONS, consumers=[DISPATCH], background=[DELIVERY])
    return create_service_app(
        settings, runtime, [router, message_routes.router, contact_routes.router, suppression_routes.router],
        title="Peel notifications service",
        description="Contacts and consent, bilingual templates, bulletins, reminders and delivery.",
    )
