"""What a service runs beside its HTTP routes: migrations, pool, outbox relay and consumers.

HTTP writes need only PostgreSQL: with Kafka down, state changes and their outbox rows
are still accepted, and the relay and consumers catch up when the broker returns.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
from aiokafka import AIOKafkaProducer

from peel.common.contracts import registry
from peel.common.db.migrations import migrate
from peel.common.db.pool import create_pool
from peel.common.events.registry import dead_letter_topic
from peel.common.messaging.consumer import Handler, IdempotentConsumer
from peel.common.messaging.kafka import ensure_topics, idempotent_producer
from peel.common.outbox import OutboxRelay
from peel.common.settings import ServiceSettings

log = logging.getLogger(__name__)
STOP_SECONDS = 10


@dataclass(frozen=True)
class ConsumerSpec:
    """A consumer group: its name, the producing services it reads, and a handler per event type.

    A group with no handlers yet is not run (it would handle nothing): its topics are still made."""

    name: str
    services: Sequence[str]
    handlers: Mapping[str, Handler] = field(default_factory=dict)


@dataclass(frozen=True)
class BackgroundTask:
    """Work a service runs beside its routes (a clock, say), restarted with backoff if it fails."""

    name: str
    run: Callable[[ServiceRuntime], Awaitable[None]]


class ServiceRuntime:
    def __init__(
        self,
        settings: ServiceSettings,
        migrations: Path,
        consumers: Sequence[ConsumerSpec] = (),
        background: Sequence[BackgroundTask] = (),
        *,
        kafka: bool = True,
    ) -> None:
        self.settings = settings
        self._uses_kafka = kafka
        self._migrations = migrations
        self._consumer_specs = list(consumers)
        self._background = list(background)
        self._pool: asyncpg.Pool | None = None
        self.producer: AIOKafkaProducer | None = None
        self.relay: OutboxRelay | None = None
        self.consumers: list[IdempotentConsumer] = []
        self._kafka_ready = asyncio.Event()
        self._tasks: list[asyncio.Task] = []

    @property
    def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            raise RuntimeError("the runtime has not started")
        return self._pool

    def topics(self) -> list[str]:
        consumed = [self.settings.topic(service) for spec in self._consumer_specs for service in spec.services]
        own = self.settings.topic()
        return sorted({own, *consumed, *map(dead_letter_topic, [own, *consumed])})

    async def start(self) -> None:
        settings = self.settings
        await migrate(settings.dsn, self._migrations)
        self._pool = await create_pool(settings.dsn, min_size=settings.pool_min_size, max_size=settings.pool_max_size)
        if not self._uses_kafka:  # a service with no events (the web pages) needs only its database
            return
        self._spawn("kafka", self._connect_kafka)
        if settings.outbox_relay_in_process:
            self.relay = outbox_relay(settings, self._pool)
            self._spawn("outbox-relay", self.relay.run)
        for spec in filter(lambda spec: spec.handlers, self._consumer_specs):
            self._spawn(spec.name, lambda spec=spec: self._consume(spec))
        for task in self._background:
            self._spawn(task.name, lambda task=task: task.run(self))

    def _producer(self) -> AIOKafkaProducer:
        return service_producer(self.settings)

    async def _connect_kafka(self) -> None:
        settings = self.settings
        await ensure_topics(settings.kafka_bootstrap, self.topics(), partitions=settings.kafka_partitions,
                            replication=settings.kafka_replication_factor)
        producer = self._producer()
        await producer.start()
        self.producer = producer
        self._kafka_ready.set()

    async def _consume(self, spec: ConsumerSpec) -> None:
        await self._kafka_ready.wait()
        assert self.producer is not None
        consumer = IdempotentConsumer(
            name=f"{self.settings.kafka_topic_prefix}{spec.name}",
            topics=[self.settings.topic(service) for service in spec.services],
            handlers=spec.handlers, registry=registry, pool=self.pool,
            bootstrap=self.settings.kafka_bootstrap, dead_letters=self.producer,
        )
        self.consumers.append(consumer)
        try:
            await consumer.run()
        finally:
            self.consumers.remove(consumer)

    def _spawn(self, name: str, work: Callable[[], Awaitable[None]]) -> None:
        self._tasks.append(asyncio.create_task(_supervise(name, work), name=name))

    async def readiness(self) -> dict[str, str]:
        checks = {"database": await self._check_database()}
        if self._uses_kafka:
            checks["kafka"] = await self._check_kafka()
        return checks

    async def _check_database(self) -> str:
        try:
            async with asyncio.timeout(2):
                await self.pool.fetchval("SELECT 1")
            return "ok"
        except Exception as error:  # noqa: BLE001 - readiness reports, it does not raise
            return f"unreachable: {type(error).__name__}"

    async def _check_kafka(self) -> str:
        if self.producer is None:
            return "not connected yet"
        try:
            async with asyncio.timeout(2):
                reachable = await self.producer.client.force_metadata_update()
            return "ok" if reachable else "unreachable"
        except Exception as error:  # noqa: BLE001 - readiness reports, it does not raise
            return f"unreachable: {type(error).__name__}"

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        _, unfinished = await asyncio.wait(self._tasks, timeout=STOP_SECONDS) if self._tasks else (set(), set())
        for task in unfinished:
            log.warning("background task did not stop within %ss", STOP_SECONDS, extra={"task": task.get_name()})
        self._tasks.clear()
        if self.producer is not None:
            await self.producer.stop()
            self.producer = None
        if self._pool is not None:
            await close_pool(self._pool)
            self._pool = None


async def close_pool(pool: asyncpg.Pool) -> None:
    """Close gracefully, or after ``STOP_SECONDS`` close whatever connections are still in use."""
    try:
        await asyncio.wait_for(pool.close(), STOP_SECONDS)
    except TimeoutError:
        log.warning("database connections still in use after %ss; closing them", STOP_SECONDS)
        pool.terminate()


def service_producer(settings: ServiceSettings) -> AIOKafkaProducer:
    return idempotent_producer(settings.kafka_bootstrap, f"peel-{settings.service_name}")


def outbox_relay(settings: ServiceSettings, pool: asyncpg.Pool) -> OutboxRelay:
    """The relay publishing the service's outbox, with the service's settings."""
    return OutboxRelay(
        pool, lambda: service_producer(settings), settings.kafka_bootstrap,
        batch_size=settings.outbox_batch_size, poll_seconds=settings.outbox_poll_seconds,
    )


async def _supervise(name: str, work: Callable[[], Awaitable[None]]) -> None:
    """Run ``work`` to completion, restarting it with backoff whenever it fails."""
    failures = 0
    while True:
        try:
            await work()
            return
        except asyncio.CancelledError:
            raise
        except Exception:
            failures += 1
            log.exception("background task failed; restarting", extra={"task": name, "failures": failures})
            await asyncio.sleep(min(30.0, 0.5 * 2 ** min(failures, 6)))
