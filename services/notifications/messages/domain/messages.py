"""Emails other services ask for: stored first, then delivered, tried again a bounded number of times.

A message goes ``created -> sending -> sent | failed``; while it is ``sending`` it may wait for
another attempt. Once it is sent or has failed, its address and personalisation are forgotten.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from peel.common.contracts.notifications import MessageFailed, MessageSent
from peel.common.events import Event
from peel.common.retries import Backoff, DeliveryFailure
from peel.notifications.templates.domain.templates import check_personalisation, render, template_for


class MessageStatus(StrEnum):
    CREATED = "created"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class SendMessage:
    """A client's request: which template, to whom, filled with what, under the client's own reference."""

    tenant: str
    client: str
    template: str
    recipient: str
    personalisation: dict[str, str]
    reference: str


@dataclass(frozen=True, slots=True)
class Email:
    """What goes to the mail server."""

    message_id: uuid.UUID
    recipient: str
    subject: str
    body: str


@dataclass(frozen=True, slots=True)
class Message:
    id: uuid.UUID
    tenant: str
    client: str
    reference: str
    template: str
    recipient: str | None
    status: MessageStatus
    created_at: datetime
    next_attempt_at: datetime
    personalisation: dict[str, str] = field(default_factory=dict)
    attempts: int = 0
    last_error: str | None = None
    sent_at: datetime | None = None
    failed_at: datetime | None = None

    def email(self) -> Email:
        assert self.recipient is not None, "only a message still being delivered has its address"
        rendered = render(template_for(self.template), self.personalisation)
        return Email(self.id, self.recipient, rendered.subject, rendered.body)

    def delivered(self, now: datetime) -> Message:
        return replace(self, status=MessageStatus.SENT, sent_at=now, recipient=None, personalisation={})

    def after_failure(self, failure: DeliveryFailure, backoff: Backoff, now: datetime) -> Message:
        retry_at = backoff.next_attempt(failure, self.attempts, now)
        if retry_at is None:
            return replace(self, status=MessageStatus.FAILED, failed_at=now, last_error=str(failure), recipient=None,
                           personalisation={})
        return replace(self, next_attempt_at=retry_at, last_error=str(failure))

    def outcome(self) -> Event | None:
        """The event that tells others how delivery ended; ``None`` while it goes on."""
        if self.status is MessageStatus.SENT:
            return MessageSent(message_id=self.id, template=self.template, attempts=self.attempts,
                               sent_at=self.sent_at)
        if self.status is MessageStatus.FAILED:
            return MessageFailed(message_id=self.id, template=self.template, attempts=self.attempts,
                                 failed_at=self.failed_at)
        return None

    def visible_to(self, tenant: str, client: str, sees_all_of_tenant: bool) -> bool:
        """Staff see their tenant's messages; a sending client sees its own."""
        return self.tenant == tenant and (sees_all_of_tenant or self.client == client)


def new_message(command: SendMessage, now: datetime) -> Message:
    check_personalisation(template_for(command.template), command.personalisation)
    return Message(
        id=uuid.uuid4(), tenant=command.tenant, client=command.client, reference=command.reference,
        template=command.template, recipient=command.recipient, personalisation=dict(command.personalisation),
        status=MessageStatus.CREATED, created_at=now, next_attempt_at=now,
    )
