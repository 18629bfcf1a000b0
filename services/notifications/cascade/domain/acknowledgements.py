"""A council's acknowledgement of a stakeholder bulletin, and when it is chased.

A council sent a stakeholder bulletin says it was ``received``, ``shared`` with residents, or is ``on_agenda``
for a date. States only move forward (received, then shared, then on the agenda); saying the same again is
fine (an agenda date may be corrected), going back is refused. Until it acknowledges, a council is chased
``chase_after`` days after it was included, at most ``most_chasers`` times, each ``chase_after`` days apart.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from peel.common.contracts.notifications.cascade import BulletinAcknowledged, CouncilChased, CouncilIncluded
from peel.common.errors import Conflict, FieldError, InvalidInput


class AckState(StrEnum):
    RECEIVED = "received"
    SHARED = "shared"
    ON_AGENDA = "on_agenda"


ORDER = (AckState.RECEIVED, AckState.SHARED, AckState.ON_AGENDA)
NOTE_LENGTH = 2000


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    id: uuid.UUID
    tenant: str
    bulletin_id: uuid.UUID
    organisation_id: uuid.UUID
    area: str
    sender: str
    topic: str
    included_at: datetime
    state: AckState | None = None
    agenda_date: date | None = None
    note: str | None = None
    acknowledged_at: datetime | None = None
    chasers_sent: int = 0
    last_chased_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Answer:
    """What a council says through its acknowledgement link."""

    state: AckState
    agenda_date: date | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ChasePolicy:
    chase_after: timedelta
    most_chasers: int


def included(tenant: str, bulletin_id: uuid.UUID, organisation_id: uuid.UUID, area: str, sender: str, topic: str,
             at: datetime) -> tuple[Acknowledgement, CouncilIncluded]:
    record = Acknowledgement(uuid.uuid4(), tenant, bulletin_id, organisation_id, area, sender, topic, at)
    return record, CouncilIncluded(bulletin_id=bulletin_id, organisation_id=organisation_id, area=area, sent_at=at)


def check_answer(answer: Answer) -> None:
    """422 naming the field: an agenda date is needed for (and only taken with) ``on_agenda``."""
    if answer.state is AckState.ON_AGENDA and answer.agenda_date is None:
        raise InvalidInput([FieldError(("body", "agenda_date"), "required when the state is on_agenda", "missing")])
    if answer.note is not None and len(answer.note) > NOTE_LENGTH:
        raise InvalidInput([FieldError(("body", "note"), f"at most {NOTE_LENGTH} characters", "too_long")])


def acknowledge(record: Acknowledgement, answer: Answer,
                now: datetime) -> tuple[Acknowledgement, BulletinAcknowledged | None]:
    """The record moved to the answer's state; no event when nothing changed; 409 when it would go back."""
    check_answer(answer)
    if record.state is not None and ORDER.index(answer.state) < ORDER.index(record.state):
        raise Conflict(f"this bulletin is already marked {record.state.value}; it cannot go back")
    agenda_date = answer.agenda_date if answer.state is AckState.ON_AGENDA else None
    note = answer.note if answer.note is not None else record.note
    if (record.state, record.agenda_date, record.note) == (answer.state, agenda_date, note):
        return record, None
    changed = replace(record, state=answer.state, agenda_date=agenda_date, note=note, acknowledged_at=now)
    event = BulletinAcknowledged(bulletin_id=record.bulletin_id, organisation_id=record.organisation_id,
                                 area=record.area, state=answer.state.value, agenda_date=agenda_date,
                                 acknowledged_at=now)
    return changed, event


def chase_due(record: Acknowledgement, policy: ChasePolicy, now: datetime) -> bool:
    """Whether the council should be chased now: not acknowledged, chasers left, and the wait since inclusion
    (or since the last chaser) over."""
    if record.state is not None or record.chasers_sent >= policy.most_chasers:
        return False
    since = record.last_chased_at or record.included_at
    return now - since >= policy.chase_after


def chased(record: Acknowledgement, message_id: uuid.UUID, now: datetime) -> tuple[Acknowledgement, CouncilChased]:
    number = record.chasers_sent + 1
    event = CouncilChased(bulletin_id=record.bulletin_id, organisation_id=record.organisation_id, area=record.area,
                          chaser=number, message_id=message_id, chased_at=now)
    return replace(record, chasers_sent=number, last_chased_at=now), event


def chaser_reference(record: Acknowledgement, number: int) -> str:
    return f"chaser:{record.bulletin_id}:{record.organisation_id}:{number}"
