"""What the contacts sub-domain adds to the service: its routes, its consumers and its background tasks."""

from __future__ import annotations

from fastapi import APIRouter

from peel.common.runtime import BackgroundTask, ConsumerSpec
from peel.notifications.contacts.entrypoints.council_checks import COUNCIL_CHECKS
from peel.notifications.contacts.entrypoints.http import (
    contact_routes,
    organisation_routes,
    preference_routes,
    public_routes,
    suppression_routes,
)

ROUTERS: list[APIRouter] = [contact_routes.router, preference_routes.router, suppression_routes.router,
                            organisation_routes.router, public_routes.router]
CONSUMERS: list[ConsumerSpec] = []
BACKGROUND: list[BackgroundTask] = [COUNCIL_CHECKS]
