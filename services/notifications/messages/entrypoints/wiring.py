"""What the messages sub-domain adds to the service: its routes, its consumers and its background tasks."""

from __future__ import annotations

from fastapi import APIRouter

from peel.common.runtime import BackgroundTask, ConsumerSpec
from peel.notifications.messages.entrypoints.delivery import DELIVERY
from peel.notifications.messages.entrypoints.http import hold_routes, message_routes, provider_routes

ROUTERS: list[APIRouter] = [message_routes.router, message_routes.contact_router, hold_routes.router,
                            provider_routes.router]
CONSUMERS: list[ConsumerSpec] = []
BACKGROUND: list[BackgroundTask] = [DELIVERY]
