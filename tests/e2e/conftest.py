"""The services running over HTTP for end-to-end tests: consultation, notifications and reporting together
(``platform``), scheduling on its own (``scheduling``), and consultation with notifications and a real SMTP
server (``mail``)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from pathlib import Path

import httpx
import pytest

from peel.consultation.bootstrap import create_app as consultation_app
from peel.consultation.settings import ConsultationSettings
from peel.notifications.bootstrap import create_app as notifications_app
from peel.notifications.settings import NotificationsSettings
from peel.reporting.bootstrap import create_app as reporting_app
from peel.reporting.settings import ReportingSettings
from peel.scheduling.bootstrap import create_app as scheduling_app
from peel.scheduling.settings import SchedulingSettings
from tests.support.mail_platform import MailPlatform, mail_platform
from tests.support.platform import SCHEDULING_SETTINGS, Platform, Scheduling
from tests.support.servers import service_settings, serving

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


@pytest.fixture
async def scheduling(infra, new_database: Callable[[], Awaitable[str]], topic_prefix: str,
                     key_dir: Path) -> AsyncIterator[Scheduling]:
    dsn = await new_database()
    app = scheduling_app(service_settings(SchedulingSettings, dsn=dsn, kafka=infra.kafka_bootstrap,
                                          prefix=topic_prefix, key_dir=key_dir, **SCHEDULING_SETTINGS))
    async with serving(app) as url, httpx.AsyncClient(base_url=url, timeout=30) as client:
        yield Scheduling(client, app, dsn)


@pytest.fixture
async def mail(infra, new_database: Callable[[], Awaitable[str]], topic_prefix: str,
               key_dir: Path) -> AsyncIterator[MailPlatform]:
    async with mail_platform(infra, new_database, topic_prefix, key_dir) as running:
        yield running


def wiring(name: str, clients: dict[str, httpx.AsyncClient], tmp_path: Path) -> dict:
    """Consultation sends receipts through notifications, which writes them as files in the test's folder."""
    if name == "notifications":
        return {"mail_dir": tmp_path / "mail"}
    if name == "consultation":
        return {"notifications_url": str(clients["notifications"].base_url)}
    return {}
