"""Events about messages published by the notifications service on ``notifications.events``.

They say what happened to a message and never to whom: no email address, no name, no
personalisation; the tenant is the envelope's.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar
from uuid import UUID

from peel.common.contracts import registry
from peel.common.events import Event


class _MessageOutcome(Event):
    aggregate_field: ClassVar[str] = "message_id"

    message_id: UUID
    template: str
    attempts: int
    channel: str = "email"
    category: str = "service"
    sender: str = "office"
    topic: str | None = None
    bulletin_id: UUID | None = None


@registry.register
class MessageSent(_MessageOutcome):
    """A message was handed to the recipient's mail server (or to a provider that will send a receipt)."""

    type_name: ClassVar[str] = "peel.notifications.message.sent.v1"

    sent_at: datetime
    provider: str | None = None


@registry.register
class MessageFailed(_MessageOutcome):
    """A message could not be delivered: refused for good (``permanent-failure``), still failing when its
    attempts ran out (``temporary-failure``), or lost by the provider (``technical-failure``)."""

    type_name: ClassVar[str] = "peel.notifications.message.failed.v1"

    failed_at: datetime
    status: str = "permanent-failure"


class _MessageEvent(Event):
    aggregate_field: ClassVar[str] = "message_id"

    message_id: UUID
    template: str
    channel: str
    category: str
    sender: str
    topic: str | None = None
    bulletin_id: UUID | None = None
    reason: str | None = None
    at: datetime


@registry.register
class MessageRequested(_MessageEvent):
    """A message was asked for and stored, with the status its checks gave it."""

    type_name: ClassVar[str] = "peel.notifications.message.requested.v1"

    status: str
    priority: int = 3


@registry.register
class MessageHeld(_MessageEvent):
    """A message waits: for a contact's quiet hours to end (``quiet_hours``), or for a release after a
    pre-election period (``election:<period id>``)."""

    type_name: ClassVar[str] = "peel.notifications.message.held.v1"

    held_until: datetime | None = None


@registry.register
class MessageReleased(_MessageEvent):
    """A held message goes again: its quiet hours ended, or staff released it (``release_id`` names the
    release on record)."""

    type_name: ClassVar[str] = "peel.notifications.message.released.v1"

    release_id: UUID | None = None


@registry.register
class MessageSuppressed(_MessageEvent):
    """A message was never sent: no consent, a suppression of the address, or the weekly cap."""

    type_name: ClassVar[str] = "peel.notifications.message.suppressed.v1"


@registry.register
class MessageDelivered(_MessageEvent):
    """The provider's delivery receipt confirmed the message reached the recipient."""

    type_name: ClassVar[str] = "peel.notifications.message.delivered.v1"


@registry.register
class MessageCancelled(_MessageEvent):
    """A message was cancelled before it went: by its sender, or because it expired or lost its content."""

    type_name: ClassVar[str] = "peel.notifications.message.cancelled.v1"
