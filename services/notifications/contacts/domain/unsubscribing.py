"""Unsubscribing from a link in a message, or asking for fewer messages.

Unsubscribing takes effect at once and together: the consent for the sender, topic and channel is withdrawn (as
evidence, like any consent change), the address is suppressed for the topic, the unsubscription is kept (naming
the message it came from, so a bulletin can count its unsubscriptions) and the contact's unsent messages of the
sender and topic on that channel are suppressed. Asking for fewer keeps the subscription but moves it to a daily or
weekly digest.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from peel.notifications.contacts.domain.consents import (
    Channel,
    Consent,
    ConsentChange,
    Scope,
    Suppression,
    SuppressionReason,
    address_hash,
)
from peel.notifications.contacts.domain.links import BadLink
from peel.notifications.messages.domain.checks import Frequency

WORDING = "unsubscribe-link"
UNSUBSCRIBED = f"suppressed:{SuppressionReason.UNSUBSCRIBE.value}"
RECORDED_BY = "contact"


class How(StrEnum):
    ONE_CLICK = "one_click_unsubscribe"
    PAGE = "unsubscribe_page"


FEWER = (Frequency.DAILY, Frequency.WEEKLY)


@dataclass(frozen=True, slots=True)
class UnsubscribeLink:
    """What an unsubscribe link names: the contact, and the sender, topic and channel of the message it was in."""

    tenant: str
    contact_id: uuid.UUID
    sender: str
    topic: str
    channel: Channel
    message_id: uuid.UUID | None
    language: str

    @classmethod
    def of(cls, data: dict) -> UnsubscribeLink:
        try:
            message = data.get("message_id")
            return cls(str(data["tenant"]), uuid.UUID(data["contact_id"]), str(data["sender"]), str(data["topic"]),
                       Channel(data["channel"]), uuid.UUID(message) if message else None,
                       str(data.get("language") or "en"))
        except (KeyError, ValueError, TypeError, AttributeError) as error:
            raise BadLink("this link is not valid") from error


@dataclass(frozen=True, slots=True)
class Unsubscription:
    id: uuid.UUID
    tenant: str
    contact_id: uuid.UUID
    sender: str
    topic: str
    channel: Channel
    message_id: uuid.UUID | None
    at: datetime
    how: How


@dataclass(frozen=True, slots=True)
class Unsubscribing:
    """The records one unsubscription makes."""

    withdrawal: Consent
    suppression: Suppression | None
    unsubscription: Unsubscription


def unsubscribing(link: UnsubscribeLink, address: str | None, how: How, now: datetime) -> Unsubscribing:
    """The withdrawal, the topic's suppression of the address (letters are not suppressed by address) and the
    unsubscription record."""
    change = ConsentChange(link.sender, link.topic, link.channel, False, how.value, WORDING)
    withdrawal = Consent(uuid.uuid4(), link.contact_id, change, now, RECORDED_BY)
    suppression = None
    if address and link.channel is not Channel.LETTER:
        suppression = Suppression(uuid.uuid4(), link.tenant, address_hash(link.channel, address), link.channel,
                                  SuppressionReason.UNSUBSCRIBE, Scope.TOPIC, link.topic, now, RECORDED_BY,
                                  note=f"sender {link.sender}")
    record = Unsubscription(uuid.uuid4(), link.tenant, link.contact_id, link.sender, link.topic, link.channel,
                            link.message_id, now, how)
    return Unsubscribing(withdrawal, suppression, record)
