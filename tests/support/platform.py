"""The services under test as the end-to-end fixtures hand them to tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import FastAPI


@dataclass
class Platform:
    """Consultation, reporting and notifications running together over HTTP."""

    consultation: httpx.AsyncClient
    reporting: httpx.AsyncClient
    notifications: httpx.AsyncClient


@dataclass
class Scheduling:
    """The scheduling service on its own: its client, its app (to override the clock) and its database."""

    client: httpx.AsyncClient
    app: FastAPI
    dsn: str


SCHEDULING_SETTINGS: dict[str, Any] = {"link_secret": "scheduling-test-link-secret-0123456789"}
