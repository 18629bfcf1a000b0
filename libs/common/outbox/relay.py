"""Publishes outbox rows to Kafka, in order per key, through broker outages and restarts.

One relay per service database leads at a time (a PostgreSQL advisory lock); other
replicas stand by and take over when the leader's session ends. The leader claims rows
with ``FOR UPDATE SKIP LOCKED`` in id order and deletes them in the same statement,
publishes them with an idempotent producer and commits only once Kafka has acknowledged
every one, recording the end offset reached in each partition in the same transaction
(a failed send rolls the rows back into the outbox). After a failure, or when it becomes
leader, it first reads the partitions from those offsets and deletes the rows whose
events already reached Kafka, so a relay killed mid-batch neither loses nor duplicates
an event.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import time
from collections.abc import Awaitable, Callable, Iterable
from contextlib import AbstractContextManager, suppress
from dataclasses import dataclass, field

import asyncpg
from aiokafka import AIOKafkaProducer, TopicPartition
from aiokafka.errors import KafkaError
from opentelemetry.metrics import Observation
from opentelemetry.trace import Span, SpanKind

from peel.common.messaging.kafka import reader
from peel.common.outbox.writer import NOTIFY_CHANNEL
from peel.common.telemetry import context_from_traceparent, tracer
from peel.common.telemetry.tracing import observe_all

log = logging.getLogger(__name__)
LEADER_LOCK = 0x7065656C_6F757462  # "peeloutb"

# Only the leader claims, in id order, so rows of one key are published in the order written
# (a key's rows are written in commit order: they change the same aggregate row first).
CLAIM = """
DELETE FROM outbox WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
RETURNING id, topic, message_key, payload, traceparent
"""
# A relay transaction lost in a crash is recovered by reconciliation (rows and positions
# roll back together, and the events are found on Kafka), so it need not wait for fsync.
RECOVERABLE = "SET LOCAL synchronous_commit = off"
MARK_FOUND = "DELETE FROM outbox WHERE event_id = ANY($1::uuid[])"
SAVE_POSITION = """
INSERT INTO outbox_relay_positions (topic, partition, next_offset) VALUES ($1, $2, $3)
ON CONFLICT (topic, partition) DO UPDATE
SET next_offset = GREATEST(outbox_relay_positions.next_offset, EXCLUDED.next_offset)
"""
TRANSIENT = (KafkaError, OSError, asyncio.TimeoutError)

Offsets = dict[tuple[str, int], int]
_RELAYS = observe_all(
    "peel.outbox.backlog", "Outbox rows not yet published", lambda relay: [Observation(relay.stats.backlog)]
)


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
        linger_seconds: float = 0.02,
        standby_seconds: float = 2.0,
        max_backoff_seconds: float = 10.0,
    ) -> None:
        self._pool = pool
        self._producer_factory = producer_factory
        self._bootstrap = bootstrap
        self._batch_size = batch_size
        self._poll_seconds = poll_seconds
        self._linger = linger_seconds
        self._standby_seconds = standby_seconds
        self._max_backoff = max_backoff_seconds
        self.stats = RelayStats()
        self._backlog_measured_at = 0.0
        _RELAYS.add(self)

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
                await self._measure_backlog()
                if published < self._batch_size:
                    await self._idle(wake)
        finally:
            await _close(producer)

    async def _idle(self, wake: asyncio.Event) -> None:
        """Linger while rows trickle in; when none are left, say we wait (the next write notifies)."""
        async with self._pool.acquire() as connection:
            if await connection.fetchval(ANY_LEFT):
                await asyncio.sleep(self._linger)  # let a few more rows arrive: fewer, fuller batches
                return
            await connection.execute("UPDATE outbox_relay_state SET waiting = true")
            if await connection.fetchval(ANY_LEFT):
                return  # written just before we said so: no notification will come for it
        with suppress(TimeoutError):
            await asyncio.wait_for(wake.wait(), self._poll_seconds)

    async def _measure_backlog(self) -> None:
        """Count what waits, for the ``peel.outbox.backlog`` gauge, every few seconds."""
        now = time.monotonic()
        if now - self._backlog_measured_at >= BACKLOG_EVERY_SECONDS:
            self._backlog_measured_at = now
            async with self._pool.acquire() as connection:
                self.stats.backlog = await connection.fetchval("SELECT count(*) FROM outbox")

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
            await connection.execute(RECOVERABLE)
            rows = sorted(await connection.fetch(CLAIM, self._batch_size), key=lambda row: row["id"])
            if not rows:
                return 0
            await _save_positions(connection, await _send_all(producer, rows))
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

    def _backoff(self, failures: int) -> float:
        return min(self._max_backoff, 0.2 * 2 ** min(failures, 10))


PENDING_TOPICS = "SELECT DISTINCT topic FROM outbox"
ANY_LEFT = "SELECT EXISTS (SELECT 1 FROM outbox)"
BACKLOG_EVERY_SECONDS = 5.0
POSITIONS = "SELECT topic, partition, next_offset FROM outbox_relay_positions"


async def _send_all(producer: AIOKafkaProducer, rows: Iterable[asyncpg.Record]) -> Offsets:
    """Send in id order and wait for every acknowledgement; returns the end offset per partition."""
    pending = []
    for row in rows:
        if row["traceparent"]:
            with _publish_span(row):
                pending.append(await _send(producer, row))
        else:
            pending.append(await _send(producer, row))
    ends: Offsets = {}
    for metadata in await asyncio.gather(*pending):
        place = (metadata.topic, metadata.partition)
        ends[place] = max(ends.get(place, 0), metadata.offset + 1)
    return ends


def _send(producer: AIOKafkaProducer, row: asyncpg.Record) -> Awaitable[asyncio.Future]:
    return producer.send(row["topic"], row["payload"], key=row["message_key"].encode(), headers=_headers(row))


def _publish_span(row: asyncpg.Record) -> AbstractContextManager[Span]:
    """A producer span continuing the trace of the request that wrote the row."""
    return tracer().start_as_current_span(
        f"{row['topic']} publish", context=context_from_traceparent(row["traceparent"]), kind=SpanKind.PRODUCER,
        attributes={"messaging.system": "kafka", "messaging.destination.name": row["topic"]},
    )


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
        except Exception:  # closing a broken producer must not mask the original error
            log.debug("producer did not stop cleanly", exc_info=True)
    return None


async def _release(connection: asyncpg.Connection, listener: Callable) -> None:
    """Stop listening and give up leadership; a session that cannot is closed, never pooled holding the lock."""
    try:
        await connection.remove_listener(NOTIFY_CHANNEL, listener)
        await connection.execute("SELECT pg_advisory_unlock($1)", LEADER_LOCK)
    except BaseException:
        log.debug("leader session could not be released cleanly; closing it", exc_info=True)
        connection.terminate()
        if not isinstance(sys.exc_info()[1], Exception):
            raise
