"""What leaves the service: a message's rendered content, addressed and headed for one channel, and what the
provider said when it took it.

Sources of content (a template, a bulletin, a digest, a chaser) each have a composer turning their messages
into ``Content``; delivery adds the address and the headers (``List-Unsubscribe``) and hands it to the channel's
provider.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from peel.notifications.contacts.domain.consents import Channel


@dataclass(frozen=True, slots=True)
class Content:
    """What a message says: for email a subject, a plain-text part and an HTML part (``lang`` set on each
    language's block); for SMS and letters the text only. ``language`` is the Content-Language: ``en``, ``cy``
    or both in the order shown (``cy, en``)."""

    subject: str
    text: str
    html: str | None = None
    language: str = "en"


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A message ready for its provider. ``to`` is the email address, the phone number, or the postal address's
    lines joined by newlines; ``headers`` are extra email headers; ``reference`` is what the provider is told
    (never personal data)."""

    message_id: uuid.UUID
    channel: Channel
    to: str
    content: Content
    headers: tuple[tuple[str, str], ...] = ()

    @property
    def reference(self) -> str:
        return str(self.message_id)


@dataclass(frozen=True, slots=True)
class Handover:
    """A provider took the message: its name, its own reference, and whether a delivery receipt will follow
    (GOV.UK Notify sends one; a mail server does not)."""

    provider: str
    reference: str | None = None
    receipt_expected: bool = False
