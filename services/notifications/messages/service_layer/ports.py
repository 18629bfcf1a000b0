"""The ports the messages use cases talk through: storage, recipient facts, elections, content and providers."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, Self

from peel.common.events import Event
from peel.notifications.contacts.domain.consents import Channel, Suppression
from peel.notifications.messages.domain.checks import ElectionPeriod, RecipientFacts
from peel.notifications.messages.domain.holds import HeldGroup, HoldRelease, ReleaseRequest
from peel.notifications.messages.domain.messages import Message, Standing
from peel.notifications.messages.domain.outgoing import Content, Handover, Outgoing
from peel.notifications.templates.service_layer.ports import TemplateVersions


class Messages(Protocol):
    async def add(self, message: Message) -> Message:
        """The message stored under its tenant and reference: this one, or the one that came first."""

    async def get(self, message_id: uuid.UUID, for_update: bool = False) -> Message | None: ...

    async def by_provider_reference(self, provider: str, reference: str) -> Message | None: ...

    async def claim_due(self, now: datetime, until: datetime, limit: int) -> list[Message]:
        """Due messages, now ``sending`` with one more attempt and left alone by others ``until`` then."""

    async def wake_quiet(self, now: datetime, limit: int) -> list[Message]:
        """Messages held for quiet hours that have ended, made ``created`` again (as they were held)."""

    async def save_outcome(self, message: Message) -> bool:
        """Store how an attempt ended, unless another claim has taken the message over since."""

    async def save_outcomes(self, messages: Sequence[Message]) -> set[uuid.UUID]:
        """Store many outcomes at once; the ids of those stored (the others were taken over)."""

    async def save_final(self, message: Message, before: frozenset[str]) -> bool:
        """Store a message's new status if its status is still one of ``before``."""

    async def held(self, tenant: str) -> list[HeldGroup]: ...

    async def release(self, tenant: str, request: ReleaseRequest, now: datetime) -> list[Message]:
        """Release the releasable held messages the request covers; them, as they were held."""

    async def of_contact(self, tenant: str, contact_id: uuid.UUID, hashes: Sequence[str]) -> list[Message]: ...


class KnownRecipient(Protocol):
    """A contact as one message sees it (H4's ``Recipient``)."""

    address: str
    language: str
    facts: RecipientFacts


class Audiences(Protocol):
    async def facts(self, tenant: str, contact_id: uuid.UUID, sender: str, topic: str, channel: Channel,
                    now: datetime) -> KnownRecipient | None:
        """The contact's address, language and facts for the message; ``None``: no such contact or address."""


class ElectionPeriods(Protocol):
    async def in_force(self, tenant: str, now: datetime) -> list[ElectionPeriod]: ...


class Suppressions(Protocol):
    async def add(self, suppression: Suppression) -> bool: ...

    async def active(self, tenant: str, channel: Channel | None = None, reason: object = None,
                     address_hash: str | None = None) -> list[Suppression]: ...


class Standings(Protocol):
    async def of(self, messages: Sequence[Message]) -> Standing:
        """In one query: the consents in force of the messages' contacts, the suppressions in force of their
        addresses, and which of the contacts want plain-text email."""


class HoldReleases(Protocol):
    async def add(self, release: HoldRelease) -> None: ...

    async def list(self, tenant: str, limit: int) -> list[HoldRelease]: ...


class ContactAddresses(Protocol):
    async def addresses(self, tenant: str, contact_id: uuid.UUID) -> dict[Channel, str] | None:
        """A contact's addresses per channel; ``None``: no such contact in the tenant."""


class UnitOfWork(Protocol):
    messages: Messages
    templates: TemplateVersions
    audiences: Audiences
    elections: ElectionPeriods
    suppressions: Suppressions
    standings: Standings
    hold_releases: HoldReleases
    addresses: ContactAddresses

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    def emit(self, event: Event, tenant: str) -> None: ...

    async def commit(self) -> None: ...


class Composer(Protocol):
    async def compose(self, messages: Sequence[Message]) -> dict[uuid.UUID, Content]:
        """Each message's content; a message missing from the answer can no longer be composed."""


class Provider(Protocol):
    async def send(self, outgoing: Outgoing) -> Handover:
        """Hand it over; raises a ``TemporaryFailure`` or ``PermanentFailure``."""

    async def close(self) -> None: ...


class UnsubscribeLinks(Protocol):
    def unsubscribe(self, tenant: str, contact_id: uuid.UUID, sender: str, topic: str, channel: Channel,
                    message_id: uuid.UUID, language: str) -> str: ...
