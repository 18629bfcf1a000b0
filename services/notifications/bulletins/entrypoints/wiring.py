"""What the bulletins sub-domain adds to the service: its routes, its consumers and its background tasks."""

from __future__ import annotations

from fastapi import APIRouter

from peel.common.runtime import BackgroundTask, ConsumerSpec
from peel.notifications.bulletins.entrypoints.consumers import DISPATCH
from peel.notifications.bulletins.entrypoints.dispatcher import DISPATCHER
from peel.notifications.bulletins.entrypoints.http import bulletin_routes, item_routes, sending_routes

# The items route (/next/items) comes before /{bulletin_id}.
ROUTERS: list[APIRouter] = [item_routes.router, bulletin_routes.router, sending_routes.router]
CONSUMERS: list[ConsumerSpec] = [DISPATCH]
BACKGROUND: list[BackgroundTask] = [DISPATCHER]
