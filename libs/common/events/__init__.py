"""CloudEvents envelope, event models and the type registry."""

from peel.common.events.envelope import (
    CONTENT_TYPE,
    Envelope,
    Event,
    InvalidEnvelope,
    KafkaRecord,
    LocalisedText,
)
from peel.common.events.registry import EventRegistry, UnknownEventType

__all__ = [
    "CONTENT_TYPE",
    "Envelope",
    "Event",
    "EventRegistry",
    "InvalidEnvelope",
    "KafkaRecord",
    "LocalisedText",
    "UnknownEventType",
]
