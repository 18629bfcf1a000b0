"""The reporting service over HTTP for reporting's end-to-end tests: the ``reporting`` fixture (the
service alone, on a new database, its clock set to the hand-worked streams' day), a wait for an
answer, and publishing events as the other services' outbox relays would."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from peel.common.events import Envelope
from peel.common.messaging.kafka import ensure_topics, idempotent_producer
from peel.reporting.bootstrap import create_app as reporting_app
from peel.reporting.read_models._http import reporting_now, reporting_today
from peel.reporting.settings import ReportingSettings
from tests.support.reporting_meetings_events import TODAY
from tests.support.reporting_scheduling_events import NOW
from tests.support.servers import eventually, service_settings, serving


@dataclass
class Reporting:
    client: httpx.AsyncClient
    topic: str
    bootstrap: str

    async def publish(self, envelopes: list[Envelope]) -> None:
        producer = idempotent_producer(self.bootstrap, "test-scheduling")
        await producer.start()
        try:
            for envelope in envelopes:
                await producer.send(self.topic, envelope.to_json(), key=envelope.subject.encode(),
                                    headers=envelope.headers())
            await producer.flush()
        finally:
            await producer.stop()


@pytest.fixture
async def reporting(infra, new_database, topic_prefix: str, key_dir: Path) -> AsyncIterator[Reporting]:
    settings = service_settings(ReportingSettings, dsn=await new_database(), kafka=infra.kafka_bootstrap,
                                prefix=topic_prefix, key_dir=key_dir)
    topic = settings.topic("scheduling")
    await ensure_topics(infra.kafka_bootstrap, [topic, f"{topic}.dlq"], partitions=3, replication=1)
    app = reporting_app(settings)
    app.dependency_overrides[reporting_now] = lambda: NOW
    app.dependency_overrides[reporting_today] = lambda: TODAY
    async with serving(app) as url, httpx.AsyncClient(base_url=url, timeout=10) as client:
        yield Reporting(client, topic, infra.kafka_bootstrap)


async def answered(client: httpx.AsyncClient, url: str, headers: dict, ready) -> dict:
    async def check() -> dict | None:
        found = await client.get(url, headers=headers)
        return found.json() if found.status_code == 200 and ready(found.json()) else None

    return await eventually(check, within=30)


@asynccontextmanager
async def consultation_events(bootstrap: str, prefix: str) -> AsyncIterator:
    """Puts envelopes on the consultation service's topic, as its outbox relay would."""
    topic = f"{prefix}consultation.events"
    await ensure_topics(bootstrap, [topic], partitions=3, replication=1)
    producer = idempotent_producer(bootstrap, "test-consultation")
    await producer.start()

    async def publish(*envelopes: Envelope) -> None:
        for envelope in envelopes:
            await producer.send(topic, envelope.to_json(), key=envelope.subject.encode(), headers=envelope.headers())
        await producer.flush()

    try:
        yield publish
    finally:
        await producer.stop()
