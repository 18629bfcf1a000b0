"""Publishes outbox rows to Kafka, in order per key, through broker outages and restarts.

One relay per service database leads at a time (a PostgreSQL advisory lock); other
replicas stand by and take over when the leader's session ends. The leader claims rows
with ``FOR UPDATE SKIP LOCKED`` in id order, publishes them with an idempotent producer,
waits for every acknowledgement and only then marks them published, together with the
end offset reached in each partition. After a failure, or when it becomes leader, it
first reads the partitions from those offsets and marks what already reached Kafka, so
a relay killed mid-batch neither loses nor duplicates an event.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import asyncpg
from aiokafka import AIOKafkaProducer, TopicPartition
from aiokafka.errors import KafkaError
from opentelemetry.trace import SpanKind

from peel.common.messaging.kafka import reader
from peel.common.outbox.writer import NOTIFY_CHANNEL
from peel.common.telemetry import context_from_traceparent, meter, tracer

log = logging.getLogger(__name__)
LEADER_LOCK = 0x7065656C_6F757462  # "peeloutb"

CLAIM = """
WITH claimed AS (
    SELECT id FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
)
SELECT o.id, o.topic, o.message_key, o.event_type, o.payload, o.traceparent
FROM outbox o JOIN claimed USING (id)
WHERE NOT EXISTS (
    SELECT 1 FROM outbox earlier
    WHERE earlier.published_at IS NULL AND earlier.message_key = o.message_key
      AND earlier.id < o.id AND earlier.id NOT IN (SELECT id FROM claimed)
)
ORDER BY o.id
"""
MARK_PUBLISHED = "UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])"
MARK_FOUND = "UPDATE outbox SET published_at = now() WHERE published_at IS NULL AND event_id = ANY($1::uuid[])"
SAVE_POSITION = """
INSERT INTO outbox_relay_positions (topic, partition, next_offset) VALUES ($1, $2, $3)
ON CONFLICT (topic, partition) DO UPDATE
SET next_offset = GREATEST(outbox_relay_positions.next_offset, EXCLUDED.next_offset)
"""
TRANSIENT = (KafkaError, OSError, asyncio.TimeoutError)

Offsets = dict[tuple[str, int], int]


@dataclass
class RelayStats:
    published: int = 0
    recovered: int = 0
    failures: int = 0
    backlog: int = 0
    leading: bool = False
    batches: int = field(default=0)


class OutboxRelay:
    def __init__(
        self,
        pool: asyncpg.Pool,
        producer_factory: Callable[[], AIOKafkaProducer],
        bootstrap: str,
        *,
        batch_size: int = 500,
        poll_seconds: float = 1.0,
        standby_seconds: float = 2.0,
        max_backoff_seconds: float = 10.0,
    ) -> None:
        self._pool = pool
        self._producer_factory = producer_factory
        self._bootstrap = bootstrap
        self._batch_size = batch_size
        self._poll_seconds = poll_seconds
        self._standby_seconds = standby_seconds
        self._max_backoff = max_backoff_seconds
        self.stats = RelayStats()
        meter().create_observable_gauge(
            "peel.outbox.backlog", callbacks=[self._observe_backlog], description="Outbox rows not yet published"
        )

    def _observe_backlog(self, _options):  # noqa: ANN202 - OpenTelemetry callback
        from opentelemetry.metrics import Observation

        return [Observation(self.stats.backlog)]

    async def run(self) -> None:
        """Lead when possible, stand by otherwise; never returns until cancelled."""
        while True:
            try:
                await self._lead()
            except asyncio.CancelledError:
                raise
            except Exception:
                self.stats.failures += 1
                log.exception("outbox relay lost its database session; retrying")
                await asyncio.sleep(self._backoff(1))

    async def _lead(self) -> None:
        async with self._pool.acquire() as connection:
            while not await connection.fetchval("SELECT pg_try_advisory_lock($1)", LEADER_LOCK):
                await asyncio.sleep(self._standby_seconds)
            wake = asyncio.Event()
            listener = lambda *_: wake.set()  # noqa: E731
            await connection.add_listener(NOTIFY_CHANNEL, listener)
            self.stats.leading = True
            try:
                await self._publish_forever(wake)
            finally:
                self.stats.leading = False
                await _release(connection, listener)

    async def _publish_forever(self, wake: asyncio.Event) -> None:
        producer: AIOKafkaProducer | None = None
        failures = 0
        try:
            while True:
                wake.clear()
                try:
                    if producer is None:
                        producer = await self._start_producer()
                        await self.reconcile(producer)
                    published = await self._publish_batch(producer)
                    failures = 0
                except TRANSIENT as error:
                    failures += 1
                    self.stats.failures += 1
                    log.warning("outbox relay cannot publish; will retry", extra={"error": repr(error)})
                    producer = await _close(producer)
                    await asyncio.sleep(self._backoff(failures))
                    continue
                if published < self._batch_size:
                    await self._idle(wake)
        finally:
            await _close(producer)

    async def _idle(self, wake: asyncio.Event) -> None:
        try:
            await asyncio.wait_for(wake.wait(), self._poll_seconds)
        except TimeoutError:
            await self._refresh_backlog()

    async def _start_producer(self) -> AIOKafkaProducer:
        producer = self._producer_factory()
        try:
            await producer.start()
        except BaseException:
            await _close(producer)
            raise
        return producer

    async def _publish_batch(self, producer: AIOKafkaProducer) -> int:
        async with self._pool.acquire() as connection, connection.transaction():
            rows = await connection.fetch(CLAIM, self._batch_size)
            if not rows:
                self.stats.backlog = 0
                return 0
            ends = await _send_all(producer, rows)
            await connection.execute(MARK_PUBLISHED, [row["id"] for row in rows])
            await _save_positions(connection, ends)
        self.stats.published += len(rows)
        self.stats.batches += 1
        return len(rows)

    async def reconcile(self, producer: AIOKafkaProducer) -> int:
        """Mark as published the pending rows whose events already reached Kafka."""
        async with self._pool.acquire() as connection:
            topics = [row["topic"] for row in await connection.fetch(PENDING_TOPICS)]
            if not topics:
                return 0
            positions = {(r["topic"], r["partition"]): r["next_offset"] for r in await connection.fetch(POSITIONS)}
        event_ids, ends = await _scan(self._bootstrap, producer, topics, positions)
        async with self._pool.acquire() as connection, connection.transaction():
            found = await connection.execute(MARK_FOUND, list(event_ids))
            await _save_positions(connection, ends)
        recovered = int(found.split()[-1])
        self.stats.recovered += recovered
        if recovered:
            log.info("outbox relay found events already on Kafka", extra={"events": recovered})
        return recovered

    async def _refresh_backlog(self) -> None:
        async with self._pool.acquire() as connection:
            self.stats.backlog = await connection.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL")

    def _backoff(self, failures: int) -> float:
        return min(self._max_backoff, 0.2 * 2 ** min(failures, 10))


PENDING_TOPICS = "SELECT DISTINCT topic FROM outbox WHERE published_at IS NULL"
POSITIONS = "SELECT topic, partition, next_offset FROM outbox_relay_positions"


async def _send_all(producer: AIOKafkaProducer, rows: Iterable[asyncpg.Record]) -> Offsets:
    """Send in id order and wait for every acknowledgement; returns the end offset per partition."""
    pending = []
    for row in rows:
        with tracer().start_as_current_span(
            f"{row['topic']} publish",
            context=context_from_traceparent(row["traceparent"]),
            kind=SpanKind.PRODUCER,
            attributes={"messaging.system": "kafka", "messaging.destination.name": row["topic"]},
        ):
            pending.append(await producer.send(row["topic"], row["payload"], key=row["message_key"].encode(),
                                               headers=_headers(row)))
    ends: Offsets = {}
    for metadata in await asyncio.gather(*pending):
        place = (metadata.topic, metadata.partition)
        ends[place] = max(ends.get(place, 0), metadata.offset + 1)
    return ends


def _headers(row: asyncpg.Record) -> list[tuple[str, bytes]]:
    headers = [("content-type", b"application/cloudevents+json")]
    if row["traceparent"]:
        headers.append(("traceparent", row["traceparent"].encode()))
    return headers


async def _save_positions(connection: asyncpg.Connection, ends: Offsets) -> None:
    if ends:
        await connection.executemany(SAVE_POSITION, [(topic, part, offset) for (topic, part), offset in ends.items()])


async def _scan(
    bootstrap: str, producer: AIOKafkaProducer, topics: list[str], positions: Offsets
) -> tuple[set[str], Offsets]:
    """Read each partition from the relay's last known end to the current end; collect event ids."""
    partitions = [TopicPartition(topic, p) for topic in topics for p in sorted(await producer.partitions_for(topic))]
    consumer = reader(bootstrap, "peel-outbox-reconcile")
    await consumer.start()
    try:
        consumer.assign(partitions)
        ends = await consumer.end_offsets(partitions)
        for tp in partitions:
            consumer.seek(tp, positions.get((tp.topic, tp.partition), 0))
        return await _read_until(consumer, ends), {(tp.topic, tp.partition): end for tp, end in ends.items()}
    finally:
        await consumer.stop()


async def _read_until(consumer, ends: dict[TopicPartition, int]) -> set[str]:  # noqa: ANN001
    event_ids: set[str] = set()
    remaining = {tp for tp, end in ends.items() if await consumer.position(tp) < end}
    while remaining:
        batches = await consumer.getmany(*remaining, timeout_ms=1_000)
        for records in batches.values():
            event_ids.update(filter(None, map(_event_id, records)))
        remaining = {tp for tp in remaining if await consumer.position(tp) < ends[tp]}
    return event_ids


def _event_id(record) -> str | None:  # noqa: ANN001
    try:
        return str(json.loads(record.value)["id"])
    except (ValueError, KeyError, TypeError):
        return None


async def _close(producer: AIOKafkaProducer | None) -> None:
    if producer is not None:
        try:
            await producer.stop()
        except Exception:  # noqa: BLE001 - closing a broken producer must not mask the original error
            log.debug("producer did not stop cleanly", exc_info=True)
    return None


async def _release(connection: asyncpg.Connection, listener: Callable) -> None:
    try:
        await connection.remove_listener(NOTIFY_CHANNEL, listener)
        await connection.execute("SELECT pg_advisory_unlock($1)", LEADER_LOCK)
    except (asyncpg.PostgresError, OSError):
        log.debug("leader session already gone", exc_info=True)
