"""Events about bulletins published by the notifications service on ``notifications.events``; none carries an address,
a name or personalisation."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar
from uuid import UUID

from peel.common.contracts import registry
from peel.common.events import Event


class _BulletinEvent(Event):
    aggregate_field: ClassVar[str] = "bulletin_id"

    bulletin_id: UUID


@registry.register
class BulletinDrafted(_BulletinEvent):
    """A bulletin was written (or rewritten: an edit after approval returns it to draft)."""

    type_name: ClassVar[str] = "peel.notifications.bulletin.drafted.v1"

    sender: str
    category: str
    topics: list[str]
    areas: list[str]
    items: int
    drafted_at: datetime


@registry.register
class BulletinApproved(_BulletinEvent):
    """A second member of staff approved the bulletin for sending."""

    type_name: ClassVar[str] = "peel.notifications.bulletin.approved.v1"

    approved_at: datetime


@registry.register
class BulletinScheduled(_BulletinEvent):
    type_name: ClassVar[str] = "peel.notifications.bulletin.scheduled.v1"

    send_at: datetime


@registry.register
class BulletinDispatchStarted(_BulletinEvent):
    """Sending began: the audience is being resolved and every recipient's message written."""

    type_name: ClassVar[str] = "peel.notifications.bulletin.dispatch_started.v1"

    category: str
    started_at: datetime


@registry.register
class BulletinDispatchCompleted(_BulletinEvent):
    """Every recipient has its message or digest entry: how many of each outcome (counts only)."""

    type_name: ClassVar[str] = "peel.notifications.bulletin.dispatch_completed.v1"

    queued: int
    held: int
    suppressed: int
    digest: int
    completed_at: datetime


@registry.register
class BulletinPaused(_BulletinEvent):
    type_name: ClassVar[str] = "peel.notifications.bulletin.paused.v1"

    held: int
    paused_at: datetime


@registry.register
class BulletinResumed(_BulletinEvent):
    type_name: ClassVar[str] = "peel.notifications.bulletin.resumed.v1"

    released: int
    resumed_at: datetime


@registry.register
class BulletinCancelled(_BulletinEvent):
    """Nothing more of the bulletin is sent; messages already handed over finish."""

    type_name: ClassVar[str] = "peel.notifications.bulletin.cancelled.v1"

    cancelled: int
    cancelled_at: datetime
