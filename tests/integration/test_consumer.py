"""Idempotent consumers on the real broker and database: redelivery, poison messages, rebalances."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import pytest
from aiokafka.structs import ConsumerRecord

from peel.common.contracts import registry
from peel.common.contracts.consultation import ConsultationPublished
from peel.common.db.migrations import migrate
from peel.common.db.pool import create_pool
from peel.common.events import Envelope, LocalisedText
from peel.common.messaging.consumer import IdempotentConsumer
from peel.common.messaging.kafka import ensure_topics, idempotent_producer
from tests.support.kafka import read_all
from tests.support.servers import eventually

pytestmark = pytest.mark.integration
TALLIES = "CREATE TABLE tallies (consultation_id text PRIMARY KEY, applied integer NOT NULL)"


def published(consultation_id: uuid.UUID | None = None, title: str = "Priorities") -> Envelope:
    now = datetime(2027, 1, 1, tzinfo=UTC)
    event = ConsultationPublished(consultation_id=consultation_id or uuid.uuid4(), title=LocalisedText(en=title),
                                  kind="survey", opens_at=now, closes_at=now + timedelta(days=1), questions=())
    return Envelope.wrap(event, source="/peel/consultation", tenant="cheshire")


async def count_it(connection: asyncpg.Connection, envelope: Envelope) -> None:
    if envelope.data.title.en == "explode":
        raise RuntimeError("this projection cannot take that event")
    await connection.execute(
        "INSERT INTO tallies VALUES ($1, 1) ON CONFLICT (consultation_id) DO UPDATE SET applied = tallies.applied + 1",
        envelope.subject,
    )


class Harness:
    def __init__(self, dsn: str, bootstrap: str, prefix: str) -> None:
        self.dsn, self.bootstrap, self.topic = dsn, bootstrap, f"{prefix}consultation.events"
        self.group = f"{prefix}tally"

    async def __aenter__(self) -> Harness:
        await migrate(self.dsn)
        self.pool = await create_pool(self.dsn)
        await self.pool.execute(TALLIES)
        await ensure_topics(self.bootstrap, [self.topic, f"{self.topic}.dlq"], partitions=3, replication=1)
        self.producer = idempotent_producer(self.bootstrap, "test-producer")
        await self.producer.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.producer.stop()
        await self.pool.close()

    def consumer(self) -> IdempotentConsumer:
        return IdempotentConsumer(name=self.group, topics=[self.topic],
                                  handlers={ConsultationPublished.type_name: count_it}, registry=registry,
                                  pool=self.pool, bootstrap=self.bootstrap, dead_letters=self.producer, batch_size=50)

    async def send(self, value: bytes, key: bytes = b"k") -> None:
        headers = [("content-type", b"application/cloudevents+json")]
        await self.producer.send_and_wait(self.topic, value, key=key, headers=headers)

    async def tallies(self) -> dict[str, int]:
        return {row["consultation_id"]: row["applied"] for row in await self.pool.fetch("SELECT * FROM tallies")}


async def running(consumer: IdempotentConsumer) -> asyncio.Task:
    return asyncio.create_task(consumer.run())


async def stop(*tasks: asyncio.Task) -> None:
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def test_an_event_delivered_twice_is_applied_once(infra, database, topic_prefix):
    async with Harness(database, infra.kafka_bootstrap, topic_prefix) as harness:
        first, second = published(), published()
        for envelope in (first, first, second, first):
            await harness.send(envelope.to_json(), key=envelope.subject.encode())
        consumer = harness.consumer()
        task = await running(consumer)
        try:
            await eventually(lambda: _applied_and_skipped(consumer, 4))
        finally:
            await stop(task)
        assert await harness.tallies() == {first.subject: 1, second.subject: 1}


async def _applied_and_skipped(consumer: IdempotentConsumer, records: int) -> bool:
    return consumer.applied >= records


async def test_replaying_a_batch_after_a_lost_offset_commit_changes_nothing(infra, database, topic_prefix):
    async with Harness(database, infra.kafka_bootstrap, topic_prefix) as harness:
        envelopes = [published() for _ in range(5)]
        records = [ConsumerRecord(harness.topic, 0, offset, 0, 0, None, e.to_json(), None, 0, 0, [])
                   for offset, e in enumerate(envelopes)]
        consumer = harness.consumer()
        await consumer.apply(records)
        await consumer.apply(records)  # the broker redelivers: the offsets were never committed
        assert await harness.tallies() == {e.subject: 1 for e in envelopes}
        position = await harness.pool.fetchval("SELECT next_offset FROM consumer_positions WHERE consumer = $1",
                                               harness.group)
        assert position == 5


async def test_poison_messages_go_to_the_dead_letter_topic_and_later_ones_are_processed(
    infra, database, topic_prefix
):
    async with Harness(database, infra.kafka_bootstrap, topic_prefix) as harness:
        good_before, exploding, good_after = published(), published(title="explode"), published()
        await harness.send(good_before.to_json())
        await harness.send(b"{not json at all")
        await harness.send(exploding.to_json())
        await harness.send(good_after.to_json())
        consumer = harness.consumer()
        task = await running(consumer)
        try:
            await eventually(lambda: _dead_lettered(consumer, 2))
            await eventually(lambda: _tallied(harness, good_after.subject))
        finally:
            await stop(task)
        assert await harness.tallies() == {good_before.subject: 1, good_after.subject: 1}
        dead = await read_all(harness.bootstrap, f"{harness.topic}.dlq")
        headers = [dict(record.headers) for record in dead]
        assert next(record.value for record in dead) == b"{not json at all"
        assert headers[0]["peel-dlq-error"].startswith(b"InvalidEnvelope: not JSON")
        assert headers[1]["peel-dlq-error"] == b"RuntimeError: this projection cannot take that event"
        assert headers[1]["peel-dlq-attempts"] == b"3"
        assert headers[1]["peel-dlq-original-topic"] == harness.topic.encode()
        assert headers[1]["content-type"] == b"application/cloudevents+json"


async def _dead_lettered(consumer: IdempotentConsumer, count: int) -> bool:
    return consumer.dead_lettered >= count


async def _tallied(harness: Harness, subject: str) -> bool:
    return subject in await harness.tallies()


async def test_a_rebalance_neither_loses_nor_double_applies_work(infra, database, topic_prefix):
    async with Harness(database, infra.kafka_bootstrap, topic_prefix) as harness:
        envelopes = [published() for _ in range(600)]
        for envelope in envelopes:
            await harness.producer.send(harness.topic, envelope.to_json(), key=envelope.subject.encode())
        await harness.producer.flush()
        first, second = harness.consumer(), harness.consumer()
        tasks = [await running(first)]
        try:
            await eventually(lambda: _applied_and_skipped(first, 50), every=0.01)
            tasks.append(await running(second))  # joins mid-stream: the group rebalances
            await eventually(lambda: _all_tallied(harness, len(envelopes)), within=60)
        finally:
            await stop(*tasks)
        tallies = await harness.tallies()
        assert set(tallies) == {e.subject for e in envelopes}
        assert set(tallies.values()) == {1}


async def _all_tallied(harness: Harness, count: int) -> bool:
    return len(await harness.tallies()) >= count


async def test_migrations_apply_once_and_are_recorded(database):
    first = await migrate(database, Path(__file__).parents[2] / "services" / "consultation" / "migrations")
    second = await migrate(database, Path(__file__).parents[2] / "services" / "consultation" / "migrations")
    assert first[:2] == ["0001.common.outbox", "0002.common.consumers"] and "0101.consultation.consultations" in first
    assert second == []
