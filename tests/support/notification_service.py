"""The notifications service alone over HTTP, writing its emails to a folder (the ``mail_dir`` adapter)."""

from __future__ import annotations

import email
import email.policy
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

import httpx
import pytest

from peel.notifications.bootstrap import create_app
from peel.notifications.settings import NotificationsSettings
from tests.support.mail_platform import fetch_value
from tests.support.notification_events import published
from tests.support.servers import service_settings, serving


@dataclass
class NotificationsService:
    api: httpx.AsyncClient
    dsn: str
    kafka: str
    prefix: str
    mail: Path

    def emails(self) -> list[EmailMessage]:
        """The emails written so far, in the order of their file names."""
        return [email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
                for path in sorted(self.mail.glob("*.eml"))] if self.mail.exists() else []

    async def events(self, *types: str, kind: str = "") -> list[dict]:
        """The service's events whose type begins with ``kind``, once all are published and ``types`` arrived."""
        return await published(self.dsn, self.kafka, f"{self.prefix}notifications.events", *types, kind=kind)

    async def value(self, query: str, *arguments: object) -> object:
        return await fetch_value(self.dsn, query, *arguments)


@asynccontextmanager
async def notifications_service(infra, new_database: Callable[[], Awaitable[str]], topic_prefix: str, key_dir: Path,
                                mail: Path, **settings: object) -> AsyncIterator[NotificationsService]:
    """A fresh database, and the service on it with ``settings`` (poll intervals and the like) added."""
    dsn = await new_database()
    app = create_app(service_settings(NotificationsSettings, dsn=dsn, kafka=infra.kafka_bootstrap, prefix=topic_prefix,
                                      key_dir=key_dir, mail_dir=mail, **settings))
    async with serving(app) as url, httpx.AsyncClient(base_url=url, timeout=20) as client:
        yield NotificationsService(client, dsn, infra.kafka_bootstrap, topic_prefix, mail)


def notifications_fixture(**settings: object) -> Callable[..., AsyncIterator[NotificationsService]]:
    """A ``notifications`` fixture: the service with ``settings``, its mail in the test's own folder."""
    @pytest.fixture
    async def notifications(infra, new_database: Callable[[], Awaitable[str]], topic_prefix: str, key_dir: Path,
                            tmp_path: Path) -> AsyncIterator[NotificationsService]:
        async with notifications_service(infra, new_database, topic_prefix, key_dir, tmp_path / "mail",
                                         **settings) as service:
            yield service

    return notifications
