"""Consumer spans that continue the trace each event carries."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING

from aiokafka.structs import ConsumerRecord
from opentelemetry.trace import INVALID_SPAN, Span, SpanKind

from peel.common.events import Envelope
from peel.common.telemetry import context_from_traceparent, tracer

if TYPE_CHECKING:
    from peel.common.messaging.consumer import Work


def process_span(consumer: str, item: Work) -> AbstractContextManager[Span]:
    """A consumer span continuing the trace the event carries; none for events without one."""
    if not item.envelope.traceparent:
        return nullcontext(INVALID_SPAN)
    return tracer().start_as_current_span(
        f"{item.record.topic} process", context=context_from_traceparent(item.envelope.traceparent),
        kind=SpanKind.CONSUMER, attributes=span_attributes(consumer, item.record, item.envelope),
    )


def span_attributes(consumer: str, record: ConsumerRecord, envelope: Envelope) -> dict[str, str | int]:
    return {
        "messaging.system": "kafka",
        "messaging.destination.name": record.topic,
        "messaging.consumer.group.name": consumer,
        "messaging.kafka.offset": record.offset,
        "messaging.message.id": envelope.id,
        "cloudevents.event_type": envelope.type,
    }
