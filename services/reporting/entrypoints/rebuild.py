"""Rebuilding read models: every event replayed into fresh tables, which then replace the live ones.

A rebuild covers the read models named, or all of them; each read model declares its tables, and
the tables of read models not rebuilt are left alone.

1. Empty copies of the rebuilt read models' live tables are made in ``read_models_next``.
2. The end of every partition is noted. A consumer of its own (the live consumer's name plus
   ``.rebuild``) applies every event from the beginning up to those ends into the copies, through
   the same projections and the same bookkeeping as the live consumer.
3. In one transaction holding the swap lock exclusively (the live consumer's next batch waits for
   it): the copies catch up with any partition where the live consumer has gone further meanwhile,
   and each live table is swapped for its copy. The live consumer carries on from its own positions.
4. The old tables are dropped.

The projections are idempotent by natural key (a consultation, a response, a moderation decision
by its time), so a live batch that was waiting for the swap, or events the live consumer reads
after the swap that the copies already hold, change nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import asyncpg
from aiokafka import TopicPartition

from peel.common.contracts import registry
from peel.common.errors import Conflict
from peel.common.messaging.consumer import IdempotentConsumer
from peel.reporting.adapters import rebuild as tables
from peel.reporting.adapters.replay import Offsets, Replay
from peel.reporting.adapters.schema import NEXT
from peel.reporting.read_models._projection import ReadModel
from peel.reporting.read_models.registry import handlers

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]  # events replayed, events to replay


@dataclass(frozen=True, slots=True)
class RebuildReport:
    replayed: int
    caught_up: int
    set_aside: int


class SetAside:
    """Stands in for the dead-letter producer: what the live consumer dead-lettered when it first met
    an event is not sent again; it is counted and logged."""

    def __init__(self) -> None:
        self.count = 0

    async def send_and_wait(self, topic: str, value: bytes | None, **_: object) -> None:
        self.count += 1
        log.warning("event set aside during the rebuild", extra={"topic": topic})


def check_history(beginnings: Offsets) -> None:
    """Refuses when retention has deleted events: the rebuilt read models would lack them."""
    lost = {f"{tp.topic}[{tp.partition}]": offset for tp, offset in beginnings.items() if offset > 0}
    if lost:
        raise Conflict(f"events were deleted by retention before offsets {lost}; a rebuild would leave them out")


async def rebuild(pool: asyncpg.Pool, replay: Replay, models: Sequence[ReadModel], *, live: str,
                  progress: Progress = lambda *_: None, batch_size: int = 500,
                  keep_missing_history: bool = False) -> RebuildReport:
    """Rebuilds the ``models`` (read models) from every event; ``live`` is the live consumer's name."""
    rebuilder, rebuilt = f"{live}.rebuild", [table for model in models for table in model.tables]
    async with tables.only_rebuild(pool):
        await tables.prepare(pool, rebuilder, rebuilt)
        beginnings, ends = await replay.bounds()
        if not keep_missing_history:
            check_history(beginnings)
        consumer = _consumer(pool, rebuilder, [tp.topic for tp in replay.partitions], models)
        replayed = await _replay(replay, consumer, beginnings, ends, progress, batch_size)
        caught_up = await _swap(pool, replay, consumer, ends, live, rebuilt)
        await tables.retire(pool, rebuilder)
    return RebuildReport(replayed, caught_up, consumer.dead_lettered)


def _consumer(pool: asyncpg.Pool, name: str, topics: Sequence[str], models: Sequence[ReadModel]) -> IdempotentConsumer:
    return IdempotentConsumer(
        name=name, topics=sorted(set(topics)), handlers=handlers(models, NEXT, shared_lock=False),
        registry=registry, pool=pool, bootstrap="", dead_letters=SetAside(),  # type: ignore[arg-type]
    )


async def _replay(replay: Replay, consumer: IdempotentConsumer, start: Offsets, until: Offsets,
                  progress: Progress, batch_size: int) -> int:
    total, done = sum(until[tp] - start.get(tp, 0) for tp in until), 0
    progress(done, total)
    async for records in replay.batches(start, until, batch_size):
        await consumer.apply(records)
        done += len(records)
        progress(done, total)
    return done


async def _swap(pool: asyncpg.Pool, replay: Replay, consumer: IdempotentConsumer, ends: Offsets, live: str,
                rebuilt: Sequence[str]) -> int:
    """Catches up with the live consumer and swaps, in one transaction; returns the events caught up."""
    async with pool.acquire() as connection, connection.transaction():
        await tables.hold_swap_lock(connection)
        ahead = {TopicPartition(topic, partition): offset
                 for (topic, partition), offset in (await tables.positions(connection, live)).items()}
        targets = {tp: offset for tp, offset in ahead.items()
                   if tp in replay.partitions and offset > ends.get(tp, 0)}
        caught_up = 0
        async for records in replay.batches(ends, targets):
            await consumer.apply(records)
            caught_up += len(records)
        await tables.swap(connection, rebuilt)
    return caught_up
