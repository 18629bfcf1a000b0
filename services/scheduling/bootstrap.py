"""Wires the scheduling service: settings, runtime, the PostgreSQL adapters behind each sub-domain's ports, the
background tasks and the routes of surgeries, venues, neighbourhood meetings, citizens' assemblies and emails."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from peel.common.http.app import create_service_app
from peel.common.notify.worker import sender
from peel.common.outbox import Outbox
from peel.common.runtime import BackgroundTask, ServiceRuntime
from peel.scheduling.assemblies.adapters.assemblies import PostgresAssemblyUnitOfWork
from peel.scheduling.assemblies.entrypoints.http import assembly_routes, assembly_work_routes
from peel.scheduling.assemblies.entrypoints.selection_worker import select_forever
from peel.scheduling.meetings.adapters.meetings import PostgresMeetingUnitOfWork
from peel.scheduling.meetings.entrypoints.http import meeting_plan_routes, meeting_routes
from peel.scheduling.messages.adapters.messages import PostgresMessageBook, PostgresMessageHistory, PostgresMessages
from peel.scheduling.messages.entrypoints.http import message_routes
from peel.scheduling.messages.entrypoints.messages import asking_for_emails
from peel.scheduling.settings import SchedulingSettings
from peel.scheduling.surgeries.adapters.bookings import PostgresBookingIntake
from peel.scheduling.surgeries.adapters.unit_of_work import PostgresSurgeryUnitOfWork
from peel.scheduling.surgeries.entrypoints.http import (
    booking_routes,
    calendar_routes,
    rotation_routes,
    session_routes,
    staff_booking_routes,
)
from peel.scheduling.surgeries.entrypoints.notes_purge import purge_forever
from peel.scheduling.venues.adapters.venues import PostgresVenueUnitOfWork
from peel.scheduling.venues.entrypoints.http import venue_routes

MIGRATIONS = Path(__file__).parent / "migrations"


def scheduling_outbox(settings: SchedulingSettings) -> Outbox:
    """The service's outbox: every event stored asks, in its transaction, for the emails it calls for."""
    return Outbox(settings.source, settings.kafka_topic_prefix,
                  asking_for_emails(settings.reminders, PostgresMessageBook))


class PostgresAdapters:
    """The PostgreSQL adapters behind the sub-domains' ports, on the runtime's pool (once it is up), every unit
    of work storing its events through the one outbox."""

    def __init__(self, runtime: ServiceRuntime) -> None:
        settings = runtime.settings
        assert isinstance(settings, SchedulingSettings)
        self._runtime, self._settings, self._outbox = runtime, settings, scheduling_outbox(settings)
        self.booking_intake = PostgresBookingIntake(lambda: runtime.pool, self._outbox, settings.reminders)

    def venues(self) -> PostgresVenueUnitOfWork:
        return PostgresVenueUnitOfWork(self._runtime.pool, self._outbox)

    def surgeries(self) -> PostgresSurgeryUnitOfWork:
        return PostgresSurgeryUnitOfWork(self._runtime.pool, self._outbox)

    def meetings(self) -> PostgresMeetingUnitOfWork:
        return PostgresMeetingUnitOfWork(self._runtime.pool, self._outbox)

    def assemblies(self) -> PostgresAssemblyUnitOfWork:
        return PostgresAssemblyUnitOfWork(self._runtime.pool, self._outbox)

    def message_history(self) -> PostgresMessageHistory:
        return PostgresMessageHistory(self._runtime.pool)

    def outgoing_messages(self) -> PostgresMessages:
        return PostgresMessages(lambda: self._runtime.pool, self._settings.links)


async def _purge_notes(runtime: ServiceRuntime) -> None:
    assert isinstance(runtime.settings, SchedulingSettings)
    await purge_forever(runtime.settings, PostgresAdapters(runtime).surgeries)


async def _select_members(runtime: ServiceRuntime) -> None:
    await select_forever(PostgresAdapters(runtime).assemblies)


BACKGROUND = [
    BackgroundTask("scheduling-notes-purge", _purge_notes),
    BackgroundTask("scheduling-assembly-selection", _select_members),
    sender("scheduling-messages", lambda runtime: PostgresAdapters(runtime).outgoing_messages()),
]


def create_app(settings: SchedulingSettings | None = None) -> FastAPI:
    settings = settings or SchedulingSettings()
    runtime = ServiceRuntime(settings, MIGRATIONS, background=BACKGROUND)
    app = create_service_app(
        settings, runtime,
        # The calendar feed's path is matched before the public session list's, which it resembles.
        [calendar_routes.router, booking_routes.router, session_routes.public, session_routes.staff,
         session_routes.surgeries, staff_booking_routes.router, venue_routes.router, assembly_routes.staff,
         assembly_routes.public, assembly_routes.office, assembly_work_routes.staff, assembly_work_routes.public,
         rotation_routes.router, meeting_routes.staff, meeting_routes.public, meeting_plan_routes.settings,
         meeting_plan_routes.plans, message_routes.router],
        title="Peel scheduling service",
        description="Surgeries and bookings, neighbourhood meetings and citizens' assemblies.",
    )
    app.state.adapters = PostgresAdapters(runtime)
    return app
