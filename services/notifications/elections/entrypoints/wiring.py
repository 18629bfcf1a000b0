"""What the elections sub-domain adds to the service: its routes, its consumers and its background tasks."""

from __future__ import annotations

from fastapi import APIRouter

from peel.common.runtime import BackgroundTask, ConsumerSpec
from peel.notifications.elections.entrypoints.clock import CLOCK
from peel.notifications.elections.entrypoints.http import period_routes

ROUTERS: list[APIRouter] = [period_routes.router]
CONSUMERS: list[ConsumerSpec] = []
BACKGROUND: list[BackgroundTask] = [CLOCK]
