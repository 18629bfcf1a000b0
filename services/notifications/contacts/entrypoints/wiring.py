"""What the contacts sub-domain adds to the service: its routes, its consumers and its background tasks."""

from __future__ import annotations

from fastapi import APIRouter

from peel.common.runtime import BackgroundTask, ConsumerSpec
from peel.notifications.contacts.entrypoints.http import contact_routes, suppression_routes

ROUTERS: list[APIRouter] = [contact_routes.router, suppression_routes.router]
CONSUMERS: list[ConsumerSpec] = []
BACKGROUND: list[BackgroundTask] = []
