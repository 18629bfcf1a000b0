"""Backbone benchmark: what the outbox -> Kafka -> idempotent consumer path costs.

Measured in one run on the same broker and database:
  (a) bare asyncpg single-row insert transactions per second;
  (b) the full path per second: state change + outbox row in one transaction -> relay ->
      Kafka -> idempotent consumer applying a projection;
  (c) raw aiokafka (idempotent producer) throughput for the same payloads;
  (d) relay throughput draining a pre-filled outbox;
  (e) end-to-end latency p50/p99 at a fixed offered load.
Everything runs on uvloop, as the services do under uvicorn; the relay and the consumer
of (b) run in processes of their own, as they do inside the producing and consuming
services. (a) and (b) are measured for 1, 2 and 8 concurrent writer connections. The headline
full_path_vs_bare_insert = b/a (target >= 0.4) is the single-writer figure, the cost one
request sees; with more writers everything (writers, relay, consumer, PostgreSQL and
Kafka) competes for this machine's two cores, and those ratios are reported beside it.
relay_vs_raw_produce = d/c (target >= 0.5). Prints progress, writes a chart to
bench/results/, and ends with one JSON line. ``--events`` scales every phase.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import uvloop

from bench._common import admin_dsn, kafka_bootstrap, report
from peel.common.contracts.consultation import ConsultationPublished
from peel.common.db.migrations import migrate
from peel.common.db.pool import create_pool
from peel.common.events import LocalisedText
from peel.common.messaging.kafka import delete_topics, ensure_topics, idempotent_producer
from peel.common.outbox import Outbox, OutboxRelay
from peel.common.settings import REPO_ROOT

WRITERS = 8  # connections filling the outbox and offering the latency load
TABLES = """
CREATE TABLE bench_state (id uuid PRIMARY KEY, tenant text NOT NULL, title text NOT NULL,
                          changed_at timestamptz NOT NULL);
CREATE TABLE bench_projection (aggregate_id text PRIMARY KEY, events bigint NOT NULL, lag_seconds float8 NOT NULL);
"""
STATE = "INSERT INTO bench_state (id, tenant, title, changed_at) VALUES ($1, $2, $3, now())"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def an_event(number: int) -> ConsultationPublished:
    now = datetime.now(UTC)
    return ConsultationPublished(
        consultation_id=uuid.uuid4(), title=LocalisedText(en=f"Policing priorities {number}"), kind="survey",
        opens_at=now, closes_at=now + timedelta(days=30), questions=(),
    )


class Bench:
    def __init__(self, admin_dsn: str, bootstrap: str, events: int) -> None:
        self.admin_dsn, self.bootstrap, self.events = admin_dsn, bootstrap, events
        self.prefix = f"bench{uuid.uuid4().hex[:8]}."  # every topic and group of this run
        self.phase = 0
        self.dsn = ""
        self._watcher: asyncpg.Connection | None = None

    @property
    def phase_prefix(self) -> str:
        return f"{self.prefix}p{self.phase}."

    @property
    def topic(self) -> str:
        return f"{self.phase_prefix}consultation.events"

    @property
    def group(self) -> str:
        return f"{self.phase_prefix}projection"

    async def fresh_database(self) -> None:
        """A new database, topic and consumer group: no phase sees another's events."""
        self.phase += 1
        self.outbox = Outbox("/peel/consultation", self.phase_prefix)
        name = f"peel_bench_{uuid.uuid4().hex[:8]}"
        admin = await asyncpg.connect(self.admin_dsn)
        await admin.execute(f'CREATE DATABASE "{name}"')
        await admin.close()
        self.dsn = self.admin_dsn.rsplit("/", 1)[0] + f"/{name}"
        await migrate(self.dsn)
        connection = await asyncpg.connect(self.dsn)
        await connection.execute(TABLES)
        await connection.close()
        await ensure_topics(self.bootstrap, [self.topic, f"{self.topic}.dlq"], partitions=3, replication=1)

    async def drop_database(self) -> None:
        if self._watcher is not None:
            await self._watcher.close()
        admin = await asyncpg.connect(self.admin_dsn)
        await admin.execute(f'DROP DATABASE IF EXISTS "{self.dsn.rsplit("/", 1)[1]}" WITH (FORCE)')
        await admin.close()

    async def writers(self, count: int, write: Callable[[asyncpg.Connection, int], Awaitable[None]], *,
                      connections: int, rate: float | None = None) -> float:
        """``count`` transactions over ``connections`` concurrent connections; returns the seconds taken."""
        pool = await asyncpg.create_pool(self.dsn, min_size=connections, max_size=connections)
        numbers = iter(range(count))
        started = time.perf_counter()

        async def writer() -> None:
            async with pool.acquire() as connection:
                for number in numbers:
                    if rate:
                        await asyncio.sleep(max(0.0, started + number / rate - time.perf_counter()))
                    await write(connection, number)

        await asyncio.gather(*(writer() for _ in range(connections)))
        elapsed = time.perf_counter() - started
        await pool.close()
        return elapsed

    async def bare_insert(self, connection: asyncpg.Connection, number: int) -> None:
        async with connection.transaction():
            await connection.execute(STATE, uuid.uuid4(), "cheshire", f"bare {number}")

    async def state_and_outbox(self, connection: asyncpg.Connection, number: int) -> None:
        event = an_event(number)
        async with connection.transaction():
            await connection.execute(STATE, event.consultation_id, "cheshire", event.title.en)
            await self.outbox.add(connection, [(event, "cheshire")])

    async def count(self, sql: str) -> int:
        if self._watcher is None or self._watcher.is_closed():
            self._watcher = await asyncpg.connect(self.dsn)
        return await self._watcher.fetchval(sql)

    async def rows(self, sql: str) -> list[asyncpg.Record]:
        await self.count("SELECT 1")
        assert self._watcher is not None
        return await self._watcher.fetch(sql)

    async def wait_for_group(self) -> None:
        """Give the consumer time to start and join its group before the clock starts."""
        await asyncio.sleep(3)

    async def wait_for(self, sql: str, target: int, label: str) -> None:
        while (done := await self.count(sql)) < target:
            log(f"    {label}: {done}/{target}")
            await asyncio.sleep(0.5)

    @asynccontextmanager
    async def role(self, *arguments: str):  # noqa: ANN201
        process = subprocess.Popen([sys.executable, "-m", "bench.backbone_roles", *arguments], cwd=REPO_ROOT,
                                   env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})
        try:
            yield process
        finally:
            process.terminate()
            await asyncio.to_thread(process.wait, 30)

    async def payloads(self, count: int) -> list[tuple[bytes, bytes]]:
        connection = await asyncpg.connect(self.dsn)
        try:
            rows = await connection.fetch("SELECT message_key, payload FROM outbox ORDER BY id LIMIT $1", count)
        finally:
            await connection.close()
        return [(row["message_key"].encode(), row["payload"]) for row in rows]


async def raw_produce(bench: Bench, payloads: list[tuple[bytes, bytes]]) -> float:
    producer = idempotent_producer(bench.bootstrap, "bench-raw")
    await producer.start()
    headers = [("content-type", b"application/cloudevents+json")]
    try:
        started = time.perf_counter()
        for start in range(0, len(payloads), 500):  # the relay's batch size, awaited per batch like the relay
            futures = [await producer.send(bench.topic, value, key=key, headers=headers)
                       for key, value in payloads[start:start + 500]]
            await asyncio.gather(*futures)
        return time.perf_counter() - started
    finally:
        await producer.stop()


async def drain(bench: Bench) -> float:
    """Seconds for an in-process relay, started on a full outbox, to empty it."""
    pool = await create_pool(bench.dsn, max_size=4)
    relay = OutboxRelay(pool, lambda: idempotent_producer(bench.bootstrap, "bench-relay"), bench.bootstrap,
                        batch_size=500, poll_seconds=0.05)
    started = time.perf_counter()
    task = asyncio.create_task(relay.run())
    while relay.stats.published < bench.events:
        await asyncio.sleep(0.01)
    elapsed = time.perf_counter() - started
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    await pool.close()
    return elapsed

APPLIED = "SELECT coalesce(sum(events), 0) FROM bench_projection"


async def throughput(bench: Bench, writers: int) -> tuple[float, float]:
    """(a) and (b) with ``writers`` concurrent connections, on a fresh database."""
    n = bench.events
    await bench.fresh_database()
    log(f"(a) {writers} writer(s): {n} bare single-row insert transactions")
    bare = n / await bench.writers(n, bench.bare_insert, connections=writers)
    log(f"(b) {writers} writer(s): {n} state changes + outbox -> relay -> Kafka -> idempotent consumer")
    async with bench.role("relay", bench.dsn, bench.bootstrap), \
            bench.role("consumer", bench.dsn, bench.bootstrap, bench.topic, bench.group):
        await bench.wait_for_group()
        started = time.perf_counter()
        await bench.writers(n, bench.state_and_outbox, connections=writers)
        await bench.wait_for(APPLIED, n, "applied")
        full = n / (time.perf_counter() - started)
    await bench.drop_database()
    log(f"    bare {bare:.0f}/s, full path {full:.0f}/s, ratio {full / bare:.3f}")
    return bare, full


async def relay_against_raw(bench: Bench) -> tuple[float, float]:
    """(d) relay draining a pre-filled outbox, and (c) raw produce of the same payloads."""
    n = bench.events
    await bench.fresh_database()
    log(f"(d) relay draining a pre-filled outbox of {n} rows")
    await bench.writers(n, bench.state_and_outbox, connections=WRITERS)
    payloads = await bench.payloads(n)
    relay = n / await drain(bench)
    log(f"(c) raw aiokafka produce of the same {n} payloads")
    raw = n / await raw_produce(bench, payloads)
    await bench.drop_database()
    return raw, relay


async def latency(bench: Bench, rate: int, seconds: int) -> list[float]:
    """(e) seconds from each event's time to its projection, at a fixed offered load."""
    await bench.fresh_database()
    log(f"(e) latency at a fixed offered load of {rate} events/s for {seconds}s")
    async with bench.role("relay", bench.dsn, bench.bootstrap), \
            bench.role("consumer", bench.dsn, bench.bootstrap, bench.topic, bench.group):
        await bench.wait_for_group()
        await bench.writers(rate * seconds, bench.state_and_outbox, connections=WRITERS, rate=rate)
        await bench.wait_for(APPLIED, rate * seconds, "applied")
        latencies = sorted(await _latencies(bench))
    await bench.drop_database()
    return latencies


async def run(bench: Bench, sweep: tuple[int, ...]) -> dict:
    measured = {writers: await throughput(bench, writers) for writers in sweep}
    raw, relay = await relay_against_raw(bench)
    rate, seconds = 200, 10
    return figures(measured, raw, relay, await latency(bench, rate, seconds), rate)


async def _latencies(bench: Bench) -> list[float]:
    return [row["lag_seconds"] for row in await bench.rows("SELECT lag_seconds FROM bench_projection")]


def percentile(ordered: list[float], fraction: float) -> float:
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def figures(measured: dict[int, tuple[float, float]], raw: float, relay: float, latencies: list[float],
            rate: int) -> dict:
    headline = min(measured)
    bare, full = measured[headline]
    return {
        "benchmark": "backbone",
        "writers": headline,
        "bare_insert_tx_per_s": round(bare),
        "full_path_events_per_s": round(full),
        "raw_produce_msgs_per_s": round(raw),
        "relay_drain_msgs_per_s": round(relay),
        "latency_offered_events_per_s": rate,
        "latency_p50_ms": round(percentile(latencies, 0.50) * 1000, 1),
        "latency_p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "by_writers": {str(w): {"bare_insert_tx_per_s": round(b), "full_path_events_per_s": round(f),
                                "full_path_vs_bare_insert": round(f / b, 3)} for w, (b, f) in measured.items()},
        "full_path_vs_bare_insert": round(full / bare, 3),
        "relay_vs_raw_produce": round(relay / raw, 3),
        "targets": {"full_path_vs_bare_insert": 0.4, "relay_vs_raw_produce": 0.5},
    }


def chart(result: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (sweep, pair) = plt.subplots(1, 2, figsize=(11, 4))
    writers = list(result["by_writers"])
    bare = [result["by_writers"][w]["bare_insert_tx_per_s"] for w in writers]
    full = [result["by_writers"][w]["full_path_events_per_s"] for w in writers]
    positions = range(len(writers))
    sweep.bar([p - 0.2 for p in positions], bare, 0.4, label="bare insert (a)", color="#999")
    sweep.bar([p + 0.2 for p in positions], full, 0.4, label="full path (b)", color="#2a6")
    for p, w in zip(positions, writers, strict=True):
        sweep.annotate(f"b/a {result['by_writers'][w]['full_path_vs_bare_insert']}", (p, full[p]),
                       ha="center", va="bottom", fontsize=8)
    sweep.set_xticks(list(positions), [f"{w} writer(s)" for w in writers])
    sweep.set_ylabel("per second")
    sweep.set_title("Writes: bare insert vs full path (target b/a >= 0.4)")
    sweep.legend()
    pair.bar(["raw produce (c)", "relay drain (d)"], [result["raw_produce_msgs_per_s"],
                                                     result["relay_drain_msgs_per_s"]], color=["#999", "#26a"])
    pair.set_title(f"Kafka: d/c = {result['relay_vs_raw_produce']} (target >= 0.5); "
                   f"latency p50 {result['latency_p50_ms']} ms, p99 {result['latency_p99_ms']} ms", fontsize=9)
    figure.tight_layout()
    figure.savefig(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=int(os.environ.get("PEEL_BENCH_EVENTS", "20000")))
    parser.add_argument("--writers", default="1,2,8", help="writer connections to sweep; the first is the headline")
    arguments = parser.parse_args()
    bench = Bench(admin_dsn(), kafka_bootstrap(), arguments.events)
    try:
        result = uvloop.run(run(bench, tuple(int(w) for w in arguments.writers.split(","))))
    finally:
        uvloop.run(delete_topics(bench.bootstrap, bench.prefix))
    report("backbone", result, chart)


if __name__ == "__main__":
    main()
