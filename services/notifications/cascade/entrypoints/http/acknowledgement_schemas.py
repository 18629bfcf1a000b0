"""The acknowledgement API's bodies: what a council answers, what it and staff are shown."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from peel.notifications.cascade.domain.acknowledgements import Acknowledgement, AckState, Answer
from peel.notifications.cascade.service_layer.acknowledgements import AcknowledgementView
from peel.notifications.cascade.service_layer.ports import Counts

ChaseState = Literal["none", "received", "shared", "on_agenda"]


class AnswerBody(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"state": "on_agenda", "agenda_date": "2027-02-14", "note": "Item 7 at the February meeting"}]})

    state: AckState
    agenda_date: date | None = Field(default=None, description="Required when the state is on_agenda")
    note: str | None = Field(default=None, max_length=2000)

    def answer(self) -> Answer:
        return Answer(self.state, self.agenda_date, self.note)


class BulletinPublic(BaseModel):
    id: uuid.UUID
    title: dict[str, str]
    sent_at: datetime


class CouncilPublic(BaseModel):
    id: uuid.UUID
    name: str


class AcknowledgementPublic(BaseModel):
    tenant: str
    bulletin: BulletinPublic
    organisation: CouncilPublic
    state: AckState | None
    agenda_date: date | None

    @classmethod
    def of(cls, found: AcknowledgementView) -> AcknowledgementPublic:
        record = found.record
        return cls(tenant=record.tenant, state=record.state, agenda_date=record.agenda_date,
                   bulletin=BulletinPublic(id=record.bulletin_id, title=found.title, sent_at=record.included_at),
                   organisation=CouncilPublic(id=record.organisation_id, name=found.council))


class AnswerRecorded(BaseModel):
    state: AckState
    agenda_date: date | None
    acknowledged_at: datetime | None


class CouncilAcknowledgement(BaseModel):
    organisation_id: uuid.UUID
    area: str
    included_at: datetime
    state: AckState | None
    agenda_date: date | None
    note: str | None
    acknowledged_at: datetime | None
    chasers_sent: int
    last_chased_at: datetime | None

    @classmethod
    def of(cls, record: Acknowledgement) -> CouncilAcknowledgement:
        return cls(organisation_id=record.organisation_id, area=record.area, included_at=record.included_at,
                   state=record.state, agenda_date=record.agenda_date, note=record.note,
                   acknowledged_at=record.acknowledged_at, chasers_sent=record.chasers_sent,
                   last_chased_at=record.last_chased_at)


class CountsPublic(BaseModel):
    councils: int
    acknowledged: int
    received: int
    shared: int
    on_agenda: int
    chased: int
    not_acknowledged: int

    @classmethod
    def of(cls, counts: Counts) -> CountsPublic:
        return cls(councils=counts.councils, acknowledged=counts.acknowledged, received=counts.received,
                   shared=counts.shared, on_agenda=counts.on_agenda, chased=counts.chased,
                   not_acknowledged=counts.councils - counts.acknowledged)


class AcknowledgementsPublic(BaseModel):
    bulletin_id: uuid.UUID
    counts: CountsPublic
    acknowledgements: list[CouncilAcknowledgement]
