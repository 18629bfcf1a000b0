"""What the elections sub-domain adds to the service: its routes, its consumers and its background tasks."""

from __future__ import annotations

from fastapi import APIRouter

from peel.common.runtime import BackgroundTask, ConsumerSpec

ROUTERS: list[APIRouter] = []
CONSUMERS: list[ConsumerSpec] = []
BACKGROUND: list[BackgroundTask] = []
