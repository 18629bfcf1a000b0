"""Consent, suppressions and the rule deciding whether a message may go.

Consent is kept as evidence: every change is a new record (who gave or withdrew it, when, how, under which
wording) and the latest record per sender, topic and channel is the one in force. A ``subscription`` message
needs consent in force; ``service`` and ``stakeholder`` messages do not, but every message respects the
suppressions that reach it: ``global`` ones, those for its sender and those for its topic.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Channel(StrEnum):
    EMAIL = "email"
    SMS = "sms"
    LETTER = "letter"


class Category(StrEnum):
    SERVICE = "service"
    SUBSCRIPTION = "subscription"
    STAKEHOLDER = "stakeholder"


class SuppressionReason(StrEnum):
    HARD_BOUNCE = "hard_bounce"
    COMPLAINT = "complaint"
    UNSUBSCRIBE = "unsubscribe"
    MANUAL = "manual"


class Scope(StrEnum):
    GLOBAL = "global"
    SENDER = "sender"
    TOPIC = "topic"


NO_CONSENT = "no_consent"
NO_ADDRESS = "no_address"


@dataclass(frozen=True, slots=True)
class ConsentChange:
    """One entry of a consent update, as staff record it."""

    sender: str
    topic: str
    channel: Channel
    given: bool
    source: str
    wording_version: str

    @property
    def key(self) -> tuple[str, str, Channel]:
        return self.sender, self.topic, self.channel


@dataclass(frozen=True, slots=True)
class Consent:
    """A consent record: given or withdrawn at ``at``, with its evidence. Records are never changed."""

    id: uuid.UUID
    contact_id: uuid.UUID
    change: ConsentChange
    at: datetime
    recorded_by: str

    @property
    def key(self) -> tuple[str, str, Channel]:
        return self.change.key


def in_force(records: Iterable[Consent]) -> dict[tuple[str, str, Channel], Consent]:
    """The latest record for each sender, topic and channel."""
    latest: dict[tuple[str, str, Channel], Consent] = {}
    for record in sorted(records, key=lambda consent: consent.at):
        latest[record.key] = record
    return latest


def address_hash(channel: Channel, address: str) -> str:
    """How a suppression names an address without keeping it."""
    normal = address.strip().lower() if channel is Channel.EMAIL else "".join(address.split())
    return hashlib.sha256(f"{channel.value}:{normal}".encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Suppression:
    id: uuid.UUID
    tenant: str
    address_hash: str
    channel: Channel
    reason: SuppressionReason
    scope: Scope
    scope_value: str | None
    created_at: datetime
    created_by: str
    note: str | None = None
    removed_at: datetime | None = None
    removed_by: str | None = None
    removal_reason: str | None = None

    def reaches(self, sender: str, topic: str, channel: Channel) -> bool:
        if self.channel is not channel or self.removed_at is not None:
            return False
        if self.scope is Scope.SENDER:
            return self.scope_value == sender
        if self.scope is Scope.TOPIC:
            return self.scope_value == topic
        return True


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether a message may go; if not, why (``no_consent`` or ``suppressed:<reason>``)."""

    allowed: bool
    reason: str | None = None


ALLOWED = Decision(True)


@dataclass(frozen=True, slots=True)
class MessageKind:
    """What a message is, as far as consent and suppressions care."""

    category: Category
    sender: str
    topic: str
    channel: Channel


def may_send(category: Category, consents: Iterable[Consent], suppressions: Iterable[Suppression], sender: str,
             topic: str, channel: Channel) -> Decision:
    for suppression in suppressions:
        if suppression.reaches(sender, topic, channel):
            return Decision(False, f"suppressed:{suppression.reason.value}")
    if category is not Category.SUBSCRIPTION:
        return ALLOWED
    record = in_force(consents).get((sender, topic, channel))
    return ALLOWED if record is not None and record.change.given else Decision(False, NO_CONSENT)
