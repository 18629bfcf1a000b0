"""Kafka clients configured the way Peel needs them."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError

log = logging.getLogger(__name__)
TOPIC_ALREADY_EXISTS = 36


def idempotent_producer(bootstrap: str, client_id: str) -> AIOKafkaProducer:
    """Acknowledged by every in-sync replica, deduplicated by the broker, in order per partition."""
    return AIOKafkaProducer(
        bootstrap_servers=bootstrap,
        client_id=client_id,
        acks="all",
        enable_idempotence=True,
        linger_ms=5,
        max_batch_size=256 * 1024,
        request_timeout_ms=15_000,
        retry_backoff_ms=200,
    )


def reader(bootstrap: str, client_id: str) -> AIOKafkaConsumer:
    """A consumer without a group, for reading partitions directly."""
    return AIOKafkaConsumer(
        bootstrap_servers=bootstrap,
        client_id=client_id,
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        request_timeout_ms=15_000,
    )


async def ensure_topics(bootstrap: str, topics: Iterable[str], *, partitions: int, replication: int) -> None:
    """Create the topics that do not exist yet; existing ones are left as they are."""
    wanted = sorted(set(topics))
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, client_id="peel-admin", request_timeout_ms=15_000)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [NewTopic(name, partitions, replication) for name in wanted if name not in existing]
        if missing:
            response = await admin.create_topics(missing)
            _check_created(response)
    finally:
        await admin.close()


def _check_created(response: object) -> None:
    for name, code, *rest in getattr(response, "topic_errors", []):
        if code not in (0, TOPIC_ALREADY_EXISTS):
            raise KafkaError(f"could not create topic {name}: error {code} {rest}")
        log.info("topic ready", extra={"topic": name})


async def delete_topics(bootstrap: str, prefix: str) -> list[str]:
    """Delete every topic whose name starts with ``prefix`` (a test's or a benchmark's own)."""
    if not prefix:
        raise ValueError("refusing to delete topics without a prefix")
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, client_id="peel-admin", request_timeout_ms=15_000)
    await admin.start()
    try:
        doomed = [name for name in await admin.list_topics() if name.startswith(prefix)]
        if doomed:
            await admin.delete_topics(doomed)
        return doomed
    finally:
        await admin.close()
