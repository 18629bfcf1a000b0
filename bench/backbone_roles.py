"""The relay and the consumer of the backbone benchmark, each run in its own process.

``python -m bench.backbone_roles relay DSN BOOTSTRAP`` or ``... consumer DSN BOOTSTRAP TOPIC GROUP``.
Both run on uvloop, as the services do under uvicorn. The consumer applies a projection,
batched: a per-aggregate counter that keeps how long after the event's time it was applied.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime

import asyncpg
import uvloop

from peel.common.contracts import registry
from peel.common.contracts.consultation import ConsultationPublished
from peel.common.db.pool import create_pool
from peel.common.events import Envelope
from peel.common.messaging.consumer import BatchHandler, IdempotentConsumer
from peel.common.messaging.kafka import idempotent_producer
from peel.common.outbox import OutboxRelay

PROJECT = """
INSERT INTO bench_projection (aggregate_id, events, lag_seconds)
SELECT aggregate_id, events, lag_seconds FROM unnest($1::text[], $2::bigint[], $3::float8[])
    AS batch (aggregate_id, events, lag_seconds)
ON CONFLICT (aggregate_id) DO UPDATE SET
    events = bench_projection.events + EXCLUDED.events, lag_seconds = EXCLUDED.lag_seconds
"""


async def project(connection: asyncpg.Connection, envelopes: Sequence[Envelope]) -> None:
    """A per-aggregate counter that also keeps how long after its event each was applied."""
    now, counts, lags = datetime.now(UTC), Counter(e.subject for e in envelopes), {}
    for envelope in envelopes:
        lags[envelope.subject] = (now - envelope.time).total_seconds()
    await connection.execute(PROJECT, list(counts), list(counts.values()), [lags[key] for key in counts])


async def relay(dsn: str, bootstrap: str) -> None:
    pool = await create_pool(dsn, max_size=4)
    await OutboxRelay(pool, lambda: idempotent_producer(bootstrap, "bench-relay"), bootstrap,
                      batch_size=500, poll_seconds=0.05).run()


async def consumer(dsn: str, bootstrap: str, topic: str, group: str) -> None:
    pool = await create_pool(dsn, max_size=4)
    dead_letters = idempotent_producer(bootstrap, "bench-dlq")
    await dead_letters.start()
    handlers = {ConsultationPublished.type_name: BatchHandler(project)}
    await IdempotentConsumer(name=group, topics=[topic], handlers=handlers, registry=registry, pool=pool,
                             bootstrap=bootstrap, dead_letters=dead_letters, batch_size=500).run()


if __name__ == "__main__":
    role, *arguments = sys.argv[1:]
    uvloop.run({"relay": relay, "consumer": consumer}[role](*arguments))
