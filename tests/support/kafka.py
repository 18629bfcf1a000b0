"""Reading back what reached a topic, for assertions."""

from __future__ import annotations

import json

from aiokafka import TopicPartition
from aiokafka.structs import ConsumerRecord

from peel.common.messaging.kafka import reader


async def read_all(bootstrap: str, topic: str) -> list[ConsumerRecord]:
    """Every record on every partition of ``topic``, up to the current end, in partition order."""
    consumer = reader(bootstrap, "peel-test-reader")
    await consumer.start()
    try:
        partitions = [TopicPartition(topic, p) for p in sorted(await _partitions(consumer, topic))]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        records: list[ConsumerRecord] = []
        while any([await consumer.position(tp) < ends[tp] for tp in partitions]):
            for batch in (await consumer.getmany(timeout_ms=1000)).values():
                records.extend(batch)
        return records
    finally:
        await consumer.stop()


async def _partitions(consumer, topic: str) -> set[int]:
    await consumer._client.force_metadata_update()  # noqa: SLF001 - no public call refreshes metadata
    return consumer.partitions_for_topic(topic) or set()


def event_ids(records: list[ConsumerRecord]) -> list[str]:
    return [json.loads(record.value)["id"] for record in records]
