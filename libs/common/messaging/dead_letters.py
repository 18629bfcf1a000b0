"""Dead letters: records a consumer cannot apply go to ``<topic>.dlq`` with the error in headers."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from aiokafka import AIOKafkaProducer
from aiokafka.structs import ConsumerRecord

from peel.common.events.registry import dead_letter_topic

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Failure:
    record: ConsumerRecord
    error: BaseException
    attempts: int


async def send_dead_letter(producer: AIOKafkaProducer, consumer: str, failure: Failure) -> None:
    """The record as it came, to ``<topic>.dlq``, with why it failed in the headers."""
    record = failure.record
    headers = [*(record.headers or ()), *_error_headers(consumer, failure)]
    await producer.send_and_wait(
        dead_letter_topic(record.topic), record.value, key=record.key, headers=headers
    )
    log.error(
        "event sent to the dead-letter topic",
        extra={"consumer": consumer, "topic": record.topic, "offset": record.offset, "error": repr(failure.error)},
    )


def _error_headers(consumer: str, failure: Failure) -> list[tuple[str, bytes]]:
    record = failure.record
    values = {
        "peel-dlq-error": f"{type(failure.error).__name__}: {failure.error}"[:2000],
        "peel-dlq-consumer": consumer,
        "peel-dlq-original-topic": record.topic,
        "peel-dlq-original-partition": str(record.partition),
        "peel-dlq-original-offset": str(record.offset),
        "peel-dlq-attempts": str(failure.attempts),
        "peel-dlq-failed-at": datetime.now(UTC).isoformat(),
    }
    return [(name, value.encode()) for name, value in values.items()]
