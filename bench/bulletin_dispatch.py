"""Bulletin benchmark: one bilingual e-bulletin to 50,000 email subscribers through the real notifications
service, beside a bare aiosmtplib loop, into the same local SMTP sink.

In one run, on the same machine:
  - an SMTP sink (aiosmtpd, its own process) on 127.0.0.1;
  - the notifications service (its own process, with its PostgreSQL database and Kafka) sending through a pool of
    N long-lived SMTP sessions; the subscribers are written into its database first: about 5% suppressed (a hard
    bounce), 3% without consent and 1% over the weekly cap;
  - the bulletin drafted (the audience resolved: ``audience_ms``), approved by a second person, sent; the clock
    runs from the send until the bulletin's statistics show nothing queued (``bulletin_50k_seconds``, target under
    60), and the counts must match the population exactly;
  - render and MIME time per message, measured in this process on the same bulletin (``render_mime_us``);
  - a bare aiosmtplib loop with the same N sessions sending as many pre-built messages of the same size to the
    same sink (``raw_smtp_seconds``); ``bulletin_vs_raw_smtp`` = raw / Peel (target at least 0.5).
Prints progress on stderr, writes a chart to bench/results/, ends with one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import aiosmtplib
import httpx
import uvloop

from bench._common import admin_dsn, kafka_bootstrap, report, two_panels
from bench._mail_population import AREA, SENDER, TOPIC, Population, populate
from bench.response_ingest import PORTS, Stack, log, ready
from peel.common.auth.keys import ensure_key_pair, mint_token
from peel.common.settings import REPO_ROOT

PORTS.update(notifications=18103, smtp=18025)
TENANT = "cheshire"
ITEMS = 20


class MailStack(Stack):
    async def start_sink(self) -> None:
        command = [sys.executable, "-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink",
                   "-l", f"127.0.0.1:{PORTS['smtp']}"]
        self.processes.append(subprocess.Popen(command, cwd=REPO_ROOT))
        await _smtp_ready(PORTS["smtp"])

    async def start_notifications(self, sessions: int) -> tuple[str, str]:
        dsn, port = await self.database(), PORTS["notifications"]
        env = {**os.environ, "PEEL_NOTIFICATIONS_DATABASE_URL": dsn, "PEEL_NOTIFICATIONS_PORT": str(port),
               "PEEL_KAFKA_BOOTSTRAP": self.bootstrap, "PEEL_KAFKA_TOPIC_PREFIX": self.prefix,
               "PEEL_LOCAL_DIR": str(self.keys), "PEEL_LOG_LEVEL": "WARNING",
               "PEEL_NOTIFICATIONS_SMTP_HOST": "127.0.0.1", "PEEL_NOTIFICATIONS_SMTP_PORT": str(PORTS["smtp"]),
               "PEEL_NOTIFICATIONS_SMTP_SESSIONS": str(sessions),
               "PEEL_NOTIFICATIONS_DELIVERY_CONCURRENCY": str(sessions),
               "PEEL_NOTIFICATIONS_DELIVERY_BATCH_SIZE": "500", "PEEL_NOTIFICATIONS_DELIVERY_POLL_SECONDS": "0.1"}
        self.processes.append(subprocess.Popen([sys.executable, "-m", "peel.cli.main", "serve", "notifications"],
                                               env=env, cwd=REPO_ROOT, stdout=subprocess.DEVNULL))
        return await ready(f"http://127.0.0.1:{port}"), dsn


async def _smtp_ready(port: int, within: float = 30) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.2)
    raise SystemExit(f"the SMTP sink did not start on port {port}")


def staff(keys: Path, who: str) -> dict[str, str]:
    private, _ = ensure_key_pair(keys / "keys")
    token = mint_token(private.read_bytes(), tenant=TENANT, roles=["engagement_officer"], subject=who,
                       issuer="peel-development", audience="peel")
    return {"Authorization": f"Bearer {token}"}


def bulletin_body() -> dict:
    items = [{"title": {"en": f"Item {n}: what we heard in Crewe", "cy": f"Eitem {n}: beth glywsom yng Nghrewe"},
              "body": {"en": "Residents told us about speeding near the school. " * 4,
                       "cy": "Dywedodd trigolion wrthym am oryrru ger yr ysgol. " * 4}} for n in range(1, ITEMS + 1)]
    return {"title": {"en": "Your police and crime bulletin", "cy": "Eich bwletin plismona a throseddu"},
            "sender": SENDER, "category": "subscription", "audience": {"topics": [TOPIC], "areas": [AREA]},
            "items": items}


async def send_bulletin(client: httpx.AsyncClient, keys: Path) -> tuple[str, float]:
    """Draft (the audience is resolved: timed), approve as someone else, send."""
    started = time.perf_counter()
    drafted = await client.post("/v1/bulletins", json=bulletin_body(), headers=staff(keys, "author"))
    audience_ms = (time.perf_counter() - started) * 1000
    drafted.raise_for_status()
    bulletin = drafted.json()
    log(f"drafted in {audience_ms:.0f} ms: estimated {bulletin['estimated_recipients']}")
    (await client.post(f"/v1/bulletins/{bulletin['id']}/approve", headers=staff(keys, "approver"))).raise_for_status()
    return bulletin["id"], audience_ms


async def until_sent(client: httpx.AsyncClient, keys: Path, bulletin: str, expected: int) -> tuple[float, dict]:
    headers = staff(keys, "approver")
    started = time.perf_counter()
    (await client.post(f"/v1/bulletins/{bulletin}/send", headers=headers)).raise_for_status()
    shown = -1
    while True:
        stats = (await client.get(f"/v1/bulletins/{bulletin}/stats", headers=headers)).json()
        done = stats.get("sent", 0) + stats.get("delivered", 0) + stats.get("failed", 0)
        if done // 5000 != shown:
            shown = done // 5000
            log(f"  {done:,} of {expected:,} sent after {time.perf_counter() - started:.1f} s")
        if stats.get("status") in {"sent", "cancelled"} and not stats.get("queued"):
            return time.perf_counter() - started, stats
        await asyncio.sleep(0.2)


async def raw_smtp(count: int, sessions: int, message: bytes) -> float:
    """A bare loop: ``sessions`` aiosmtplib connections sending pre-built bytes, as fast as they go."""
    queue = iter(range(count))

    async def session() -> None:
        async with aiosmtplib.SMTP(hostname="127.0.0.1", port=PORTS["smtp"]) as smtp:
            for number in queue:
                await smtp.sendmail("no-reply@peel.localhost", [f"subscriber{number}@example.org"], message)

    started = time.perf_counter()
    await asyncio.gather(*(session() for _ in range(sessions)))
    return time.perf_counter() - started


def check_counts(stats: dict, population: Population) -> None:
    if stats.get("sent", 0) + stats.get("delivered", 0) != population.sendable:
        raise SystemExit(f"sent {stats} but {population.sendable} were sendable: {population}")
    excluded = population.contacts - population.sendable
    if stats.get("suppressed", 0) != excluded:
        raise SystemExit(f"suppressed {stats.get('suppressed')} but expected {excluded}: {stats}")


async def main(contacts: int, sessions: int) -> None:
    stack = MailStack(admin_dsn(), kafka_bootstrap())
    try:
        await stack.start_sink()
        url, dsn = await stack.start_notifications(sessions)
        log(f"writing {contacts:,} subscribers ...")
        population = await populate(dsn, TENANT, contacts)
        log(f"  {population}")
        async with httpx.AsyncClient(base_url=url, timeout=120) as client:
            bulletin, audience_ms = await send_bulletin(client, stack.keys)
            seconds, stats = await until_sent(client, stack.keys, bulletin, population.sendable)
        check_counts(stats, population)
        composing = await measure_composing(dsn, bulletin)
        log(f"raw aiosmtplib loop: {population.sendable:,} messages of {len(composing['sample']):,} bytes ...")
        raw = await raw_smtp(population.sendable, sessions, composing["sample"])
        report("bulletin_dispatch", result(population, sessions, audience_ms, seconds, raw, stats, composing), chart)
    finally:
        await stack.close()


async def measure_composing(dsn: str, bulletin: str) -> dict:
    from bench._bulletin_composing import render_and_mime

    return await render_and_mime(dsn, bulletin)


def result(population: Population, sessions: int, audience_ms: float, seconds: float, raw: float, stats: dict,
           composing: dict) -> dict:
    return {
        "contacts": population.contacts, "sendable": population.sendable, "smtp_sessions": sessions,
        "audience_ms": round(audience_ms, 1), "render_mime_us": round(composing["us_per_message"], 1),
        "bulletin_50k_seconds": round(seconds * 50_000 / max(population.contacts, 1), 2),
        "measured_seconds": round(seconds, 2), "raw_smtp_seconds": round(raw, 2),
        "peel_per_s": round(population.sendable / seconds, 1), "raw_per_s": round(population.sendable / raw, 1),
        "bulletin_vs_raw_smtp": round(raw / seconds, 3), "stats": stats,
    }


def chart(result: dict, path: Path) -> None:
    figure, (speed, stages) = two_panels()
    speed.bar(["bare aiosmtplib", "Peel bulletin"], [result["raw_per_s"], result["peel_per_s"]],
              color=["#999", "#2a6"])
    speed.set(ylabel=f"messages per second, {result['smtp_sessions']} SMTP sessions")
    speed.set_title(f"bulletin_vs_raw_smtp {result['bulletin_vs_raw_smtp']} (target >= 0.5)", fontsize=9)
    stages.barh(["audience (ms)", "render + MIME (us/msg)"], [result["audience_ms"], result["render_mime_us"]],
                color="#2a6")
    stages.set_title(f"bulletin_50k_seconds {result['bulletin_50k_seconds']} (target < 60)", fontsize=9)
    figure.tight_layout()
    figure.savefig(path)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=50_000)
    parser.add_argument("--sessions", type=int, default=4)
    parser.add_argument("--quick", action="store_true", help="2,000 subscribers, to try the benchmark out")
    arguments = parser.parse_args()
    uvloop.run(main(2_000 if arguments.quick else arguments.contacts, arguments.sessions))
