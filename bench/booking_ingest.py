"""Booking benchmark: residents book surgery slots over HTTP through the real path, competing for them.

In one run, on the same PostgreSQL and Kafka:
  - the scheduling service (validation, triage, the session read under a lock, PostgreSQL with its unique
    indexes, the outbox and its relay to Kafka, the confirmation and reminder emails asked for) and a bare
    FastAPI + asyncpg endpoint inserting the same JSON into a table with one unique index on (session, slot),
    each one uvicorn process, loaded by the same number of keep-alive clients in alternating rounds:
    booking_vs_bare is the median of the rounds' ratios (target >= 0.5); each server's CPU time per request
    is reported beside it;
  - no double booking: the clients compete for slots on purpose. Each round books slots of many fresh
    sessions of many slots; each slot is asked for one, two or three times in a row, so that the
    requests for it are in flight together from different clients. The 201s and 409s are counted, every
    slot asked for must get exactly one 201, and afterwards the database must hold no slot with two active
    bookings and exactly as many active bookings as 201s.
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
import time
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import asyncpg
import httpx
import uvloop

from bench._common import admin_dsn, kafka_bootstrap, report, rounds_chart, two_panels
from bench._http import Connection
from bench.response_ingest import PORTS, Stack, cpu_seconds, log, ready, staff_headers
from peel.common.settings import REPO_ROOT
from peel.common.working_days import LONDON

WARM_UP = 1000  # bookings to each endpoint before the rounds: caches, pools and heaps settle
PORTS.update(scheduling=18102, bare_booking=18198)
CONTENTION = (1, 2, 3)  # how many requests ask for each slot in turn: two on average
SLOTS_PER_SESSION = 144  # 08:00 to 20:00 in 5-minute slots
ACTIVE = {"real": ("surgery_bookings", "slot", "status IN ('confirmed', 'attended', 'no_show')"),
          "bare": ("bare_bookings", "slot_id", "true")}
Target = tuple[str, str]  # a session's id and the id of the slot asked for


class BookingStack(Stack):
    """The response-ingest benchmark's stack, with the bare booking endpoint, remembering each database."""

    def __init__(self, admin_dsn: str, bootstrap: str) -> None:
        super().__init__(admin_dsn, bootstrap)
        self.dsns: list[str] = []

    async def database(self) -> str:
        self.dsns.append(await super().database())
        return self.dsns[-1]

    async def start_bare(self) -> str:
        env = {**os.environ, "PEEL_BENCH_BARE_DSN": await self.database()}
        command = [sys.executable, "-m", "uvicorn", "bench.bare_booking_app:app", "--port",
                   str(PORTS["bare_booking"]), "--log-level", "warning", "--no-access-log"]
        self.processes.append(subprocess.Popen(command, env=env, cwd=REPO_ROOT))
        return await ready(f"http://127.0.0.1:{PORTS['bare_booking']}", path="/docs")


async def surgeries(url: str, headers: dict, count: int) -> list[tuple[str, list[str]]]:
    """``count`` fresh online surgeries through the contract endpoint: their ids and their slots' ids."""
    day = date.today() + timedelta(days=60)
    body = {"area": "Crewe", "venue_id": None, "online": True, "slot_minutes": 5,
            "starts_at": datetime(day.year, day.month, day.day, 8, tzinfo=LONDON).isoformat(),
            "ends_at": datetime(day.year, day.month, day.day, 20, tzinfo=LONDON).isoformat()}
    created = []
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=30) as client:
        for _ in range(count):
            answer = await client.post("/v1/surgeries", json=body)
            if answer.status_code != 201:
                raise SystemExit(f"{url}: scheduling a surgery: {answer.status_code} {answer.text[:300]}")
            created.append((answer.json()["id"], [slot["id"] for slot in answer.json()["slots"]]))
    return created


async def contested_targets(url: str, headers: dict, count: int, rng: random.Random) -> list[Target]:
    """``count`` requests over fresh sessions' slots in random order, each slot asked for 1-3 times in a row."""
    needed = -(-count // (statistics.mean(CONTENTION) * SLOTS_PER_SESSION)) + 1
    slots = [(session, slot) for session, ids in await surgeries(url, headers, int(needed)) for slot in ids]
    rng.shuffle(slots)
    targets: list[Target] = []
    for number, slot in enumerate(slots):
        targets += [slot] * CONTENTION[number % len(CONTENTION)]
    return targets[:count]


def booking(tag: str, number: int, slot_id: str) -> dict:
    """The contract's fields and nothing else: the session's area and topic category "other" follow."""
    return {"slot_id": slot_id, "name": f"Resident {number}", "email": f"resident-{tag}-{number}@example.org",
            "topic": "Speeding on Nantwich Road, near the school",
            "triage": {"emergency": False, "complaint_about_officer": False, "victim_of_crime": False}}


async def load(url: str, targets: list[Target], concurrency: int, tag: str) -> tuple[float, Counter]:
    """One booking request per target over ``concurrency`` keep-alive connections: requests per second and
    the count of each status (201 or 409; anything else ends the benchmark)."""
    bodies = [booking(tag, number, slot) for number, (_, slot) in enumerate(targets)]
    numbers, statuses = iter(range(len(targets))), Counter()
    connections = [await Connection.open(url) for _ in range(concurrency)]

    async def resident(connection: Connection) -> None:
        for number in numbers:
            status, body = await connection.post_json(f"/v1/surgeries/{targets[number][0]}/bookings", bodies[number])
            if status not in (201, 409):
                raise SystemExit(f"{url}: {status} {body[:300]!r}")
            statuses[status] += 1

    started = time.perf_counter()
    await asyncio.gather(*(resident(connection) for connection in connections))
    elapsed = time.perf_counter() - started
    for connection in connections:
        await connection.close()
    _one_booking_per_slot(url, targets, statuses)
    return len(targets) / elapsed, statuses


def _one_booking_per_slot(url: str, targets: list[Target], statuses: Counter) -> None:
    if statuses[201] != len(set(targets)):
        raise SystemExit(f"{url}: {statuses[201]} bookings for {len(set(targets))} slots asked for")


async def bookings_held(dsn: str, kind: str) -> dict[str, int]:
    """From the database: active bookings, and slots holding more than one of them."""
    table, slot, active = ACTIVE[kind]
    connection = await asyncpg.connect(dsn)
    try:
        row = await connection.fetchrow(
            f"SELECT count(*) FILTER (WHERE held > 1) AS doubled, coalesce(sum(held), 0) AS active FROM "
            f"(SELECT count(*) AS held FROM {table} WHERE {active} GROUP BY session_id, {slot}) per_slot")
    finally:
        await connection.close()
    return {"double_bookings": row["doubled"], "active_bookings": int(row["active"])}


async def run(stack: BookingStack, count: int, concurrency: int, rounds: int) -> dict:
    real = await stack.start_service("scheduling")
    bare = await stack.start_bare()
    headers, rng = staff_headers(stack.keys), random.Random(7)
    log(f"warm-up, then {rounds} rounds of {count} contested bookings from {concurrency} clients to each endpoint")
    warm_up = await contested_targets(real, headers, WARM_UP, rng)
    totals = {"real": (await load(real, warm_up, concurrency, "warm"))[1],
              "bare": (await load(bare, warm_up, concurrency, "warm"))[1]}
    servers = {"real": (real, stack.processes[0].pid), "bare": (bare, stack.processes[1].pid)}
    measured = []
    for number in range(1, rounds + 1):
        targets = await contested_targets(real, headers, count, rng)
        measured.append(await _round(servers, targets, concurrency, number, totals))
    held = {name: await bookings_held(dsn, name) for name, dsn in zip(("real", "bare"), stack.dsns, strict=True)}
    _check(totals, held)
    return _result(measured, concurrency, totals, held)


async def _round(servers: dict, targets: list[Target], concurrency: int, number: int,
                 totals: dict[str, Counter]) -> dict:
    figures = {}
    for name, (url, pid) in servers.items():
        cpu = cpu_seconds(pid)
        figures[f"{name}_per_s"], statuses = await load(url, targets, concurrency, f"{name}{number}")
        figures[f"{name}_cpu_ms"] = (cpu_seconds(pid) - cpu) / len(targets) * 1000
        totals[name] += statuses
        figures[f"{name}_created"], figures[f"{name}_conflicts"] = statuses[201], statuses[409]
    figures["ratio"] = figures["real_per_s"] / figures["bare_per_s"]
    log(f"    round {number}: scheduling service {figures['real_per_s']:.0f}/s "
        f"({figures['real_cpu_ms']:.2f} ms CPU each; {figures['real_created']} booked, "
        f"{figures['real_conflicts']} taken), bare {figures['bare_per_s']:.0f}/s "
        f"({figures['bare_cpu_ms']:.2f} ms CPU each): {figures['ratio']:.3f}")
    return figures


def _check(totals: dict[str, Counter], held: dict[str, dict[str, int]]) -> None:
    for name, found in held.items():
        created = totals[name][201]
        log(f"{name}: {created} answered 201, {totals[name][409]} answered 409; "
            f"the database holds {found['active_bookings']} active bookings, "
            f"{found['double_bookings']} slots booked twice")
        if found["double_bookings"] or found["active_bookings"] != created:
            raise SystemExit(f"{name}: double booking or lost booking: {found} for {created} 201s")


def _result(measured: list[dict], concurrency: int, totals: dict[str, Counter], held: dict[str, dict]) -> dict:
    middle = sorted(measured, key=lambda figures: figures["ratio"])[len(measured) // 2]
    return {
        "benchmark": "booking_ingest",
        "concurrency": concurrency,
        "booking_requests_per_s": round(middle["real_per_s"]),
        "bare_requests_per_s": round(middle["bare_per_s"]),
        "booking_vs_bare": round(middle["ratio"], 3),
        "rounds": [{key: round(value, 3) for key, value in figures.items()} for figures in measured],
        "cpu_ms_per_request": round(statistics.median(f["real_cpu_ms"] for f in measured), 3),
        "bare_cpu_ms_per_request": round(statistics.median(f["bare_cpu_ms"] for f in measured), 3),
        "created": totals["real"][201],
        "conflicts": totals["real"][409],
        "active_bookings": held["real"]["active_bookings"],
        "double_bookings": held["real"]["double_bookings"],
        "bare_created": totals["bare"][201],
        "bare_active_bookings": held["bare"]["active_bookings"],
        "targets": {"booking_vs_bare": 0.5, "double_bookings": 0},
    }


def chart(result: dict, path: Path) -> None:
    figure, (speed, outcomes) = two_panels()
    rounds_chart(speed, result, "scheduling service", "booking requests",
                 f"Bookings: median ratio {result['booking_vs_bare']} (target >= 0.5)")
    numbers = range(1, len(result["rounds"]) + 1)
    created = [r["real_created"] for r in result["rounds"]]
    outcomes.bar(numbers, created, color="#2a6", label="201 booked")
    outcomes.bar(numbers, [r["real_conflicts"] for r in result["rounds"]], bottom=created, color="#c93",
                 label="409 taken")
    outcomes.set(xlabel="round", ylabel="requests", xticks=list(numbers))
    outcomes.set_title(f"Contested slots: {result['active_bookings']} active bookings for {result['created']} 201s, "
                       f"{result['double_bookings']} double", fontsize=9)
    outcomes.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bookings", type=int, default=2000, help="requests per endpoint and round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=16)
    arguments = parser.parse_args()
    stack = BookingStack(admin_dsn(), kafka_bootstrap())

    async def everything() -> dict:
        try:
            return await run(stack, arguments.bookings, arguments.concurrency, arguments.rounds)
        finally:
            await stack.close()

    result = uvloop.run(everything())
    report("booking_ingest", result, chart)


if __name__ == "__main__":
    main()
