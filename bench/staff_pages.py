"""Staff-pages benchmark: staff opening the dashboard and a big consultation's results through the web service
and the real services.

In one run, on the same PostgreSQL and Kafka:
  - the consultation, scheduling, notifications and reporting services and the web service, each one uvicorn
    process; a consultation with 100,000 responses, sent through the consultation service's own API and counted
    by reporting's read model from their events (the way real responses arrive);
  - 10 staff users, each signed in through the development sign-in on one keep-alive connection, loading the
    dashboard ``/staff/`` and the results page ``/staff/consultations/{id}/results`` in turn, for a fixed number
    of requests each;
  - the bare page of the resident-journey benchmark (a FastAPI page rendered through the same Jinja set-up with
    no session and no service call), loaded as often at the same concurrency, as the baseline;
  - staff_dashboard_p99_ms and staff_results_p99_ms (target < 300 at 10 staff users), and each one's ratio to
    the bare page's p99.
Prints progress on stderr, writes a chart to bench/results/, ends with one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import httpx
import uvloop

from bench._common import admin_dsn, kafka_bootstrap, report, two_panels
from bench._pages import Browser
from bench._staff_seed import send_responses
from bench.resident_journey import TENANT, JourneyStack, bare_pages, percentile, public_view
from bench.response_ingest import PORTS, counted, log, open_consultation, ready, staff_headers
from peel.common.settings import REPO_ROOT

PORTS.update(scheduling=18102, notifications=18103, web=18105, bare_page=18197)
RESPONSES = 100_000
STAFF_USERS = 10
TARGET_P99_MS = 300
PERCENTILES = (10, 25, 50, 75, 90, 95, 99, 100)
UNAVAILABLE = re.compile(rb'data-part-unavailable="([^"]+)"')


class StaffStack(JourneyStack):
    def __init__(self, admin_dsn: str, bootstrap: str) -> None:
        super().__init__(admin_dsn, bootstrap)
        self.dsns: dict[str, str] = {}  # each service's database, by service

    async def start_service(self, service: str) -> str:
        url = await super().start_service(service)
        self.dsns[service] = self.admin_dsn.rsplit("/", 1)[0] + f"/{self.databases[-1]}"
        return url

    async def start_staff_web(self, urls: dict[str, str]) -> str:
        """The web service calling all four services, with the development sign-in on and its staff tokens
        signed by the key the services trust."""
        port = PORTS["web"]
        env = {**os.environ, "PEEL_WEB_DATABASE_URL": await self.database(), "PEEL_WEB_PORT": str(port),
               "PEEL_WEB_CONSULTATION_URL": urls["consultation"], "PEEL_WEB_SCHEDULING_URL": urls["scheduling"],
               "PEEL_WEB_REPORTING_URL": urls["reporting"], "PEEL_WEB_NOTIFICATIONS_URL": urls["notifications"],
               "PEEL_WEB_STAFF_LOCAL_SIGN_IN": "true", "PEEL_LOCAL_DIR": str(self.keys),
               "PEEL_LOG_LEVEL": "WARNING"}
        self.processes.append(subprocess.Popen([sys.executable, "-m", "peel.cli.main", "serve", "web"], env=env,
                                               cwd=REPO_ROOT, stdout=subprocess.DEVNULL))
        return await ready(f"http://127.0.0.1:{port}")


async def start_services(stack: StaffStack) -> dict[str, str]:
    urls = {}
    for service in ("consultation", "scheduling", "notifications", "reporting"):
        urls[service] = await stack.start_service(service)
        log(f"{service} ready at {urls[service]}")
    return urls


async def seed(stack: StaffStack, urls: dict[str, str], responses: int) -> str:
    """A published consultation with ``responses`` responses, counted by reporting's read model."""
    consultation_id, staff = await open_consultation(urls["consultation"], stack.keys)
    log(f"sending {responses:,} responses to consultation {consultation_id}")
    per_s = await send_responses(stack.dsns["consultation"], stack.prefix, consultation_id, responses, log)
    log(f"    sent at {per_s:,.0f} responses/s; waiting for reporting to count them")
    began = time.perf_counter()
    await counted(urls["reporting"], consultation_id, staff, responses, within=900)
    log(f"    counted by reporting {time.perf_counter() - began:.1f}s later")
    return consultation_id


async def sign_in(web: str, number: int) -> Browser:
    """A staff member with every role's pages open to them (an admin), signed in on their own connection."""
    browser = await Browser.open(web)
    reply = await browser.post_form("/staff/sign-in/local", [
        ("tenant", TENANT), ("name", f"Staff member {number}"), ("roles", "admin"), ("next", "/staff/")])
    if reply.status != 303 or "peel_staff" not in browser.cookies:
        raise SystemExit(f"staff sign-in: {reply.status} {reply.body[:400]!r}")
    browser.latencies.clear()
    browser.sent.clear()
    return browser


async def reconnected(web: str, browsers: list[Browser]) -> list[Browser]:
    """The same signed-in staff on new connections (uvicorn closes a keep-alive connection idle for 5 s)."""
    fresh = []
    for browser in browsers:
        await browser.close()
        fresh.append(await Browser.open(web))
        fresh[-1].cookies.update(browser.cookies)
    return fresh


async def unavailable_parts(browser: Browser) -> list[str]:
    """The dashboard's parts that could not be shown (a page of unavailable parts would measure nothing)."""
    reply = await browser.get("/staff/")
    browser.latencies.clear()
    browser.sent.clear()
    return sorted({name.decode() for name in UNAVAILABLE.findall(reply.body)})


async def staff_pages(browsers: list[Browser], pages: dict[str, str], requests: int,
                      progress: str = "") -> tuple[dict[str, list[float]], Counter]:
    """Each browser loads ``requests`` pages, the ``pages`` in turn; each page's seconds, and the statuses seen."""
    seconds: dict[str, list[float]] = {name: [] for name in pages}
    statuses: Counter = Counter()
    done = 0

    async def member(browser: Browser) -> None:
        nonlocal done
        names = list(pages)
        for number in range(requests):
            name = names[number % len(names)]
            began = time.perf_counter()
            reply = await browser.get(pages[name])
            seconds[name].append(time.perf_counter() - began)
            statuses[f"{name} {reply.status}"] += 1
            done += 1
            if progress and done % 200 == 0:
                log(f"    {progress}: {done} of {requests * len(browsers)} pages")

    await asyncio.gather(*(member(browser) for browser in browsers))
    return seconds, statuses


async def upstream(urls: dict[str, str], keys: Path, consultation_id: str, calls: int = 20) -> dict[str, float]:
    """Each service call the two pages make, alone and in turn: its median milliseconds (where the time goes)."""
    paths = {"consultation overview": ("consultation", "/v1/consultations/overview"),
             "reporting results": ("reporting", f"/v1/consultations/{consultation_id}/results"),
             "scheduling sessions": ("scheduling", "/v1/scheduling/sessions"),
             "scheduling assemblies": ("scheduling", "/v1/scheduling/assemblies"),
             "notifications bulletins": ("notifications", "/v1/bulletins")}
    headers = staff_headers(keys)
    medians = {}
    async with httpx.AsyncClient(timeout=60) as client:
        for name, (service, path) in paths.items():
            seconds = []
            for _ in range(calls):
                began = time.perf_counter()
                await client.get(urls[service] + path, headers=headers)
                seconds.append(time.perf_counter() - began)
            medians[name] = round(statistics.median(seconds) * 1000, 1)
    log(f"service calls alone, median ms: {medians}")
    return medians


async def run(stack: StaffStack, responses: int, requests: int, warm_up: int) -> dict:
    urls = await start_services(stack)
    consultation_id = await seed(stack, urls, responses)
    web = await stack.start_staff_web(urls)
    bare = await stack.start_bare_page(await public_view(urls["consultation"], consultation_id))
    bare_path = f"/en/{TENANT}/consultations/{consultation_id}/questions/area"
    pages = {"dashboard": "/staff/", "results": f"/staff/consultations/{consultation_id}/results"}
    browsers = [await sign_in(web, number) for number in range(STAFF_USERS)]
    missing = await unavailable_parts(browsers[0])
    if missing:
        log(f"the dashboard shows these parts as unavailable: {', '.join(missing)}")
    log(f"warm-up: {warm_up} pages per staff member, and as many bare pages")
    await staff_pages(browsers, pages, warm_up)
    await bare_pages(bare, bare_path, warm_up * STAFF_USERS, STAFF_USERS)
    browsers = await reconnected(web, browsers)
    log(f"measuring: {STAFF_USERS} staff members, {requests} pages each (dashboard and results in turn)")
    seconds, statuses = await staff_pages(browsers, pages, requests, progress="staff pages")
    log(f"measuring the bare page: {requests * STAFF_USERS} requests, {STAFF_USERS} at a time")
    bare_seconds = await bare_pages(bare, bare_path, requests * STAFF_USERS, STAFF_USERS)
    for browser in browsers:
        await browser.close()
    calls = await upstream(urls, stack.keys, consultation_id)
    return result(seconds, bare_seconds, statuses, responses) | {"dashboard_parts_unavailable": missing,
                                                                 "service_call_median_ms": calls}


def spread(seconds: list[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    return {str(p): round(percentile(ordered, p / 100) * 1000, 1) for p in PERCENTILES}


def result(seconds: dict[str, list[float]], bare: list[float], statuses: Counter, responses: int) -> dict:
    dashboard, results, baseline = spread(seconds["dashboard"]), spread(seconds["results"]), spread(bare)
    return {
        "benchmark": "staff_pages",
        "concurrency": STAFF_USERS,
        "responses": responses,
        "staff_dashboard_p99_ms": dashboard["99"],
        "staff_results_p99_ms": results["99"],
        "bare_page_p99_ms": baseline["99"],
        "staff_dashboard_vs_bare_p99": round(dashboard["99"] / baseline["99"], 2),
        "staff_results_vs_bare_p99": round(results["99"] / baseline["99"], 2),
        "dashboard_percentiles_ms": dashboard,
        "results_percentiles_ms": results,
        "bare_percentiles_ms": baseline,
        "statuses": dict(sorted(statuses.items())),
        "targets": {"staff_dashboard_p99_ms": TARGET_P99_MS, "staff_results_p99_ms": TARGET_P99_MS},
    }


def chart(result: dict, path: Path) -> None:
    figure, (curves, bars) = two_panels()
    lines = (("dashboard", "#2a6"), ("results", "#36c"), ("bare", "#999"))
    for name, colour in lines:
        shown = result[f"{name}_percentiles_ms"]
        shares = [p for p in sorted(shown, key=float) if float(p) < 100]
        curves.plot([shown[p] for p in shares], [float(p) for p in shares], marker="o", color=colour, label=name)
    curves.axvline(TARGET_P99_MS, color="#c33", linestyle="--", linewidth=1)
    curves.set(xlabel="ms per page", ylabel="percentile")
    curves.legend(fontsize=8)
    curves.set_title(f"Latency at {result['concurrency']} staff users, {result['responses']:,} responses",
                     fontsize=9)
    names = ["dashboard", "results", "bare"]
    p99 = [result[f"{name}_percentiles_ms"]["99"] for name in names]
    bars.bar(names, p99, color=[colour for _, colour in lines])
    bars.axhline(TARGET_P99_MS, color="#c33", linestyle="--", linewidth=1)
    bars.set(ylabel="p99 ms")
    bars.set_title(f"p99: dashboard {result['staff_dashboard_p99_ms']} ms, results {result['staff_results_p99_ms']}"
                   f" ms (target < {TARGET_P99_MS})", fontsize=9)
    figure.tight_layout()
    figure.savefig(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=RESPONSES, help="responses to the consultation")
    parser.add_argument("--requests", type=int, default=200, help="pages each staff member loads, measured")
    parser.add_argument("--warm-up", type=int, default=20, help="pages each staff member loads first")
    arguments = parser.parse_args()
    stack = StaffStack(admin_dsn(), kafka_bootstrap())

    async def everything() -> dict:
        try:
            return await run(stack, arguments.responses, arguments.requests, arguments.warm_up)
        finally:
            await stack.close()

    outcome = uvloop.run(everything())
    report("staff_pages", outcome, chart)
    print(f"staff_dashboard_p99_ms={outcome['staff_dashboard_p99_ms']} "
          f"staff_results_p99_ms={outcome['staff_results_p99_ms']} bare_page_p99_ms={outcome['bare_page_p99_ms']}",
          file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
