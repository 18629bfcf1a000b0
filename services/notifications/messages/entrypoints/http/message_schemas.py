"""The messages API's bodies: what a client sends, and what it is shown."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, EmailStr, Field

from peel.common.auth import Principal
from peel.common.errors import FieldError, InvalidInput
from peel.notifications.contacts.domain.consents import Category, Channel
from peel.notifications.messages.domain.messages import Message, MessageStatus, SendMessage
from peel.notifications.templates.domain.templates import TEMPLATES

Value = Annotated[str, Field(max_length=10_000)]
Name = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[a-z0-9][a-z0-9._:-]*$")]
Line = Annotated[str, Field(min_length=1, max_length=200)]
ADDRESS_FIELD = {Channel.EMAIL: "email_address", Channel.SMS: "phone_number", Channel.LETTER: "address"}


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

    template: str = Field(min_length=1, max_length=100, description=f"The office's template, or one of "
                                                                     f"{sorted(TEMPLATES)}")
    template_version: int | None = Field(None, ge=1, description="A version of the template; the latest if absent")
    email_address: EmailStr | None = Field(None, description="The recipient of an email; kept only until the "
                                                             "message is delivered")
    personalisation: dict[str, Value] = Field(default_factory=dict, max_length=50,
                                              description="A value for each placeholder; `<name>_cy` for Welsh")
    reference: str = Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9._:-]+$",
                           description="Yours, unique in your tenant: sending it again returns the first message")
    channel: Channel = Channel.EMAIL
    contact_id: uuid.UUID | None = Field(None, description="A known contact instead of an address: its address for "
                                                           "the channel is used, and its language when auto")
    phone_number: str | None = Field(None, pattern=r"^\+?[0-9 ]{7,20}$", description="The recipient of an SMS")
    address: list[Line] | None = Field(None, min_length=3, max_length=7, description="A letter's lines, postcode last")
    category: Category = Category.SERVICE
    sender: Name = "office"
    topic: Name | None = Field(None, description="Required for subscription and stakeholder messages")
    priority: int = Field(3, ge=1, le=5, description="1 is urgent: never held for quiet hours or capped")
    language: Literal["auto", "en", "cy", "both"] = "both"
    send_after: AwareDatetime | None = None
    expires_at: AwareDatetime | None = Field(None, description="Not sent after this: cancelled, reason expired")
    respect_quiet_hours: bool = True

    def to_command(self, principal: Principal) -> SendMessage:
        self._check()
        return SendMessage(
            principal.tenant, principal.subject, self.template, None if self.contact_id else self._address(),
            dict(self.personalisation), self.reference, self.channel, self.category, self.sender, self.topic,
            self.contact_id, self.priority, self.language, self.send_after, self.expires_at,
            self.respect_quiet_hours, self.template_version)

    def _address(self) -> str | None:
        if self.channel is Channel.LETTER:
            return "\n".join(self.address or ()) or None
        value = self.email_address if self.channel is Channel.EMAIL else self.phone_number
        return str(value) if value else None

    def _check(self) -> None:
        errors = []
        if self.contact_id is None and self._address() is None:
            errors.append(FieldError((ADDRESS_FIELD[self.channel],), f"a {self.channel.value} needs this, "
                                                                     "or a contact_id"))
        if self.category is not Category.SERVICE and self.topic is None:
            errors.append(FieldError(("topic",), f"a {self.category.value} message needs a topic"))
        if self.language == "auto" and self.contact_id is None:
            errors.append(FieldError(("language",), "auto takes a contact's language: give a contact_id"))
        if errors:
            raise InvalidInput(errors)


class MessagePublic(BaseModel):
    """A message's delivery, without its address or personalisation."""

    id: uuid.UUID
    reference: str
    template: str
    template_version: int | None
    status: MessageStatus
    reason: str | None
    channel: Channel
    category: Category
    sender: str
    topic: str | None
    priority: int
    language: str
    attempts: int
    created_at: datetime
    held_until: datetime | None
    sent_at: datetime | None
    delivered_at: datetime | None
    failed_at: datetime | None
    cancelled_at: datetime | None
    last_error: str | None

    @classmethod
    def of(cls, message: Message) -> MessagePublic:
        return cls.model_validate(message, from_attributes=True)


class ContactMessage(BaseModel):
    """One message to a contact, for a subject-access request: what and when, never what it said."""

    id: uuid.UUID
    created_at: datetime
    channel: Channel
    category: Category
    sender: str
    topic: str | None
    template: str
    status: MessageStatus
    sent_at: datetime | None
    delivered_at: datetime | None
    failed_at: datetime | None
    bulletin_id: uuid.UUID | None

    @classmethod
    def of(cls, message: Message) -> ContactMessage:
        return cls.model_validate(message, from_attributes=True)
