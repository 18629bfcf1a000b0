"""``peel relay SERVICE``: publish one service's outbox to Kafka, in a process of its own.

``peel serve`` starts one beside each service; run more on other machines for standby (one
leads at a time, chosen by a PostgreSQL advisory lock).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal

from peel.cli.serve import SERVICES, WITHOUT_EVENTS, settings_for

log = logging.getLogger(__name__)
STOP_SECONDS = 10


def register(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser("relay", help="publish a service's outbox to Kafka (peel serve starts one)")
    command.add_argument("service", choices=[name for name in SERVICES if name not in WITHOUT_EVENTS])
    command.add_argument("--parent", type=int, metavar="PID", help="stop when this process (the service) ends")
    command.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    import uvloop

    from peel.common.telemetry import configure_logging, configure_telemetry

    settings = settings_for(arguments.service)
    configure_logging(f"{arguments.service}-relay", settings.log_level)
    configure_telemetry(f"{arguments.service}-relay", settings.otel_exporter, settings.otel_endpoint)
    uvloop.run(relay_until_stopped(settings, arguments.parent))
    return 0


async def relay_until_stopped(settings, parent: int | None = None) -> None:  # noqa: ANN001 - any service's settings
    from peel.common.db.pool import create_pool
    from peel.common.messaging.kafka import ensure_topics
    from peel.common.runtime import outbox_relay

    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for stop in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(stop, stopped.set)
    watch = asyncio.create_task(_parent_ended(parent, stopped)) if parent else None
    await ensure_topics(settings.kafka_bootstrap, [settings.topic()], partitions=settings.kafka_partitions,
                        replication=settings.kafka_replication_factor)
    pool = await create_pool(settings.dsn, min_size=1, max_size=3)
    relay = asyncio.create_task(outbox_relay(settings, pool).run(), name="outbox-relay")
    log.info("outbox relay started", extra={"service": settings.service_name})
    await asyncio.wait([relay, asyncio.create_task(stopped.wait())], return_when=asyncio.FIRST_COMPLETED)
    relay.cancel()
    _, unfinished = await asyncio.wait([relay], timeout=STOP_SECONDS)
    if unfinished:
        log.warning("outbox relay did not stop within %ss; closing its connections", STOP_SECONDS)
    pool.terminate()
    if watch:
        watch.cancel()
    log.info("outbox relay stopped", extra={"service": settings.service_name})


async def _parent_ended(parent: int, stopped: asyncio.Event) -> None:
    """Set ``stopped`` once ``parent`` has ended (this process is then handed to another parent)."""
    while os.getppid() == parent:
        await asyncio.sleep(1)
    log.info("the service this relay served has stopped")
    stopped.set()
