"""The reporting consumer on the real broker and database, for reporting's integration tests: the
``reporting`` fixture (settings, pool, a producer, and the live consumer), and running it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass

import asyncpg
import pytest

from peel.common.contracts import registry
from peel.common.db.migrations import migrate
from peel.common.db.pool import create_pool
from peel.common.events import Envelope
from peel.common.messaging.consumer import IdempotentConsumer
from peel.common.messaging.kafka import ensure_topics, idempotent_producer
from peel.reporting.bootstrap import MIGRATIONS
from peel.reporting.entrypoints.consumers import READ_MODELS
from peel.reporting.settings import ReportingSettings
from tests.support.servers import eventually


@dataclass
class Reporting:
    settings: ReportingSettings
    pool: asyncpg.Pool
    producer: object

    @property
    def live_name(self) -> str:
        return f"{self.settings.kafka_topic_prefix}{READ_MODELS.name}"

    def live_consumer(self) -> IdempotentConsumer:
        return IdempotentConsumer(
            name=self.live_name, topics=[self.settings.topic(s) for s in READ_MODELS.services],
            handlers=READ_MODELS.handlers, registry=registry, pool=self.pool,
            bootstrap=self.settings.kafka_bootstrap, dead_letters=self.producer, batch_size=50,
        )

    async def send(self, envelopes: list[Envelope]) -> None:
        for envelope in envelopes:
            await self.producer.send(self.topic_of(envelope), envelope.to_json(), key=envelope.subject.encode(),
                                     headers=envelope.headers())
        await self.producer.flush()

    def topic_of(self, envelope: Envelope) -> str:
        """The topic of the service that publishes it: ``peel.<service>.<aggregate>...``."""
        return self.settings.topic(envelope.type.split(".")[1])

    async def consumed(self, count: int) -> bool:
        done = await self.pool.fetchval(
            "SELECT coalesce(sum(next_offset), 0) FROM consumer_positions WHERE consumer = $1", self.live_name)
        return done >= count


@pytest.fixture
async def reporting(infra, database, topic_prefix) -> AsyncIterator[Reporting]:
    settings = ReportingSettings(environment="test", database_url=database, kafka_bootstrap=infra.kafka_bootstrap,
                                 kafka_topic_prefix=topic_prefix)
    topics = [settings.topic(s) for s in READ_MODELS.services]
    await ensure_topics(infra.kafka_bootstrap, [*topics, *(f"{t}.dlq" for t in topics)], partitions=3, replication=1)
    await migrate(database, MIGRATIONS)
    pool = await create_pool(database)
    producer = idempotent_producer(infra.kafka_bootstrap, "test-reporting")
    await producer.start()
    try:
        yield Reporting(settings, pool, producer)
    finally:
        await producer.stop()
        await pool.close()


async def running(consumer: IdempotentConsumer) -> asyncio.Task:
    return asyncio.create_task(consumer.run())


async def stop(task: asyncio.Task) -> None:
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


async def consume(reporting: Reporting, stream: list[Envelope], before: int = 0) -> None:
    """Publishes ``stream`` and runs the live consumer until it has read it, after ``before`` records."""
    await reporting.send(stream)
    live = await running(reporting.live_consumer())
    try:
        await eventually(lambda: reporting.consumed(before + len(stream)), within=60)
    finally:
        await stop(live)
