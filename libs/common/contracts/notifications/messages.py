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


@registry.register
class MessageSent(_MessageOutcome):
    """An email was handed to the recipient's mail server."""

    type_name: ClassVar[str] = "peel.notifications.message.sent.v1"

    sent_at: datetime


@registry.register
class MessageFailed(_MessageOutcome):
    """An email could not be delivered: refused for good, or still failing when its attempts ran out."""

    type_name: ClassVar[str] = "peel.notifications.message.failed.v1"

    failed_at: datetime
