"""Idempotent Kafka consumers.

Each fetched batch is applied in one PostgreSQL transaction. Inside it, each event gets
a savepoint holding its ``(consumer, event_id)`` row and the handler's effect, so an
event seen before (a redelivery, or a duplicate on the topic) changes nothing. The
partition positions reached are stored in the same transaction; on assignment the
consumer resumes from them. Kafka offsets are committed only after the transaction, every
few seconds and when partitions are revoked: they show progress, the database decides.
A record that cannot be parsed, or whose handler keeps failing, is sent to
``<topic>.dlq`` with the error in its headers (before the transaction commits) and the
consumer carries on. Losing the database is not the event's fault: the batch is retried
until the database answers again, and nothing goes to the dead-letter topic for it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass

import asyncpg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRebalanceListener, TopicPartition
from aiokafka.errors import CommitFailedError, KafkaError
from aiokafka.structs import ConsumerRecord
from opentelemetry.metrics import Observation
from opentelemetry.trace import Status, StatusCode

from peel.common.events import Envelope, EventRegistry, InvalidEnvelope
from peel.common.events.registry import UnknownEventType
from peel.common.messaging.dead_letters import Failure, send_dead_letter
from peel.common.messaging.spans import process_span
from peel.common.telemetry.tracing import observe_all

log = logging.getLogger(__name__)

EventHandler = Callable[[asyncpg.Connection, Envelope], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class BatchHandler:
    """Applies a run of consecutive fresh events of its types in one call (one statement, say).

    Order is kept: a run ends where an event for another handler comes. If the batch
    fails, each event is retried alone, as a run of one.
    """

    apply: Callable[[asyncpg.Connection, Sequence[Envelope]], Awaitable[None]]


Handler = EventHandler | BatchHandler
DATABASE_DOWN = (
    asyncpg.PostgresConnectionError,
    asyncpg.CannotConnectNowError,
    asyncpg.TooManyConnectionsError,
    asyncpg.exceptions.ConnectionDoesNotExistError,
    OSError,
    TimeoutError,
)
RETRY_BATCH = (*DATABASE_DOWN, KafkaError)

CLAIM_EVENTS = """
INSERT INTO processed_events (consumer, event_id, event_type)
SELECT $1, event_id, event_type FROM unnest($2::text[], $3::text[]) AS batch (event_id, event_type)
ON CONFLICT DO NOTHING RETURNING event_id
"""
CLAIM_EVENT = """
INSERT INTO processed_events (consumer, event_id, event_type) VALUES ($1, $2, $3)
ON CONFLICT DO NOTHING RETURNING true
"""
SAVE_POSITION = """
INSERT INTO consumer_positions (consumer, topic, partition, next_offset) VALUES ($1, $2, $3, $4)
ON CONFLICT (consumer, topic, partition) DO UPDATE
SET next_offset = GREATEST(consumer_positions.next_offset, EXCLUDED.next_offset), updated_at = now()
"""
# A lost consumer transaction rolls back its effects and positions together, and the events
# are applied again from there, idempotently; so it need not wait for fsync.
RECOVERABLE = "SET LOCAL synchronous_commit = off"
LOAD_POSITIONS = "SELECT topic, partition, next_offset FROM consumer_positions WHERE consumer = $1"


_CONSUMERS = observe_all(
    "peel.consumer.lag", "Records behind the partition end", lambda consumer: consumer.lag_observations()
)


@dataclass(frozen=True, slots=True)
class Work:
    record: ConsumerRecord
    envelope: Envelope
    handler: Handler


class _ResumeFromDatabase(ConsumerRebalanceListener):
    def __init__(self, owner: IdempotentConsumer) -> None:
        self._owner = owner

    async def on_partitions_revoked(self, revoked: list[TopicPartition]) -> None:
        await self._owner.commit_offsets(revoked)

    async def on_partitions_assigned(self, assigned: list[TopicPartition]) -> None:
        await self._owner.resume(assigned)


class IdempotentConsumer:
    def __init__(
        self,
        *,
        name: str,
        topics: Sequence[str],
        handlers: Mapping[str, Handler],
        registry: EventRegistry,
        pool: asyncpg.Pool,
        bootstrap: str,
        dead_letters: AIOKafkaProducer,
        max_attempts: int = 3,
        batch_size: int = 500,
        offset_commit_seconds: float = 5.0,
    ) -> None:
        self.name = name
        self._topics = list(topics)
        self._handlers = dict(handlers)
        self._registry = registry
        self._pool = pool
        self._bootstrap = bootstrap
        self._dead_letters = dead_letters
        self._max_attempts = max_attempts
        self._batch_size = batch_size
        self._offset_commit_seconds = offset_commit_seconds
        self._offsets_committed_at = 0.0
        self._consumer: AIOKafkaConsumer | None = None
        self._done: dict[TopicPartition, int] = {}
        self.lag: dict[TopicPartition, int] = {}
        self.applied = 0
        self.dead_lettered = 0
        _CONSUMERS.add(self)

    def lag_observations(self) -> list[Observation]:
        return [
            Observation(lag, {"consumer": self.name, "topic": tp.topic, "partition": tp.partition})
            for tp, lag in self.lag.items()
        ]

    async def run(self) -> None:
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self._bootstrap,
            group_id=self.name,
            client_id=self.name,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            max_poll_records=self._batch_size,
            fetch_min_bytes=16 * 1024,  # fuller batches (one transaction each) ...
            fetch_max_wait_ms=25,  # ... for at most 25 ms more latency
        )
        consumer.subscribe(self._topics, listener=_ResumeFromDatabase(self))
        await consumer.start()
        self._consumer = consumer
        try:
            while True:
                batches = await consumer.getmany(timeout_ms=1_000, max_records=self._batch_size)
                records = [record for batch in batches.values() for record in batch]
                if records:
                    await self._apply_until_done(records)
                await self._commit_offsets_now_and_then(consumer)
                self._measure_lag(consumer)
        finally:
            self._consumer = None
            await consumer.stop()

    async def resume(self, assigned: list[TopicPartition]) -> None:
        """Continue each partition from the position stored with this consumer's effects."""
        if self._consumer is None:
            return
        async with self._pool.acquire() as connection:
            rows = await connection.fetch(LOAD_POSITIONS, self.name)
        stored = {TopicPartition(r["topic"], r["partition"]): r["next_offset"] for r in rows}
        for tp in assigned:
            if tp in stored:
                self._consumer.seek(tp, stored[tp])
                self._done[tp] = stored[tp]

    async def _commit_offsets_now_and_then(self, consumer: AIOKafkaConsumer) -> None:
        """The database holds the real positions; the group's offsets show progress to operators."""
        now = time.monotonic()
        if now - self._offsets_committed_at >= self._offset_commit_seconds:
            self._offsets_committed_at = now
            await self.commit_offsets(list(consumer.assignment()))

    async def commit_offsets(self, partitions: Sequence[TopicPartition]) -> None:
        offsets = {tp: self._done[tp] for tp in partitions if tp in self._done}
        if not offsets or self._consumer is None:
            return
        try:
            await self._consumer.commit(offsets)
        except (CommitFailedError, KafkaError) as error:
            # The database holds the real position; the group offset only shows progress.
            log.info("offset commit skipped", extra={"consumer": self.name, "error": repr(error)})

    async def _apply_until_done(self, records: list[ConsumerRecord]) -> None:
        attempt = 0
        while True:
            try:
                await self.apply(records)
                return
            except RETRY_BATCH as error:
                attempt += 1
                log.warning("database or broker unavailable; batch will be retried", extra={"error": repr(error)})
                await asyncio.sleep(min(10.0, 0.2 * 2**attempt))

    async def apply(self, records: Sequence[ConsumerRecord]) -> None:
        """Apply one batch in one transaction: effects, dedupe rows, positions and dead letters.

        The fast path claims the whole batch's event ids in one statement and runs the
        handlers without savepoints; if a handler fails, the batch is rolled back and
        applied again event by event, each in a savepoint with bounded retries.
        """
        work, failures = self._decode(records)
        async with self._pool.acquire() as connection:
            try:
                async with connection.transaction():
                    await connection.execute(RECOVERABLE)
                    await self._apply_fast(connection, work)
                    await self._finish(connection, records, failures)
            except RETRY_BATCH:
                raise
            except Exception:  # noqa: BLE001 - some handler failed: find which, event by event
                async with connection.transaction():
                    failures += await self._apply_carefully(connection, work)
                    await self._finish(connection, records, failures)
        for record in records:
            self._done[TopicPartition(record.topic, record.partition)] = record.offset + 1
        self.applied += len(records) - len(failures)
        self.dead_lettered += len(failures)

    def _decode(self, records: Sequence[ConsumerRecord]) -> tuple[list[Work], list[Failure]]:
        work, failures = [], []
        for record in records:
            try:
                envelope = Envelope.from_json(record.value or b"", self._registry)
            except UnknownEventType:
                continue  # a newer producer's event this consumer does not know: not ours to judge
            except InvalidEnvelope as error:
                failures.append(Failure(record, error, attempts=0))
                continue
            if handler := self._handlers.get(envelope.type):
                work.append(Work(record, envelope, handler))
        return work, failures

    async def _apply_fast(self, connection: asyncpg.Connection, work: list[Work]) -> None:
        if not work:
            return
        ids, types = [w.envelope.id for w in work], [w.envelope.type for w in work]
        fresh = {row["event_id"] for row in await connection.fetch(CLAIM_EVENTS, self.name, ids, types)}
        run: list[Work] = []
        for item in work:
            if item.envelope.id not in fresh:
                continue
            fresh.discard(item.envelope.id)  # a duplicate within the batch applies once
            if run and (item.handler is not run[0].handler or not isinstance(item.handler, BatchHandler)):
                await _apply_run(self.name, connection, run)
                run = []
            run.append(item)
        if run:
            await _apply_run(self.name, connection, run)

    async def _apply_carefully(self, connection: asyncpg.Connection, work: list[Work]) -> list[Failure]:
        return [failure for item in work if (failure := await self._handle(connection, item))]

    async def _finish(self, connection: asyncpg.Connection, records: Sequence[ConsumerRecord],
                      failures: list[Failure]) -> None:
        for failure in failures:
            await send_dead_letter(self._dead_letters, self.name, failure)
        await connection.executemany(SAVE_POSITION, self._positions(records))

    def _positions(self, records: Sequence[ConsumerRecord]) -> list[tuple]:
        ends: dict[tuple[str, int], int] = {}
        for record in records:
            ends[(record.topic, record.partition)] = record.offset + 1
        return [(self.name, topic, partition, offset) for (topic, partition), offset in ends.items()]

    async def _handle(self, connection: asyncpg.Connection, item: Work) -> Failure | None:
        error: BaseException | None = None
        for attempt in range(1, self._max_attempts + 1):
            with process_span(self.name, item) as span:
                try:
                    async with connection.transaction():
                        if await connection.fetchval(CLAIM_EVENT, self.name, item.envelope.id, item.envelope.type):
                            await _call(item.handler, connection, [item.envelope])
                    return None
                except DATABASE_DOWN:
                    raise
                except Exception as failure:  # noqa: BLE001 - any handler error counts against the event
                    error = failure
                    span.record_exception(failure)
                    span.set_status(Status(StatusCode.ERROR, repr(failure)))
            await asyncio.sleep(0.05 * attempt)
        assert error is not None
        return Failure(item.record, error, attempts=self._max_attempts)

    def _measure_lag(self, consumer: AIOKafkaConsumer) -> None:
        for tp in consumer.assignment():
            highwater = consumer.highwater(tp)
            if highwater is not None:
                self.lag[tp] = max(0, highwater - self._done.get(tp, highwater))


async def _apply_run(consumer: str, connection: asyncpg.Connection, run: list[Work]) -> None:
    """One call for a run of a batch handler's events; one call per event otherwise."""
    if isinstance(run[0].handler, BatchHandler):
        with ExitStack() as spans:
            for item in run:
                spans.enter_context(process_span(consumer, item))
            await run[0].handler.apply(connection, [item.envelope for item in run])
        return
    for item in run:
        with process_span(consumer, item):
            await _call(item.handler, connection, [item.envelope])


async def _call(handler: Handler, connection: asyncpg.Connection, envelopes: list[Envelope]) -> None:
    if isinstance(handler, BatchHandler):
        await handler.apply(connection, envelopes)
    else:
        await handler(connection, envelopes[0])


