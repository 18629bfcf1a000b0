"""Outbox rows reach Kafka exactly once, in order per key, through a killed relay and a broker outage."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from peel.common.contracts.consultation import ConsultationPublished
from peel.common.db.migrations import migrate
from peel.common.db.pool import create_pool
from peel.common.events import LocalisedText
from peel.common.messaging.kafka import ensure_topics, idempotent_producer
from peel.common.outbox import Outbox, OutboxRelay
from peel.common.settings import REPO_ROOT
from tests.support.kafka import event_ids, read_all
from tests.support.servers import eventually

pytestmark = pytest.mark.integration
KEYS = 12


def event(key: uuid.UUID, sequence: int) -> ConsultationPublished:
    now = datetime(2027, 1, 1, tzinfo=UTC)
    return ConsultationPublished(consultation_id=key, title=LocalisedText(en=str(sequence)), kind="survey",
                                 opens_at=now, closes_at=now + timedelta(days=1), questions=())


@dataclass
class Written:
    topic: str
    keys: list[uuid.UUID]
    event_ids: list[str] = field(default_factory=list)


async def fill_outbox(dsn: str, written: Written, per_key: int, start: int = 0) -> Written:
    """``per_key`` events for each key, interleaved across keys, written through the real outbox writer."""
    outbox = Outbox("/peel/consultation", written.topic.removesuffix("consultation.events"))
    connection = await asyncpg.connect(dsn)
    try:
        for sequence in range(start, start + per_key):
            async with connection.transaction():
                envelopes = await outbox.add(connection, [(event(key, sequence), "cheshire") for key in written.keys])
            written.event_ids.extend(envelope.id for envelope in envelopes)
    finally:
        await connection.close()
    return written


async def prepared(dsn: str, bootstrap: str, prefix: str, per_key: int) -> Written:
    await migrate(dsn)
    written = Written(f"{prefix}consultation.events", [uuid.uuid4() for _ in range(KEYS)])
    await ensure_topics(bootstrap, [written.topic], partitions=3, replication=1)
    return await fill_outbox(dsn, written, per_key)


async def unpublished(dsn: str) -> int:
    connection = await asyncpg.connect(dsn)
    try:
        return await connection.fetchval("SELECT count(*) FROM outbox")
    finally:
        await connection.close()


async def assert_exactly_once_in_order(bootstrap: str, written: Written) -> None:
    records = await read_all(bootstrap, written.topic)
    assert sorted(event_ids(records)) == sorted(written.event_ids), "every outbox row exactly once on the topic"
    sequences: dict[bytes, list[int]] = defaultdict(list)
    for record in records:  # read_all keeps each partition's order, and a key lives on one partition
        sequences[record.key].append(int(json.loads(record.value)["data"]["title"]["en"]))
    assert len(sequences) == KEYS
    assert all(seq == sorted(seq) for seq in sequences.values()), "per-key order kept"


def start_relay(dsn: str, bootstrap: str, batch: int, die_after: int | None = None) -> subprocess.Popen:
    arguments = [sys.executable, "-m", "tests.support.relay_process", dsn, bootstrap, str(batch)]
    return subprocess.Popen([*arguments, *([str(die_after)] if die_after else [])], cwd=REPO_ROOT,
                            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})


async def test_relay_killed_mid_batch_and_restarted_publishes_each_row_exactly_once_in_order(
    infra, database, topic_prefix
):
    written = await prepared(database, infra.kafka_bootstrap, topic_prefix, per_key=150)  # 1,800 rows
    dying = start_relay(database, infra.kafka_bootstrap, batch=100, die_after=1_234)
    assert await asyncio.to_thread(dying.wait, 120) == 137, "the relay died mid-batch"
    assert await unpublished(database) == 1_800 - 1_200, "twelve whole batches were marked published"
    published = await read_all(infra.kafka_bootstrap, written.topic)
    assert len(published) == 1_234, "34 rows of the 13th reached Kafka unmarked"

    restarted = start_relay(database, infra.kafka_bootstrap, batch=100)
    try:
        await eventually(lambda: _none_left(database), within=120)
    finally:
        restarted.send_signal(signal.SIGTERM)
        await asyncio.to_thread(restarted.wait, 30)
    await assert_exactly_once_in_order(infra.kafka_bootstrap, written)


async def _none_left(dsn: str) -> bool:
    return await unpublished(dsn) == 0


async def test_relay_rides_out_a_broker_outage_without_loss_or_reordering(infra, database, topic_prefix):
    """The broker stops answering mid-stream; writes are still accepted and all arrive once, in order."""
    if infra.kafka_pid_file is None or not infra.kafka_pid_file.exists():
        pytest.skip("pausing the broker needs the local Kafka process")
    broker = int(infra.kafka_pid_file.read_text().split()[0])
    written = await prepared(database, infra.kafka_bootstrap, topic_prefix, per_key=100)
    pool = await create_pool(database)
    relay = OutboxRelay(pool, lambda: idempotent_producer(infra.kafka_bootstrap, "relay-outage"),
                        infra.kafka_bootstrap, batch_size=50, poll_seconds=0.2, max_backoff_seconds=2)
    running = asyncio.create_task(relay.run())
    try:
        await eventually(lambda: _some_published(relay), within=60, every=0.01)
        os.kill(broker, signal.SIGSTOP)
        try:
            await fill_outbox(database, written, per_key=10, start=100)  # accepted while Kafka is away
            stalled = relay.stats.published
            await asyncio.sleep(20)  # longer than the producer's request timeout
            assert relay.stats.published <= stalled + 50, "nothing more is acknowledged while the broker is away"
        finally:
            os.kill(broker, signal.SIGCONT)
        await eventually(lambda: _none_left(database), within=120)
    finally:
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)
        await pool.close()
    await assert_exactly_once_in_order(infra.kafka_bootstrap, written)


async def _some_published(relay: OutboxRelay) -> bool:
    return relay.stats.published > 0


async def test_only_one_relay_leads_and_a_standby_takes_over(infra, database, topic_prefix):
    written = await prepared(database, infra.kafka_bootstrap, topic_prefix, per_key=20)
    pool = await create_pool(database)
    relays = [OutboxRelay(pool, lambda: idempotent_producer(infra.kafka_bootstrap, "relay-pair"),
                          infra.kafka_bootstrap, batch_size=30, poll_seconds=0.2, standby_seconds=0.2)
              for _ in range(2)]
    tasks = [asyncio.create_task(relay.run()) for relay in relays]
    try:
        await eventually(lambda: _none_left(database), within=60)
        assert sorted(relay.stats.leading for relay in relays) == [False, True]
        leader = next(i for i, relay in enumerate(relays) if relay.stats.leading)
        tasks[leader].cancel()
        await asyncio.gather(tasks[leader], return_exceptions=True)
        await fill_outbox(database, written, per_key=5, start=20)
        await eventually(lambda: _none_left(database), within=60)
        assert relays[1 - leader].stats.published > 0, "the standby took over"
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await pool.close()
    await assert_exactly_once_in_order(infra.kafka_bootstrap, written)
