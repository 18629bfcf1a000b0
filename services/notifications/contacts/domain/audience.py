"""Who a bulletin or a message reaches: an audience (topics, areas, kinds of organisation and roles in them),
and for each contact and channel the facts the one sending rule (``messages.domain.checks.decide``) needs.

Subscribers of any of the topics (for the sender) are reached as ``subscription`` recipients; holders of one of
the roles in an organisation of one of the kinds as ``stakeholder`` recipients (with the organisation), under the
first topic of the audience (``cascade`` if it names none). Areas narrow both; no area means everywhere.
What is sent has the last word: for a ``subscription`` bulletin every recipient, role holder or not, is a
subscription recipient (their consent needed, an unsubscribe link given).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from peel.notifications.contacts.domain.consents import Category, Channel
from peel.notifications.messages.domain.checks import RecipientFacts

CASCADE_TOPIC = "cascade"
UNKNOWN_LANGUAGE = "unknown"


@dataclass(frozen=True, slots=True)
class Audience:
    topics: tuple[str, ...]
    areas: tuple[str, ...] = ()
    organisation_kinds: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    category: Category | None = None  # of what is sent, if it says (a bulletin's); role holders are then reached so

    @property
    def reaches_organisations(self) -> bool:
        return bool(self.organisation_kinds or self.roles)

    @property
    def stakeholder_topic(self) -> str:
        return self.topics[0] if self.topics else CASCADE_TOPIC


@dataclass(frozen=True, slots=True)
class Recipient:
    contact_id: uuid.UUID
    channel: Channel
    address: str
    language: str  # 'en', 'cy' or 'both' (never asked: both languages)
    topic: str
    facts: RecipientFacts
    organisation_id: uuid.UUID | None = None
    sent_as: Category | None = None  # the category of what is sent, when it says (a bulletin's)

    @property
    def category(self) -> Category:
        """A topic subscriber: subscription; a role holder: stakeholder, unless what is sent is a subscription."""
        if self.organisation_id is None or self.sent_as is Category.SUBSCRIPTION:
            return Category.SUBSCRIPTION
        return Category.STAKEHOLDER


def message_language(contact_language: str) -> str:
    """The language a message to the contact is written in: theirs, or both when never asked."""
    return "both" if contact_language == UNKNOWN_LANGUAGE else contact_language
