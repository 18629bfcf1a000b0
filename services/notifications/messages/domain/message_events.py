"""The event telling others what just happened to a message; never its address or personalisation."""

from __future__ import annotations

import uuid
from datetime import datetime

from peel.common.contracts.notifications.messages import (
    MessageCancelled,
    MessageDelivered,
    MessageFailed,
    MessageHeld,
    MessageReleased,
    MessageRequested,
    MessageSent,
    MessageSuppressed,
)
from peel.common.events import Event
from peel.notifications.messages.domain.messages import FAILURES, Message, MessageStatus


def _about(message: Message) -> dict:
    return {"message_id": message.id, "template": message.template, "channel": message.channel.value,
            "category": message.category.value, "sender": message.sender, "topic": message.topic,
            "bulletin_id": message.bulletin_id}


def requested(message: Message) -> Event:
    return MessageRequested(**_about(message), reason=message.reason, at=message.created_at,
                            status=message.status.value, priority=message.priority)


def held(message: Message, now: datetime) -> Event:
    return MessageHeld(**_about(message), reason=message.reason, at=now, held_until=message.held_until)


def released(message: Message, reason: str | None, now: datetime, release_id: uuid.UUID | None = None) -> Event:
    return MessageReleased(**_about(message), reason=reason, at=now, release_id=release_id)


def outcome(message: Message, now: datetime) -> Event | None:
    """How delivery ended, or what it became on the way; ``None`` while it goes on unchanged."""
    status, about = message.status, _about(message)
    if status is MessageStatus.SENT or (status is MessageStatus.SENDING and message.provider):
        return MessageSent(**about, attempts=message.attempts, sent_at=message.sent_at or now,
                           provider=message.provider)
    if status in FAILURES:
        return MessageFailed(**about, attempts=message.attempts, failed_at=message.failed_at or now,
                             status=status.value)
    return _other(message, now)


def _other(message: Message, now: datetime) -> Event | None:
    if message.status is MessageStatus.HELD:
        return held(message, now)
    kinds = {MessageStatus.DELIVERED: MessageDelivered, MessageStatus.CANCELLED: MessageCancelled,
             MessageStatus.SUPPRESSED: MessageSuppressed}
    kind = kinds.get(message.status)
    return kind(**_about(message), reason=message.reason, at=now) if kind else None


def on_request(message: Message) -> list[Event]:
    """A new message's events: it was requested, and held or suppressed if so."""
    follow = outcome(message, message.created_at) if message.status is not MessageStatus.CREATED else None
    return [requested(message), *([follow] if follow else [])]
