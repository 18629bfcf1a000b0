"""Wires the scheduling service: settings, runtime, routes: surgeries and their bookings, citizens' assemblies."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from peel.common.http.app import create_service_app
from peel.common.runtime import ServiceRuntime
from peel.scheduling.entrypoints.http import (
    assembly_routes,
    assembly_work_routes,
    booking_routes,
    calendar_routes,
    meeting_plan_routes,
    meeting_routes,
    message_routes,
    rotation_routes,
    session_routes,
    staff_booking_routes,
    venue_routes,
)
from peel.scheduling.entrypoints.messages import MESSAGE_SENDER
from peel.scheduling.entrypoints.notes_purge import NOTES_PURGE
from peel.scheduling.entrypoints.selection_worker import SELECTION_WORKER
from peel.scheduling.settings import SchedulingSettings

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(settings: SchedulingSettings | None = None) -> FastAPI:
    settings = settings or SchedulingSettings()
    runtime = ServiceRuntime(settings, MIGRATIONS,
                             background=[NOTES_PURGE, SELECTION_WORKER, MESSAGE_SENDER])
    return create_service_app(
        settings, runtime,
        # The calendar feed's path is matched before the public session list's, which it resembles.
        [calendar_routes.router, booking_routes.router, session_routes.public, session_routes.staff,
         session_routes.surgeries, staff_booking_routes.router, venue_routes.router, assembly_routes.staff,
         assembly_routes.public, assembly_work_routes.staff, assembly_work_routes.public, rotation_routes.router,
         meeting_routes.staff, meeting_routes.public, meeting_plan_routes.settings, meeting_plan_routes.plans, message_routes.router],
        title="Peel scheduling service",
        description="Surgeries and bookings, neighbourhood meetings and citizens' assemblies.",
    )
