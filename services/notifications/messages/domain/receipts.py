"""Delivery receipts: what a provider that sends them (GOV.UK Notify) later says became of a message."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from peel.notifications.messages.domain.messages import Message, MessageStatus

# Notify's vocabulary; statuses missing here (created, sending, pending, accepted) change nothing.
FINAL_STATUSES = {
    "delivered": MessageStatus.DELIVERED,
    "received": MessageStatus.DELIVERED,  # a letter the printer has taken
    "permanent-failure": MessageStatus.PERMANENT_FAILURE,
    "temporary-failure": MessageStatus.TEMPORARY_FAILURE,
    "technical-failure": MessageStatus.TECHNICAL_FAILURE,
    "validation-failed": MessageStatus.PERMANENT_FAILURE,
    "virus-scan-failed": MessageStatus.PERMANENT_FAILURE,
}


@dataclass(frozen=True, slots=True)
class Receipt:
    provider: str
    provider_reference: str | None
    message_id: uuid.UUID | None
    status: str
    at: datetime


def after_receipt(message: Message, receipt: Receipt) -> Message | None:
    """The message as the receipt leaves it; ``None`` when it changes nothing (a repeat, a status on the way,
    or a message already final)."""
    status = FINAL_STATUSES.get(receipt.status)
    if status is None or message.status is not MessageStatus.SENDING or message.provider is None:
        return None
    if status is MessageStatus.DELIVERED:
        return message.delivered(receipt.at)
    return message.failed(status, f"the provider reported {receipt.status}", receipt.at)
