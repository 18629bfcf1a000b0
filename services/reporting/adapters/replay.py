"""Reads topics from the beginning, partition by partition, up to given offsets (no consumer group)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Self

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.structs import ConsumerRecord

from peel.common.messaging.kafka import reader

Offsets = dict[TopicPartition, int]


class Replay:
    def __init__(self, bootstrap: str, topics: Sequence[str], client_id: str = "peel-reporting-rebuild") -> None:
        self._consumer: AIOKafkaConsumer = reader(bootstrap, client_id)
        self._topics = list(topics)
        self.partitions: list[TopicPartition] = []

    async def __aenter__(self) -> Self:
        await self._consumer.start()
        await self._consumer._client.force_metadata_update()  # noqa: SLF001 - no public call refreshes metadata
        self.partitions = [TopicPartition(topic, partition) for topic in self._topics
                           for partition in sorted(self._consumer.partitions_for_topic(topic) or ())]
        self._consumer.assign(self.partitions)
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self._consumer.stop()

    async def bounds(self) -> tuple[Offsets, Offsets]:
        """Each partition's first offset still held, and its end (the offset the next record will get)."""
        if not self.partitions:
            return {}, {}
        return (await self._consumer.beginning_offsets(self.partitions),
                await self._consumer.end_offsets(self.partitions))

    async def batches(self, start: Mapping[TopicPartition, int], until: Mapping[TopicPartition, int],
                      size: int = 500) -> AsyncIterator[list[ConsumerRecord]]:
        """The records from ``start`` up to (not including) ``until`` in each partition, in batches."""
        pending = {tp for tp in until if start.get(tp, 0) < until[tp]}
        self._consumer.pause(*(tp for tp in self.partitions if tp not in pending))
        self._consumer.resume(*pending)
        for tp in pending:
            self._consumer.seek(tp, start.get(tp, 0))
        while pending:
            fetched = await self._consumer.getmany(*pending, timeout_ms=1_000, max_records=size)
            records = [r for tp, batch in fetched.items() for r in batch if r.offset < until[tp]]
            for tp in list(pending):
                if await self._consumer.position(tp) >= until[tp]:
                    pending.discard(tp)
            if records:
                yield records
