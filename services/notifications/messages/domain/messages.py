"""Messages other services and the office ask for: checked, stored, then delivered, tried again a bounded
number of times. Statuses follow GOV.UK Notify's vocabulary, plus ``held``, ``suppressed`` and ``cancelled``.

A message goes ``created -> sending -> sent | delivered | permanent-failure | temporary-failure |
technical-failure``; before it is sent it may be ``held`` (quiet hours, a pre-election period) or ``suppressed``
(no consent, a suppression, the weekly cap), and it may be ``cancelled``. A final status never changes and a
message only moves forward. Once final, its address and personalisation are forgotten.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from peel.common.errors import Conflict
from peel.common.retries import Backoff, DeliveryFailure, TechnicalFailure
from peel.notifications.contacts.domain.consents import (
    Category,
    Channel,
    Consent,
    Scope,
    Suppression,
    address_hash,
    may_send,
)
from peel.notifications.messages.domain.checks import Decision, Outcome
from peel.notifications.messages.domain.outgoing import Handover
from peel.notifications.templates.domain.template_parts import Template
from peel.notifications.templates.domain.templates import check_personalisation, template_for


class MessageStatus(StrEnum):
    CREATED = "created"
    SENDING = "sending"
    SENT = "sent"
    DELIVERED = "delivered"
    PERMANENT_FAILURE = "permanent-failure"
    TEMPORARY_FAILURE = "temporary-failure"
    TECHNICAL_FAILURE = "technical-failure"
    HELD = "held"
    SUPPRESSED = "suppressed"
    CANCELLED = "cancelled"


FINAL = frozenset({MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.PERMANENT_FAILURE,
                   MessageStatus.TEMPORARY_FAILURE, MessageStatus.TECHNICAL_FAILURE, MessageStatus.SUPPRESSED,
                   MessageStatus.CANCELLED})
FAILURES = frozenset({MessageStatus.PERMANENT_FAILURE, MessageStatus.TEMPORARY_FAILURE,
                      MessageStatus.TECHNICAL_FAILURE})
CANCELLABLE = frozenset({MessageStatus.CREATED, MessageStatus.HELD})
EXPIRED = "expired"
NO_CONTENT = "no_content"


@dataclass(frozen=True, slots=True)
class SendMessage:
    """A request: which template, to whom (an address, or a known contact), filled with what, under the
    client's own reference; what kind of message it is and when it may go."""

    tenant: str
    client: str
    template: str
    recipient: str | None
    personalisation: dict[str, str]
    reference: str
    channel: Channel = Channel.EMAIL
    category: Category = Category.SERVICE
    sender: str = "office"
    topic: str | None = None
    contact_id: uuid.UUID | None = None
    priority: int = 3
    language: str = "both"  # auto, en, cy or both
    send_after: datetime | None = None
    expires_at: datetime | None = None
    respect_quiet_hours: bool = True
    template_version: int | None = None


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
    channel: Channel = Channel.EMAIL
    category: Category = Category.SERVICE
    sender: str = "office"
    topic: str | None = None
    contact_id: uuid.UUID | None = None
    priority: int = 3
    language: str = "both"
    template_version: int | None = None
    source: str = "template"
    source_id: uuid.UUID | None = None
    bulletin_id: uuid.UUID | None = None
    address_hash: str | None = None
    reason: str | None = None
    held_until: datetime | None = None
    provider: str | None = None
    provider_reference: str | None = None
    delivered_at: datetime | None = None
    cancelled_at: datetime | None = None
    expires_at: datetime | None = None

    @property
    def final(self) -> bool:
        return self.status in FINAL

    @property
    def hashed_address(self) -> str | None:
        """The address as suppressions name it; kept after the address itself is forgotten."""
        if self.address_hash is not None or self.recipient is None:
            return self.address_hash
        return address_hash(self.channel, self.recipient)

    def decided(self, decision: Decision) -> Message:
        """The message after the checks: it goes, waits, or is suppressed (and forgets its address)."""
        if decision.outcome is Outcome.HOLD:
            return replace(self, status=MessageStatus.HELD, reason=decision.reason, held_until=decision.held_until)
        if decision.outcome is Outcome.SUPPRESS:
            return replace(self, status=MessageStatus.SUPPRESSED, reason=decision.reason, recipient=None,
                           personalisation={})
        return self

    def handed_over(self, handover: Handover, now: datetime) -> Message:
        """A provider took it: ``sent`` for good, or ``sending`` until its delivery receipt."""
        taken = replace(self, provider=handover.provider, provider_reference=handover.reference, last_error=None)
        if handover.receipt_expected:
            return replace(taken, status=MessageStatus.SENDING, sent_at=now)
        return _forgotten(replace(taken, status=MessageStatus.SENT, sent_at=now))

    def after_failure(self, failure: DeliveryFailure, backoff: Backoff, now: datetime) -> Message:
        retry_at = backoff.next_attempt(failure, self.attempts, now)
        if retry_at is not None:
            return replace(self, next_attempt_at=retry_at, last_error=str(failure))
        return self.failed(_failure_status(failure), str(failure), now)

    def given_back(self, failure: DeliveryFailure, until: datetime) -> Message:
        """Not sent because its provider is unavailable: waiting again until ``until``, this attempt not
        counted."""
        return replace(self, status=MessageStatus.CREATED, attempts=max(self.attempts - 1, 0), next_attempt_at=until,
                       last_error=str(failure))

    def suppressed(self, reason: str) -> Message:
        """Stopped before sending (consent withdrawn, a suppression): final, its address forgotten."""
        return _forgotten(replace(self, status=MessageStatus.SUPPRESSED, reason=reason))

    def failed(self, status: MessageStatus, error: str | None, now: datetime) -> Message:
        return _forgotten(replace(self, status=status, failed_at=now, last_error=error))

    def delivered(self, now: datetime) -> Message:
        """The recipient's side confirmed it (a delivery receipt)."""
        return _forgotten(replace(self, status=MessageStatus.DELIVERED, delivered_at=now))

    def cancelled(self, now: datetime, reason: str | None = None) -> Message:
        if self.status not in CANCELLABLE and not (self.status is MessageStatus.SENDING and reason):
            raise Conflict(f"the message is {self.status.value} and can no longer be cancelled")
        return _forgotten(replace(self, status=MessageStatus.CANCELLED, cancelled_at=now, reason=reason))

    def expired(self, now: datetime) -> bool:
        return self.expires_at is not None and self.expires_at <= now

    def visible_to(self, tenant: str, client: str, sees_all_of_tenant: bool) -> bool:
        """Staff see their tenant's messages; a sending client sees its own."""
        return self.tenant == tenant and (sees_all_of_tenant or self.client == client)


def _forgotten(message: Message) -> Message:
    return replace(message, recipient=None, personalisation={}, address_hash=message.hashed_address)


def _failure_status(failure: DeliveryFailure) -> MessageStatus:
    if isinstance(failure, TechnicalFailure):
        return MessageStatus.TECHNICAL_FAILURE
    return MessageStatus.PERMANENT_FAILURE if failure.permanent else MessageStatus.TEMPORARY_FAILURE


@dataclass(frozen=True, slots=True)
class Standing:
    """What stands now for the contacts and addresses of a batch about to be sent: each contact's consent
    records (those in force at least), the suppressions in force per (tenant, address hash), and the contacts
    who want plain-text email."""

    consents: Mapping[uuid.UUID, tuple[Consent, ...]] = field(default_factory=dict)
    suppressions: Mapping[tuple[str, str], tuple[Suppression, ...]] = field(default_factory=dict)
    plain_text: frozenset[uuid.UUID] = frozenset()

    def stops(self, message: Message) -> str | None:
        """Why the message may no longer go (``no_consent``, ``suppressed:<reason>``); ``None``: it may."""
        reaching = self.suppressions.get((message.tenant, message.hashed_address or ""), ())
        if message.category is Category.SERVICE:  # a service message respects only global suppressions
            reaching = tuple(s for s in reaching if s.scope is Scope.GLOBAL)
        consents = self.consents.get(message.contact_id, ()) if message.contact_id else ()
        decision = may_send(_kind(message), consents, reaching, message.sender, message.topic or "", message.channel)
        return None if decision.allowed else decision.reason

    def wants_plain_text(self, message: Message) -> bool:
        return message.channel is Channel.EMAIL and message.contact_id in self.plain_text


def _kind(message: Message) -> Category:
    """Consent is asked of a contact's subscription messages; one to a bare address has none to check."""
    if message.category is Category.SUBSCRIPTION and message.contact_id is None:
        return Category.STAKEHOLDER
    return message.category


def new_message(command: SendMessage, now: datetime, template: Template | None = None) -> Message:
    """A message as asked for, not yet checked; the personalisation must fit the template (the version given,
    else the built-in one of its key)."""
    template = template or template_for(command.template)
    check_personalisation(template, command.personalisation)
    return Message(
        id=uuid.uuid4(), tenant=command.tenant, client=command.client, reference=command.reference,
        template=command.template, recipient=command.recipient, personalisation=dict(command.personalisation),
        status=MessageStatus.CREATED, created_at=now, next_attempt_at=max(command.send_after or now, now),
        channel=command.channel, category=command.category, sender=command.sender, topic=command.topic,
        contact_id=command.contact_id, priority=command.priority,
        language=command.language if command.language != "auto" else "both", expires_at=command.expires_at,
        template_version=template.version,
    )
