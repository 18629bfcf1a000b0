"""Events about the parish council cascade published by the notifications service on ``notifications.events``:
which council was sent a stakeholder bulletin, chased, and how it acknowledged it; never an address, a name or
personalisation."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar
from uuid import UUID

from peel.common.contracts import registry
from peel.common.events import Event


class _CouncilEvent(Event):
    aggregate_field: ClassVar[str] = "bulletin_id"

    bulletin_id: UUID
    organisation_id: UUID
    area: str


@registry.register
class CouncilIncluded(_CouncilEvent):
    """A council (an organisation) was sent a stakeholder bulletin."""

    type_name: ClassVar[str] = "peel.notifications.bulletin.council_included.v1"

    sent_at: datetime


@registry.register
class BulletinAcknowledged(_CouncilEvent):
    """A council acknowledged a stakeholder bulletin: received, shared with residents, or on an agenda."""

    type_name: ClassVar[str] = "peel.notifications.bulletin.acknowledged.v1"

    state: str
    agenda_date: date | None = None
    acknowledged_at: datetime


@registry.register
class CouncilChased(_CouncilEvent):
    """A council that had not acknowledged a stakeholder bulletin was sent a reminder (the n-th)."""

    type_name: ClassVar[str] = "peel.notifications.bulletin.council_chased.v1"

    chaser: int
    message_id: UUID
    chased_at: datetime
