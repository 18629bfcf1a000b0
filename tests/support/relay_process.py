"""Runs an outbox relay in its own process, for tests that kill it.

``python -m tests.support.relay_process DSN BOOTSTRAP BATCH [DIE_AFTER]``: with
DIE_AFTER, the process exits abruptly once that many sends have been acknowledged
by Kafka, in the middle of a batch that it has not yet marked as published.
"""

from __future__ import annotations

import asyncio
import os
import sys

import asyncpg

from peel.common.db.pool import create_pool
from peel.common.messaging.kafka import idempotent_producer
from peel.common.outbox import OutboxRelay


class DyingProducer:
    """Passes sends through to a real producer; the process dies after ``die_after`` acknowledged sends."""

    def __init__(self, producer, die_after: int | None) -> None:
        self._producer = producer
        self._left = die_after

    def __getattr__(self, name: str):
        return getattr(self._producer, name)

    async def send(self, *args, **kwargs):
        future = await self._producer.send(*args, **kwargs)
        if self._left is not None:
            self._left -= 1
            if self._left == 0:
                await future
                await self._producer.flush()
                os._exit(137)
        return future


async def main(dsn: str, bootstrap: str, batch: int, die_after: int | None) -> None:
    pool: asyncpg.Pool = await create_pool(dsn)
    relay = OutboxRelay(
        pool, lambda: DyingProducer(idempotent_producer(bootstrap, "relay-under-test"), die_after), bootstrap,
        batch_size=batch, poll_seconds=0.2,
    )
    await relay.run()


if __name__ == "__main__":
    dsn, bootstrap, batch = sys.argv[1], sys.argv[2], int(sys.argv[3])
    asyncio.run(main(dsn, bootstrap, batch, int(sys.argv[4]) if len(sys.argv) > 4 else None))
