"""Consultation and notifications over HTTP, with a real SMTP server in the test process (the ``mail`` fixture).

Retries wait a few hundredths of a second here, and a message fails after three attempts.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx

from peel.common.auth.keys import mint_token
from peel.consultation.bootstrap import create_app as consultation_app
from peel.consultation.settings import ConsultationSettings
from peel.notifications.bootstrap import create_app as notifications_app
from peel.notifications.settings import NotificationsSettings
from tests.support.servers import service_settings, serving
from tests.support.smtp import SmtpSink, smtp_sink
from tests.support.tokens import AUDIENCE, ISSUER, bearer

ATTEMPTS = 3
FAST = {"delivery_poll_seconds": 0.05, "delivery_retry_seconds": 0.05, "delivery_retry_max_seconds": 0.2,
        "delivery_max_attempts": ATTEMPTS, "delivery_outage_seconds": 0.05, "delivery_outage_max_seconds": 0.2}
PENDING = "SELECT count(*) FROM {table} WHERE status IN ('created', 'sending')"


@dataclass
class MailPlatform:
    consultation: httpx.AsyncClient
    notifications: httpx.AsyncClient
    sink: SmtpSink
    consultation_db: str
    notifications_db: str
    key_dir: Path
    kafka_bootstrap: str
    topic_prefix: str

    def client_token(self, subject: str, tenant: str = "cheshire", scope: str = "notifications:send") -> dict:
        private = (self.key_dir / "jwt-private.pem").read_bytes()
        return bearer(mint_token(private, tenant=tenant, scopes=[scope], subject=subject, issuer=ISSUER,
                                 audience=AUDIENCE))

    async def nothing_pending(self) -> bool:
        """Every receipt handed to notifications and every message delivered or given up on."""
        contacts = await fetch_value(self.consultation_db, PENDING.format(table="response_contacts"))
        return contacts == 0 and await fetch_value(self.notifications_db, PENDING.format(table="messages")) == 0


async def fetch_value(dsn: str, query: str, *arguments: object) -> object:
    connection = await asyncpg.connect(dsn)
    try:
        return await connection.fetchval(query, *arguments)
    finally:
        await connection.close()


@dataclass
class Notifying:
    """The notifications service sending to an SMTP server in the test process, and how to reach both."""

    sink: SmtpSink
    url: str
    dsn: str
    common: dict  # the settings every service of the test shares


async def notifications_with_sink(stack: AsyncExitStack, infra, new_database: Callable[[], Awaitable[str]],
                                  topic_prefix: str, key_dir: Path) -> Notifying:
    sink = await stack.enter_async_context(smtp_sink())
    common = {"kafka": infra.kafka_bootstrap, "prefix": topic_prefix, "key_dir": key_dir}
    dsn = await new_database()
    url = await stack.enter_async_context(serving(notifications_app(service_settings(
        NotificationsSettings, dsn=dsn, smtp_host="127.0.0.1", smtp_port=sink.port, **FAST, **common))))
    return Notifying(sink, url, dsn, common)


@asynccontextmanager
async def mail_platform(infra, new_database: Callable[[], Awaitable[str]], topic_prefix: str,
                        key_dir: Path) -> AsyncIterator[MailPlatform]:
    async with AsyncExitStack() as stack:
        notifying = await notifications_with_sink(stack, infra, new_database, topic_prefix, key_dir)
        sink, notifications_url, common = notifying.sink, notifying.url, notifying.common
        databases = [await new_database(), notifying.dsn]
        consultation_url = await stack.enter_async_context(serving(consultation_app(service_settings(
            ConsultationSettings, dsn=databases[0], notifications_url=notifications_url, delivery_poll_seconds=0.05,
            **common))))
        clients = [await stack.enter_async_context(httpx.AsyncClient(base_url=url, timeout=10))
                   for url in (consultation_url, notifications_url)]
        yield MailPlatform(*clients, sink, *databases, key_dir, infra.kafka_bootstrap, topic_prefix)
