"""What the digests sub-domain adds to the service: its routes, its consumers and its background tasks."""

from __future__ import annotations

from fastapi import APIRouter

from peel.common.runtime import BackgroundTask, ConsumerSpec
from peel.notifications.digests.entrypoints.clock import DIGESTS
from peel.notifications.digests.entrypoints.http import run_routes

ROUTERS: list[APIRouter] = [run_routes.router]
CONSUMERS: list[ConsumerSpec] = []
BACKGROUND: list[BackgroundTask] = [DIGESTS]
