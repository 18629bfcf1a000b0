"""What the templates sub-domain adds to the service: its routes, its consumers and its background tasks."""

from __future__ import annotations

from fastapi import APIRouter

from peel.common.runtime import BackgroundTask, ConsumerSpec
from peel.notifications.templates.entrypoints.http import layout_routes, template_routes

ROUTERS: list[APIRouter] = [layout_routes.router, template_routes.router]
CONSUMERS: list[ConsumerSpec] = []
BACKGROUND: list[BackgroundTask] = []
