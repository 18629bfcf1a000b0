"""Notify pacing benchmark: messages handed to GOV.UK Notify (the fake, over HTTP) at its rate limit.

The fake Notify (``peel serve fake-notify``, its own process) allows 3,000 requests in any 60 seconds and answers
429 beyond. The notifications service's Notify provider, paced by its token bucket, hands ``--messages`` emails
over from ``--workers`` concurrent senders (as the delivery task does). Reported: the time to hand all of them
over (notify_handover_seconds), the rate achieved per minute, the 429s met (must be 0), and
notify_pacing_efficiency = ideal / actual, the ideal being the messages at exactly 3,000 a minute.
``--quick`` sends a few hundred at a proportionally lower limit. Writes a chart to bench/results/, ends with one
JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
from pydantic import SecretStr

from bench._common import report, two_panels
from peel.cli.fake_notify.config import DEVELOPMENT_API_KEY
from peel.common.retries import TemporaryFailure
from peel.common.settings import REPO_ROOT
from peel.notifications.contacts.domain.consents import Channel
from peel.notifications.messages.adapters.providers import providers_for
from peel.notifications.messages.domain.outgoing import Content, Outgoing
from peel.notifications.messages.settings import MessagesSettings

PORT = 18109


def start_fake(rate: int) -> subprocess.Popen:
    env = {**os.environ, "PEEL_FAKE_NOTIFY_PORT": str(PORT), "PEEL_FAKE_NOTIFY_RATE_PER_MINUTE": str(rate),
           "PEEL_FAKE_NOTIFY_CALLBACK_URL": ""}
    return subprocess.Popen([sys.executable, "-m", "peel.cli.main", "serve", "fake-notify"], env=env, cwd=REPO_ROOT,
                            stdout=subprocess.DEVNULL)


async def ready(url: str) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(200):
            try:
                if (await client.get(f"{url}/readyz")).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError("the fake Notify did not start")


async def hand_over(url: str, rate: int, count: int, workers: int) -> tuple[float, list[float], int]:
    email = providers_for(MessagesSettings(
        email_provider="notify", notify_base_url=url, notify_api_key=SecretStr(DEVELOPMENT_API_KEY),
        notify_email_template_id="bench", notify_rate_per_minute=rate))[Channel.EMAIL]
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(count):
        queue.put_nowait(n)
    done: list[float] = []
    failures = 0
    started = time.perf_counter()

    async def worker() -> None:
        nonlocal failures
        while not queue.empty():
            queue.get_nowait()
            outgoing = Outgoing(uuid.uuid4(), Channel.EMAIL, "resident@example.org", Content("Bulletin", "News."))
            try:
                await email.send(outgoing)
                done.append(time.perf_counter() - started)
            except TemporaryFailure as failure:
                failures += 1
                print(f"not handed over: {failure}", file=sys.stderr, flush=True)
            if len(done) % 250 == 0 and done:
                print(f"{len(done)} handed over in {done[-1]:.1f} s", file=sys.stderr, flush=True)

    await asyncio.gather(*(worker() for _ in range(workers)))
    await email.close()
    return time.perf_counter() - started, done, failures


def chart(result: dict, path: Path) -> None:
    figure, (left, right) = two_panels()
    times = result["progress"]
    left.plot(times, range(1, len(times) + 1))
    left.set(title="Handed over to Notify", xlabel="seconds", ylabel="messages")
    right.bar(["achieved", "limit"], [result["notify_rate_per_minute"], result["limit_per_minute"]])
    right.set(title=f"Per minute (429s: {result['notify_429s']})")
    figure.savefig(path)


async def main(arguments: argparse.Namespace) -> None:
    rate = 600 if arguments.quick else 3000
    count = arguments.messages or (300 if arguments.quick else 6000)
    fake = start_fake(rate)
    url = f"http://127.0.0.1:{PORT}"
    try:
        await ready(url)
        seconds, done, failures = await hand_over(url, rate, count, arguments.workers)
        async with httpx.AsyncClient() as client:
            stats = (await client.get(f"{url}/fake/stats")).json()
    finally:
        fake.terminate()
        fake.wait(15)
    ideal = count / rate * 60
    report("notify_pacing", {
        "messages": count, "limit_per_minute": rate, "notify_handover_seconds": round(seconds, 2),
        "notify_rate_per_minute": round(len(done) / seconds * 60, 1), "notify_429s": stats["rate_limited"],
        "failed_handovers": failures, "notify_pacing_efficiency": round(ideal / seconds, 3),
        "progress": [round(t, 3) for t in done[:: max(1, len(done) // 500)]],
    }, chart)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=0, help="how many (default 6,000; 300 with --quick)")
    parser.add_argument("--workers", type=int, default=20, help="concurrent senders")
    parser.add_argument("--quick", action="store_true", help="a limit of 600 a minute and 300 messages")
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(arguments()))
