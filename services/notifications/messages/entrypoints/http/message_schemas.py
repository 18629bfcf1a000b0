"""The messages API's bodies: what a client sends, and what it is shown."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from peel.common.auth import Principal
from peel.notifications.messages.domain.messages import Message, MessageStatus, SendMessage
from peel.notifications.templates.domain.templates import TEMPLATES

Value = Annotated[str, Field(max_length=10_000)]


class MessageCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "template": "consultation_receipt", "email_address": "resident@example.org",
        "reference": "consultation-receipt-6d3b5c1e-8f7a-4f0e-9c2d-1a2b3c4d5e6f",
        "personalisation": {"consultation_title": "Policing priorities", "consultation_title_cy":
                            "Blaenoriaethau plismona", "response_id": "6d3b5c1e-8f7a-4f0e-9c2d-1a2b3c4d5e6f",
                            "submitted_at": "2027-01-10T09:00:00Z",
                            "withdrawal_instructions": "To withdraw your response ...",
                            "withdrawal_instructions_cy": "I dynnu eich ymateb yn ôl ..."},
    }]})

    template: str = Field(min_length=1, max_length=100, description=f"One of {sorted(TEMPLATES)}")
    email_address: EmailStr = Field(description="The recipient; kept only until the message is delivered")
    personalisation: dict[str, Value] = Field(default_factory=dict, max_length=50,
                                              description="A value for each placeholder; `<name>_cy` for Welsh")
    reference: str = Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9._:-]+$",
                           description="Yours, unique in your tenant: sending it again returns the first message")

    def to_command(self, principal: Principal) -> SendMessage:
        return SendMessage(principal.tenant, principal.subject, self.template, str(self.email_address),
                           dict(self.personalisation), self.reference)


class MessagePublic(BaseModel):
    """A message's delivery, without its address or personalisation."""

    id: uuid.UUID
    reference: str
    template: str
    status: MessageStatus
    attempts: int
    created_at: datetime
    sent_at: datetime | None
    failed_at: datetime | None
    last_error: str | None

    @classmethod
    def of(cls, message: Message) -> MessagePublic:
        return cls.model_validate(message, from_attributes=True)
