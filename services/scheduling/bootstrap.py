"""Wires the scheduling service. Its domain (surgeries, meetings, assemblies) builds on this."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from peel.common.http.app import create_service_app
from peel.common.runtime import ConsumerSpec, ServiceRuntime
from peel.scheduling.settings import SchedulingSettings

MIGRATIONS = Path(__file__).parent / "migrations"
# Delivery outcomes of booking confirmations will arrive here; no event type is handled yet.
DELIVERY_OUTCOMES = ConsumerSpec(name="scheduling.delivery-outcomes", services=("notifications",))


def create_app(settings: SchedulingSettings | None = None) -> FastAPI:
    settings = settings or SchedulingSettings()
    runtime = ServiceRuntime(settings, MIGRATIONS, consumers=[DELIVERY_OUTCOMES])
    return create_service_app(
        settings, runtime, [],
        title="Peel scheduling service",
        description="Surgeries and bookings, neighbourhood meetings and citizens' assemblies.",
    )
