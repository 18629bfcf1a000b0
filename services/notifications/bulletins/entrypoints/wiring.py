"""What the bulletins sub-domain adds to the service: its routes, its consumers and its background tasks."""

from __future__ import annotations

from fastapi import APIRouter

from peel.common.runtime import BackgroundTask, ConsumerSpec
from peel.notifications.bulletins.entrypoints.consumers import DISPATCH
from peel.notifications.bulletins.entrypoints.http import item_routes

ROUTERS: list[APIRouter] = [item_routes.router]
CONSUMERS: list[ConsumerSpec] = [DISPATCH]
BACKGROUND: list[BackgroundTask] = []
