"""Events about digests published by the notifications service on ``notifications.events``: a run started and
how many it sent; never an address, a name or personalisation."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar
from uuid import UUID

from peel.common.contracts import registry
from peel.common.events import Event


class _RunEvent(Event):
    aggregate_field: ClassVar[str] = "run_id"

    run_id: UUID
    frequency: str


@registry.register
class DigestRunStarted(_RunEvent):
    """A daily or weekly digest run started, for the contacts with entries due."""

    type_name: ClassVar[str] = "peel.notifications.digest.run_started.v1"

    contacts_due: int
    started_at: datetime


@registry.register
class DigestRunCompleted(_RunEvent):
    """A digest run wrote every digest due: one message per contact and channel."""

    type_name: ClassVar[str] = "peel.notifications.digest.run_completed.v1"

    messages: int
    entries: int
    completed_at: datetime
