"""Bodies of a response staff key in on a resident's behalf, from a paper form, a telephone call or an event."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from peel.consultation.domain.channels import KeyedIn
from peel.consultation.domain.commands import SubmitResponse
from peel.consultation.domain.receipts import Receipt
from peel.consultation.entrypoints.http.schemas import EqualityMonitoring


class AssistedResponseCreate(BaseModel):
    """A resident's answers as a resident gives them (no email: no receipt is sent), and how they came in."""

    model_config = ConfigDict(extra="forbid")

    channel: Literal["paper", "telephone", "event"] = Field(
        description="How the response reached the office; results are shown by channel")
    received_on: date | None = Field(default=None, description="The day the paper form or call was received "
                                                               "(not in the future); the day keyed in if left out")
    answers: dict[str, JsonValue] = Field(description="Question key -> answer, checked and routed as a resident's")
    postcode: str | None = Field(default=None, max_length=10, description="Mapped to a local policing area only")
    publish_consent: bool = Field(default=False, description="The resident consented to publish free-text answers "
                                                             "after moderation")
    equality: EqualityMonitoring | None = None

    def to_command(self, consultation_id: uuid.UUID, tenant: str, keyed_by: str) -> SubmitResponse:
        return SubmitResponse(
            consultation_id=consultation_id, answers=self.answers, postcode=self.postcode,
            publishable=self.publish_consent, equality=self.equality.to_domain() if self.equality else None,
            tenant=tenant, keyed_in=KeyedIn(self.channel, keyed_by, self.received_on),
        )


class AssistedResponseCreated(BaseModel):
    id: uuid.UUID
    consultation_id: uuid.UUID
    submitted_at: datetime = Field(description="When it was keyed in")
    channel: Literal["paper", "telephone", "event"]

    @classmethod
    def of(cls, receipt: Receipt, channel: str) -> AssistedResponseCreated:
        return cls(id=receipt.response_id, consultation_id=receipt.consultation_id,
                   submitted_at=receipt.submitted_at, channel=channel)
