"""Transactional outbox: rows written with the state change, published to Kafka by a relay."""

from peel.common.outbox.relay import OutboxRelay
from peel.common.outbox.writer import NOTIFY_CHANNEL, Outbox

__all__ = ["NOTIFY_CHANNEL", "Outbox", "OutboxRelay"]
