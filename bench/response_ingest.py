"""Response-ingest benchmark: residents' responses over HTTP through the real path.

In one run, on the same PostgreSQL and Kafka:
  - the consultation service (validation against the questions, PostgreSQL, outbox and its
    relay to Kafka) and a bare FastAPI + asyncpg endpoint inserting the same JSON, each one
    uvicorn process, loaded by the same number of keep-alive clients (a minimal client, so
    the load generator is not the bottleneck), in alternating rounds so that both see the
    same machine: response_ingest_vs_bare is the median of the rounds' ratios (target >= 0.6);
    each server's CPU time per response is reported beside it;
  - freshness, with the reporting service started and caught up: responses offered at 200 a
    second for 10 seconds; for each, the time from its 201 to reporting counting it: p50 and
    p99 (target p99 < 1 s).
Prints progress on stderr, writes a chart to bench/results/, ends with one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import asyncpg
import httpx
import uvloop

from bench._common import admin_dsn, kafka_bootstrap, report, rounds_chart, two_panels
from bench._http import Connection
from peel.cli.demo_data import AREAS, consultation_body, resident_answers
from peel.common.auth.keys import ensure_key_pair, mint_token
from peel.common.messaging.kafka import delete_topics
from peel.common.settings import REPO_ROOT

WARM_UP = 1000  # responses to each endpoint before the rounds: caches, pools and heaps settle
PORTS = {"consultation": 18101, "reporting": 18104, "bare": 18199}



def answers(rng: random.Random) -> dict:
    """A resident's answers to the demo consultation, from one of its areas."""
    return resident_answers(rng, rng.choice(list(AREAS)))

def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Stack:
    """Fresh databases, a topic prefix and the servers under test, each its own process."""

    def __init__(self, admin_dsn: str, bootstrap: str) -> None:
        self.admin_dsn, self.bootstrap = admin_dsn, bootstrap
        self.prefix = f"ingest{uuid.uuid4().hex[:8]}."
        self.keys = Path(tempfile.mkdtemp(prefix="peel-bench-keys-"))
        ensure_key_pair(self.keys / "keys")
        self.databases: list[str] = []
        self.processes: list[subprocess.Popen] = []

    async def database(self) -> str:
        name = f"peel_bench_{uuid.uuid4().hex[:8]}"
        admin = await asyncpg.connect(self.admin_dsn)
        await admin.execute(f'CREATE DATABASE "{name}"')
        await admin.close()
        self.databases.append(name)
        return self.admin_dsn.rsplit("/", 1)[0] + f"/{name}"

    async def start_service(self, service: str) -> str:
        port = PORTS[service]
        env = {**os.environ, f"PEEL_{service.upper()}_DATABASE_URL": await self.database(),
               f"PEEL_{service.upper()}_PORT": str(port), "PEEL_KAFKA_BOOTSTRAP": self.bootstrap,
               "PEEL_KAFKA_TOPIC_PREFIX": self.prefix, "PEEL_LOCAL_DIR": str(self.keys),
               "PEEL_PUBLIC_RATE_LIMIT_PER_MINUTE": "100000000", "PEEL_LOG_LEVEL": "WARNING"}
        self.processes.append(subprocess.Popen([sys.executable, "-m", "peel.cli.main", "serve", service], env=env,
                                               cwd=REPO_ROOT, stdout=subprocess.DEVNULL))
        return await ready(f"http://127.0.0.1:{port}")

    async def start_bare(self) -> str:
        env = {**os.environ, "PEEL_BENCH_BARE_DSN": await self.database()}
        command = [sys.executable, "-m", "uvicorn", "bench.bare_ingest_app:app", "--port", str(PORTS["bare"]),
                   "--log-level", "warning", "--no-access-log"]
        self.processes.append(subprocess.Popen(command, env=env, cwd=REPO_ROOT))
        return await ready(f"http://127.0.0.1:{PORTS['bare']}", path="/docs")

    async def close(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            await asyncio.to_thread(process.wait, 30)
        admin = await asyncpg.connect(self.admin_dsn)
        for name in self.databases:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
        await delete_topics(self.bootstrap, self.prefix)


async def ready(url: str, path: str = "/readyz", within: float = 60) -> str:
    deadline = time.monotonic() + within
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            try:
                if (await client.get(url + path)).status_code == 200:
                    return url
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise SystemExit(f"{url} did not become ready within {within:.0f}s")


def staff_headers(keys: Path) -> dict[str, str]:
    private, _ = ensure_key_pair(keys / "keys")
    token = mint_token(private.read_bytes(), tenant="cheshire", roles=["engagement_officer"],
                       issuer="peel-development", audience="peel")
    return {"Authorization": f"Bearer {token}"}


async def open_consultation(url: str, keys: Path) -> tuple[str, dict]:
    staff = staff_headers(keys)
    async with httpx.AsyncClient(base_url=url) as client:
        created = (await client.post("/v1/consultations", json=consultation_body(), headers=staff)).json()
        await client.post(f"/v1/consultations/{created['id']}/publish", headers=staff)
    return created["id"], staff


async def load(url: str, consultation_id: str, count: int, concurrency: int) -> float:
    """``count`` responses over ``concurrency`` keep-alive connections; returns responses per second."""
    bodies = [{"answers": answers(random.Random(n))} for n in range(count)]
    numbers = iter(range(count))
    path = f"/v1/consultations/{consultation_id}/responses"
    connections = [await Connection.open(url) for _ in range(concurrency)]

    async def resident(connection: Connection) -> None:
        for number in numbers:
            status, body = await connection.post_json(path, bodies[number])
            if status != 201:
                raise SystemExit(f"{url}: {status} {body[:300]!r}")

    started = time.perf_counter()
    await asyncio.gather(*(resident(connection) for connection in connections))
    elapsed = time.perf_counter() - started
    for connection in connections:
        await connection.close()
    return count / elapsed


async def freshness(consultation: str, reporting: str, keys: Path, rate: int, seconds: int) -> list[float]:
    """Offer ``rate`` responses a second; for each, seconds from its 201 to reporting counting it."""
    consultation_id, headers = await open_consultation(consultation, keys)
    await counted(reporting, consultation_id, headers, 0)
    acknowledged: list[float] = []
    counted_at: dict[int, float] = {}
    total = rate * seconds
    pool: asyncio.Queue[Connection] = asyncio.Queue()
    for _ in range(32):
        pool.put_nowait(await Connection.open(consultation))
    async with httpx.AsyncClient(base_url=reporting, timeout=30) as watch:
        watcher = asyncio.create_task(_watch(watch, consultation_id, headers, total, counted_at))
        started = time.perf_counter()
        senders = [asyncio.create_task(_send_at(pool, consultation_id, started + n / rate, n, acknowledged))
                   for n in range(total)]
        try:
            await asyncio.gather(*senders)
            await asyncio.wait_for(watcher, 60)
        finally:
            watcher.cancel()
    while not pool.empty():
        await pool.get_nowait().close()
    acknowledged.sort()
    return sorted(max(0.0, counted_at[i + 1] - at) for i, at in enumerate(acknowledged))


async def _send_at(pool: asyncio.Queue, consultation_id: str, at: float, n: int, acknowledged: list) -> None:
    await asyncio.sleep(max(0.0, at - time.perf_counter()))
    connection = await pool.get()
    try:
        status, body = await connection.post_json(f"/v1/consultations/{consultation_id}/responses",
                                                  {"answers": answers(random.Random(n))})
    finally:
        pool.put_nowait(connection)
    if status != 201:
        raise SystemExit(f"freshness: {status} {body[:300]!r}")
    acknowledged.append(time.perf_counter())


async def _watch(client: httpx.AsyncClient, consultation_id: str, headers: dict, total: int,
                 counted_at: dict[int, float]) -> None:
    seen = 0
    while seen < total:
        reply = await client.get(f"/v1/consultations/{consultation_id}/results", headers=headers)
        now = time.perf_counter()
        count = reply.json()["responses"] if reply.status_code == 200 else 0
        for n in range(seen + 1, count + 1):
            counted_at[n] = now
        seen = max(seen, count)
        await asyncio.sleep(0.01)


async def counted(reporting: str, consultation_id: str, headers: dict, responses: int, within: float = 300) -> None:
    """Wait until reporting shows the consultation with ``responses`` counted."""
    deadline = time.monotonic() + within
    async with httpx.AsyncClient(base_url=reporting, timeout=30) as client:
        while time.monotonic() < deadline:
            reply = await client.get(f"/v1/consultations/{consultation_id}/results", headers=headers)
            if reply.status_code == 200 and reply.json()["responses"] >= responses:
                return
            await asyncio.sleep(0.2)
    raise SystemExit(f"reporting did not count {responses} responses within {within:.0f}s")


def percentile(ordered: list[float], fraction: float) -> float:
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def run(stack: Stack, count: int, concurrency: int, rounds: int, rate: int, seconds: int) -> dict:
    consultation = await stack.start_service("consultation")
    bare = await stack.start_bare()
    consultation_id, _ = await open_consultation(consultation, stack.keys)
    log(f"warm-up, then {rounds} rounds of {count} responses from {concurrency} clients to each endpoint")
    await load(consultation, consultation_id, WARM_UP, concurrency)
    await load(bare, consultation_id, WARM_UP, concurrency)
    servers = {"real": (consultation, stack.processes[0].pid), "bare": (bare, stack.processes[1].pid)}
    measured = [await _round(servers, consultation_id, count, concurrency, n) for n in range(1, rounds + 1)]
    reporting = await stack.start_service("reporting")
    log("reporting started; waiting until it has counted every response so far")
    await counted(reporting, consultation_id, staff_headers(stack.keys), WARM_UP + rounds * count)
    log(f"freshness at {rate} responses/s for {seconds}s")
    delays = await freshness(consultation, reporting, stack.keys, rate, seconds)
    return _result(measured, concurrency, rate, delays)


async def _round(servers: dict, consultation_id: str, count: int, concurrency: int, number: int) -> dict:
    figures = {}
    for name, (url, pid) in servers.items():
        cpu = cpu_seconds(pid)
        figures[f"{name}_per_s"] = await load(url, consultation_id, count, concurrency)
        figures[f"{name}_cpu_ms"] = (cpu_seconds(pid) - cpu) / count * 1000
    figures["ratio"] = figures["real_per_s"] / figures["bare_per_s"]
    log(f"    round {number}: consultation service {figures['real_per_s']:.0f}/s "
        f"({figures['real_cpu_ms']:.2f} ms CPU each), bare {figures['bare_per_s']:.0f}/s "
        f"({figures['bare_cpu_ms']:.2f} ms CPU each): {figures['ratio']:.3f}")
    return figures


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _result(measured: list[dict], concurrency: int, rate: int, delays: list[float]) -> dict:
    middle = sorted(measured, key=lambda figures: figures["ratio"])[len(measured) // 2]
    return {
        "benchmark": "response_ingest",
        "concurrency": concurrency,
        "responses_per_s": round(middle["real_per_s"]),
        "bare_insert_per_s": round(middle["bare_per_s"]),
        "response_ingest_vs_bare": round(middle["ratio"], 3),
        "rounds": [{key: round(value, 3) for key, value in figures.items()} for figures in measured],
        "cpu_ms_per_response": round(statistics.median(f["real_cpu_ms"] for f in measured), 3),
        "bare_cpu_ms_per_response": round(statistics.median(f["bare_cpu_ms"] for f in measured), 3),
        "freshness_offered_per_s": rate,
        "freshness_p50_ms": round(percentile(delays, 0.5) * 1000, 1),
        "freshness_p99_ms": round(percentile(delays, 0.99) * 1000, 1),
        "freshness_percentiles_ms": {str(p): round(percentile(delays, p / 100) * 1000, 1)
                                     for p in (10, 25, 50, 75, 90, 95, 99, 100)},
        "targets": {"response_ingest_vs_bare": 0.6, "freshness_p99_ms": 1000},
    }


def chart(result: dict, path: Path) -> None:
    figure, (rounds, fresh) = two_panels()
    rounds_chart(rounds, result, "consultation service", "responses",
                 f"Ingest: median ratio {result['response_ingest_vs_bare']} (target >= 0.6)")
    shares = sorted(result["freshness_percentiles_ms"], key=float)
    fresh.plot([result["freshness_percentiles_ms"][p] for p in shares], [float(p) for p in shares], marker="o")
    fresh.axvline(1000, color="#c33", linestyle="--", linewidth=1)
    fresh.set(xlabel="ms from 201 to counted in reporting", ylabel="percentile")
    fresh.set_title(f"Freshness at {result['freshness_offered_per_s']}/s: p99 {result['freshness_p99_ms']} ms "
                    "(target < 1000)", fontsize=9)
    figure.tight_layout()
    figure.savefig(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=2000, help="per endpoint and round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rate", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=10)
    arguments = parser.parse_args()
    stack = Stack(admin_dsn(), kafka_bootstrap())

    async def everything() -> dict:
        try:
            return await run(stack, arguments.responses, arguments.concurrency, arguments.rounds, arguments.rate,
                             arguments.seconds)
        finally:
            await stack.close()

    result = uvloop.run(everything())
    report("response_ingest", result, chart)


if __name__ == "__main__":
    main()
