"""Resident-journey benchmark: residents answering a consultation through the web pages and the real services.

In one run, on the same PostgreSQL and Kafka:
  - the consultation service and the web service (sessions in PostgreSQL, the consultation read and checked
    through the service's public API), each one uvicorn process; a resident is one keep-alive connection and a
    cookie jar going through the whole journey: the start page, each question (GET, then POST and its 303 to the
    next page), the optional pages, checking the answers, sending them, the confirmation. Every request is a page;
  - a bare FastAPI page rendering the same question template through the same Jinja set-up with a fixed context
    and no service call, loaded with as many requests at the same concurrency;
  - alternating rounds after a warm-up: journey_vs_bare_page is the median of the rounds' ratios (target >= 0.4),
    journey_p99_ms the 99th percentile of every journey request (target < 150 at 20 concurrent residents); CPU
    milliseconds per page of each process show where the time goes.
Prints progress on stderr, writes a chart to bench/results/, ends with one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
import uvloop

from bench._common import admin_dsn, kafka_bootstrap, report, rounds_chart, two_panels
from bench._pages import Browser, Reply
from bench.response_ingest import PORTS, Stack, cpu_seconds, log, open_consultation, ready
from peel.cli.demo_data import AREAS, postcode, resident_answers
from peel.common.settings import REPO_ROOT

PORTS.update(web=18105, bare_page=18197)
TENANT = "cheshire"
DETAILS = {"email": "", "publish": "yes", "equality": "no"}  # the optional pages' answers (postcode: the area's)
MOST_PAGES = 60  # a journey longer than this is going round in circles


class JourneyStack(Stack):
    async def start_web(self, consultation: str) -> str:
        port = PORTS["web"]
        env = {**os.environ, "PEEL_WEB_DATABASE_URL": await self.database(), "PEEL_WEB_PORT": str(port),
               "PEEL_WEB_CONSULTATION_URL": consultation, "PEEL_WEB_SCHEDULING_URL": "http://127.0.0.1:9",
               "PEEL_WEB_REPORTING_URL": "http://127.0.0.1:9", "PEEL_LOCAL_DIR": str(self.keys),
               "PEEL_LOG_LEVEL": "WARNING"}
        self.processes.append(subprocess.Popen([sys.executable, "-m", "peel.cli.main", "serve", "web"], env=env,
                                               cwd=REPO_ROOT, stdout=subprocess.DEVNULL))
        return await ready(f"http://127.0.0.1:{port}")

    async def start_bare_page(self, consultation: dict) -> str:
        shown = self.keys / "consultation.json"
        shown.write_text(json.dumps(consultation))
        env = {**os.environ, "PEEL_BENCH_BARE_CONSULTATION": str(shown)}
        command = [sys.executable, "-m", "uvicorn", "bench.bare_page_app:app", "--port", str(PORTS["bare_page"]),
                   "--log-level", "warning", "--no-access-log"]
        self.processes.append(subprocess.Popen(command, env=env, cwd=REPO_ROOT))
        return await ready(f"http://127.0.0.1:{PORTS['bare_page']}", path="/docs")


def form_for(path: str, answers: dict, area_postcode: str) -> list[tuple[str, str]]:
    """What the resident enters on the page at ``path``."""
    kind, key = path.split("?", 1)[0].rsplit("/", 2)[-2:]
    if kind == "questions":
        given = answers.get(key)
        values = given if isinstance(given, list) else [given]
        return [("answer", "" if value is None else str(value)) for value in values]
    if kind == "details":
        return [("answer", area_postcode if key == "postcode" else DETAILS.get(key, "no"))]
    return []


def page_of(method: str, path: str) -> str:
    """Which page a request is, for the latency by page: ``GET question``, ``POST check-answers`` ..."""
    parts = path.split("?", 1)[0].split("/")
    name = parts[-2] if parts[-2] in {"questions", "details"} else parts[-1]
    return f"{method} {name if len(parts) > 5 else 'start'}"


async def journey(base_url: str, start: str, rng: random.Random, latencies: list[tuple[str, float]]) -> int:
    """One resident from the start page to the confirmation; returns the pages requested."""
    browser = await Browser.open(base_url)
    area = rng.choice(list(AREAS))
    answers, area_postcode = resident_answers(rng, area), postcode(rng, area)
    try:
        reply = await _expect(browser.get(start), 200, start)
        path = f"{start}/questions/area"
        while not path.endswith("/confirmation"):
            reply = await _expect(browser.get(path), 200, path)
            fields = [*reply.hidden_fields().items(), *form_for(path, answers, area_postcode)]
            reply = await _expect(browser.post_form(path, fields), 303, path)
            path = reply.location
            if len(browser.latencies) > MOST_PAGES:
                raise SystemExit(f"journey did not end: at {path}")
        await _expect(browser.get(path), 200, path)
    finally:
        await browser.close()
    latencies.extend((page_of(*sent), seconds) for sent, seconds in zip(browser.sent, browser.latencies, strict=True))
    return len(browser.latencies)


async def _expect(sent: object, status: int, path: str) -> Reply:
    reply = await sent  # type: ignore[misc]
    if reply.status != status:
        raise SystemExit(f"{path}: {reply.status} {reply.body[:400]!r}")
    return reply


async def journeys(base_url: str, start: str, count: int, concurrency: int,
                   seed: int) -> tuple[int, list[tuple[str, float]]]:
    """``count`` residents, ``concurrency`` at a time; returns the pages requested and each one's seconds."""
    numbers = iter(range(count))
    latencies: list[tuple[str, float]] = []
    pages = 0

    async def residents() -> None:
        nonlocal pages
        for number in numbers:
            walked = await journey(base_url, start, random.Random(seed * 100_000 + number), latencies)
            pages += walked  # after the await: another resident may have added meanwhile

    await asyncio.gather(*(residents() for _ in range(concurrency)))
    return pages, latencies


async def bare_pages(base_url: str, path: str, count: int, concurrency: int) -> list[float]:
    """``count`` GETs of the bare page over ``concurrency`` keep-alive connections; each one's seconds."""
    remaining = iter(range(count))
    browsers = [await Browser.open(base_url) for _ in range(concurrency)]

    async def client(browser: Browser) -> None:
        for _ in remaining:
            await _expect(browser.get(path), 200, path)

    await asyncio.gather(*(client(browser) for browser in browsers))
    for browser in browsers:
        await browser.close()
    return [seconds for browser in browsers for seconds in browser.latencies]


async def public_view(consultation: str, consultation_id: str) -> dict:
    async with httpx.AsyncClient(base_url=consultation) as client:
        reply = await client.get(f"/v1/public/offices/{TENANT}/consultations/{consultation_id}")
        reply.raise_for_status()
        return reply.json()


async def run(stack: JourneyStack, residents: int, concurrency: int, rounds: int, warm_up: int) -> dict:
    consultation = await stack.start_service("consultation")
    consultation_id, _ = await open_consultation(consultation, stack.keys)
    web = await stack.start_web(consultation)
    bare = await stack.start_bare_page(await public_view(consultation, consultation_id))
    start = f"/en/{TENANT}/consultations/{consultation_id}"
    pids = {name: process.pid for name, process in zip(("consultation", "web", "bare"), stack.processes, strict=True)}
    log(f"warm-up: {warm_up} residents, then {rounds} rounds of {residents} residents ({concurrency} at a time) "
        "against as many bare pages")
    await journeys(web, start, warm_up, concurrency, seed=0)
    await bare_pages(bare, f"{start}/questions/area", warm_up * 20, concurrency)
    latencies: dict[str, list] = {"journey": [], "bare": []}
    measured = [await _round(web, bare, start, residents, concurrency, number, pids, latencies)
                for number in range(1, rounds + 1)]
    return _result(measured, concurrency, latencies)


async def _round(web: str, bare: str, start: str, residents: int, concurrency: int, number: int, pids: dict,
                 latencies: dict) -> dict:
    cpu = {name: cpu_seconds(pid) for name, pid in pids.items()} | {"load": time.process_time()}
    began = time.perf_counter()
    pages, seconds = await journeys(web, start, residents, concurrency, seed=number)
    elapsed = time.perf_counter() - began
    used = {name: cpu_seconds(pid) - cpu[name] for name, pid in pids.items()} | {
        "load": time.process_time() - cpu["load"]}
    bare_began = time.perf_counter()
    bare_seconds = await bare_pages(bare, f"{start}/questions/area", pages, concurrency)
    bare_elapsed = time.perf_counter() - bare_began
    bare_cpu = cpu_seconds(pids["bare"]) - cpu["bare"]
    latencies["journey"] += seconds
    latencies["bare"] += bare_seconds
    figures = {"pages": pages, "real_per_s": pages / elapsed, "bare_per_s": pages / bare_elapsed,
               "web_cpu_ms": used["web"] / pages * 1000, "consultation_cpu_ms": used["consultation"] / pages * 1000,
               "load_cpu_ms": used["load"] / pages * 1000, "bare_cpu_ms": bare_cpu / pages * 1000,
               "journey_p99_ms": percentile(sorted(t for _, t in seconds), 0.99) * 1000}
    figures["ratio"] = figures["real_per_s"] / figures["bare_per_s"]
    log(f"    round {number}: journey {figures['real_per_s']:.0f} pages/s (web {figures['web_cpu_ms']:.2f} ms CPU, "
        f"consultation {figures['consultation_cpu_ms']:.2f} ms, p99 {figures['journey_p99_ms']:.0f} ms), bare "
        f"{figures['bare_per_s']:.0f}/s ({figures['bare_cpu_ms']:.2f} ms CPU): {figures['ratio']:.3f}")
    return figures


def percentile(ordered: list[float], fraction: float) -> float:
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _result(measured: list[dict], concurrency: int, latencies: dict) -> dict:
    middle = sorted(measured, key=lambda figures: figures["ratio"])[len(measured) // 2]
    journey, bare = sorted(t for _, t in latencies["journey"]), sorted(latencies["bare"])
    median = {key: round(statistics.median(f[key] for f in measured), 3)
              for key in ("web_cpu_ms", "consultation_cpu_ms", "load_cpu_ms", "bare_cpu_ms")}
    return {
        "benchmark": "resident_journey",
        "concurrency": concurrency,
        "journey_pages_per_s": round(middle["real_per_s"], 1),
        "bare_pages_per_s": round(middle["bare_per_s"], 1),
        "journey_vs_bare_page": round(middle["ratio"], 3),
        "journey_p50_ms": round(percentile(journey, 0.5) * 1000, 1),
        "journey_p99_ms": round(percentile(journey, 0.99) * 1000, 1),
        "bare_p99_ms": round(percentile(bare, 0.99) * 1000, 1),
        "journey_percentiles_ms": {str(p): round(percentile(journey, p / 100) * 1000, 1)
                                   for p in (10, 25, 50, 75, 90, 95, 99, 100)},
        "bare_percentiles_ms": {str(p): round(percentile(bare, p / 100) * 1000, 1)
                                for p in (10, 25, 50, 75, 90, 95, 99, 100)},
        "journey_ms_by_page": by_page(latencies["journey"]),
        "cpu_ms_per_page": {"web": median["web_cpu_ms"], "consultation": median["consultation_cpu_ms"],
                            "load_generator": median["load_cpu_ms"], "bare": median["bare_cpu_ms"]},
        "rounds": [{key: round(value, 3) for key, value in figures.items()} for figures in measured],
        "targets": {"journey_vs_bare_page": 0.4, "journey_p99_ms": 150},
    }


def by_page(latencies: list[tuple[str, float]]) -> dict[str, dict[str, float]]:
    """Each kind of page's share of the requests and its p50 and p99 milliseconds."""
    pages: dict[str, list[float]] = {}
    for page, seconds in latencies:
        pages.setdefault(page, []).append(seconds)
    return {page: {"share": round(len(times) / len(latencies), 3),
                   "p50": round(percentile(sorted(times), 0.5) * 1000, 1),
                   "p99": round(percentile(sorted(times), 0.99) * 1000, 1)} for page, times in sorted(pages.items())}


def chart(result: dict, path: Path) -> None:
    figure, (rounds, spread) = two_panels()
    rounds_chart(rounds, result, "consultation journey (web + consultation)", "pages",
                 f"Pages: median ratio {result['journey_vs_bare_page']} (target >= 0.4)")
    rounds.get_legend().get_texts()[0].set_text("bare FastAPI + Jinja2 page")
    for name, colour in (("journey", "#2a6"), ("bare", "#999")):
        shares = [p for p in sorted(result[f"{name}_percentiles_ms"], key=float) if float(p) < 100]
        spread.plot([result[f"{name}_percentiles_ms"][p] for p in shares], [float(p) for p in shares], marker="o",
                    color=colour, label=name)
    spread.axvline(150, color="#c33", linestyle="--", linewidth=1)
    spread.set(xlabel="ms per request", ylabel="percentile")
    spread.legend(fontsize=8)
    spread.set_title(f"Latency at {result['concurrency']} residents: journey p99 {result['journey_p99_ms']} ms "
                     "(target < 150)", fontsize=9)
    figure.tight_layout()
    figure.savefig(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=100, help="journeys per round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--warm-up", type=int, default=40, help="journeys before the rounds")
    arguments = parser.parse_args()
    stack = JourneyStack(admin_dsn(), kafka_bootstrap())

    async def everything() -> dict:
        try:
            return await run(stack, arguments.residents, arguments.concurrency, arguments.rounds, arguments.warm_up)
        finally:
            await stack.close()

    result = uvloop.run(everything())
    report("resident_journey", result, chart)


if __name__ == "__main__":
    main()
