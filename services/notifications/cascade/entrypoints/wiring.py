"""What the cascade sub-domain adds to the service: its routes, its consumers and its background tasks."""

from __future__ import annotations

from fastapi import APIRouter

from peel.common.runtime import BackgroundTask, ConsumerSpec
from peel.notifications.cascade.entrypoints.clock import CASCADE
from peel.notifications.cascade.entrypoints.http import acknowledgement_routes

ROUTERS: list[APIRouter] = [acknowledgement_routes.public, acknowledgement_routes.staff]
CONSUMERS: list[ConsumerSpec] = []
BACKGROUND: list[BackgroundTask] = [CASCADE]
