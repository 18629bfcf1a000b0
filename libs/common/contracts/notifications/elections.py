"""Events about elections published by the notifications service on ``notifications.events``; none carries an address,
a name or personalisation."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar
from uuid import UUID

from peel.common.contracts import registry
from peel.common.events import Event


class _PeriodEvent(Event):
    aggregate_field: ClassVar[str] = "period_id"

    period_id: UUID


@registry.register
class ElectionPeriodRegistered(_PeriodEvent):
    """Staff registered a pre-election period: from ``starts_at`` to ``ends_at`` publicity to the areas (none
    listed: the whole office) is held."""

    type_name: ClassVar[str] = "peel.notifications.election_period.registered.v1"

    kind: str
    areas: list[str]
    notice_date: date
    poll_date: date
    starts_at: datetime
    ends_at: datetime
    registered_at: datetime


@registry.register
class ElectionPeriodStarted(_PeriodEvent):
    """The period came into force: subscription messages and publicity to its areas are held from now."""

    type_name: ClassVar[str] = "peel.notifications.election_period.started.v1"

    areas: list[str]
    starts_at: datetime
    ends_at: datetime


@registry.register
class ElectionPeriodEnded(_PeriodEvent):
    """The period is over: what it held may go."""

    type_name: ClassVar[str] = "peel.notifications.election_period.ended.v1"

    areas: list[str]
    ended_at: datetime


@registry.register
class ElectionPeriodCancelled(_PeriodEvent):
    """Staff cancelled the period (registered in error, say); it holds nothing from now."""

    type_name: ClassVar[str] = "peel.notifications.election_period.cancelled.v1"

    cancelled_at: datetime
