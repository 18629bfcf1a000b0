"""The consultation, notifications and reporting services, running together over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from peel.consultation.bootstrap import create_app as consultation_app
from peel.consultation.settings import ConsultationSettings
from peel.notifications.bootstrap import create_app as notifications_app
from peel.notifications.settings import NotificationsSettings
from peel.reporting.bootstrap import create_app as reporting_app
from peel.reporting.settings import ReportingSettings
from peel.scheduling.bootstrap import create_app as scheduling_app
from peel.scheduling.settings import SchedulingSettings
from tests.support.servers import service_settings, serving


@dataclass
class Platform:
    consultation: httpx.AsyncClient
    reporting: httpx.AsyncClient
    notifications: httpx.AsyncClient


SERVICES = {
    "notifications": (notifications_app, NotificationsSettings),
    "consultation": (consultation_app, ConsultationSettings),
    "reporting": (reporting_app, ReportingSettings),
}


@pytest.fixture
async def platform(
    infra, new_database: Callable[[], Awaitable[str]], topic_prefix: str, key_dir: Path, tmp_path: Path
) -> AsyncIterator[Platform]:
    async with AsyncExitStack() as stack:
        clients = {}
        for name, (create_app, settings_class) in SERVICES.items():
            settings = service_settings(settings_class, dsn=await new_database(), kafka=infra.kafka_bootstrap,
                                        prefix=topic_prefix, key_dir=key_dir, **wiring(name, clients, tmp_path))
            url = await stack.enter_async_context(serving(create_app(settings)))
            clients[name] = await stack.enter_async_context(httpx.AsyncClient(base_url=url, timeout=10))
        yield Platform(**clients)


@dataclass
class Scheduling:
    """The scheduling service on its own: its client, its app (to override the clock) and its database."""

    client: httpx.AsyncClient
    app: FastAPI
    dsn: str


@pytest.fixture
async def scheduling(infra, new_database: Callable[[], Awaitable[str]], topic_prefix: str,
                     key_dir: Path) -> AsyncIterator[Scheduling]:
    dsn = await new_database()
    app = scheduling_app(service_settings(SchedulingSettings, dsn=dsn, kafka=infra.kafka_bootstrap,
                                          prefix=topic_prefix, key_dir=key_dir, **SCHEDULING_SETTINGS))
    async with serving(app) as url, httpx.AsyncClient(base_url=url, timeout=30) as client:
        yield Scheduling(client, app, dsn)


SCHEDULING_SETTINGS: dict[str, Any] = {"link_secret": "scheduling-test-link-secret-0123456789"}


def wiring(name: str, clients: dict[str, httpx.AsyncClient], tmp_path: Path) -> dict:
    """Consultation sends receipts through notifications, which writes them as files in the test's folder."""
    if name == "notifications":
        return {"mail_dir": tmp_path / "mail"}
    if name == "consultation":
        return {"notifications_url": str(clients["notifications"].base_url)}
    return {}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


SURVEY = {
    "title": {"en": "Policing priorities", "cy": "Blaenoriaethau plismona"},
    "kind": "survey",
    "closes_at": "2099-01-31T23:59:00Z",
    "questions": [
        {"key": "priority", "type": "single_choice", "text": {"en": "Which matters most?"},
         "options": [{"key": "asb", "text": {"en": "Anti-social behaviour"}},
                     {"key": "roads", "text": {"en": "Road safety"}}]},
        {"key": "comments", "type": "free_text", "text": {"en": "Anything else?"}, "required": False,
         "max_length": 2000},
    ],
}
