"""In-memory stand-ins for the messages ports (no tests here; the messages unit tests share them)."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from peel.common.retries import DeliveryFailure
from peel.notifications.contacts.domain.consents import Channel, Consent, ConsentChange, Suppression, address_hash
from peel.notifications.messages.domain.checks import ElectionPeriod, RecipientFacts
from peel.notifications.messages.domain.holds import HeldGroup, HoldRelease, ReleaseRequest, releasable
from peel.notifications.messages.domain.messages import FINAL, Message, MessageStatus, Standing
from peel.notifications.messages.domain.outgoing import Content, Handover, Outgoing
from peel.notifications.templates.domain.template_parts import Template
from tests.support.fake_events import FakeEventsUnitOfWork


class FakeMessages:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, Message] = {}

    async def add(self, message: Message) -> Message:
        first = next((m for m in self.rows.values() if (m.tenant, m.reference) == (message.tenant, message.reference)),
                     None)
        if first is None:
            self.rows[message.id] = first = message
        return first

    async def get(self, message_id: uuid.UUID, for_update: bool = False) -> Message | None:
        return self.rows.get(message_id)

    async def by_provider_reference(self, provider: str, reference: str) -> Message | None:
        return next((m for m in self.rows.values() if (m.provider, m.provider_reference) == (provider, reference)),
                    None)

    async def claim_due(self, now: datetime, until: datetime, limit: int) -> list[Message]:
        due = sorted((m for m in self.rows.values() if _due(m, now)), key=lambda m: m.next_attempt_at)[:limit]
        for message in due:
            self.rows[message.id] = replace(message, status=MessageStatus.SENDING, attempts=message.attempts + 1,
                                            next_attempt_at=until)
        return [self.rows[message.id] for message in due]

    async def wake_quiet(self, now: datetime, limit: int) -> list[Message]:
        woken = [m for m in self.rows.values() if m.status is MessageStatus.HELD and m.reason == "quiet_hours"
                 and m.held_until is not None and m.held_until <= now][:limit]
        for m in woken:
            self.rows[m.id] = replace(m, status=MessageStatus.CREATED, next_attempt_at=m.held_until, held_until=None)
        return [self.rows[m.id] for m in woken]

    async def save_outcome(self, message: Message) -> bool:
        return message.id in await self.save_outcomes([message])

    async def save_outcomes(self, messages: Sequence[Message]) -> set[uuid.UUID]:
        saved = set()
        for message in messages:
            stored = self.rows[message.id]
            claimed = message.attempts + (message.status is MessageStatus.CREATED)  # given back: not counted
            if (stored.attempts, stored.status, stored.provider) == (claimed, MessageStatus.SENDING, None):
                self.rows[message.id] = replace(message, recipient=None if message.status in FINAL
                                                else stored.recipient)
                saved.add(message.id)
        return saved

    async def save_final(self, message: Message, before: frozenset[str]) -> bool:
        if self.rows[message.id].status.value not in before:
            return False
        self.rows[message.id] = message
        return True

    async def held(self, tenant: str) -> list[HeldGroup]:
        held = [m for m in self.rows.values() if m.tenant == tenant and m.status is MessageStatus.HELD]
        counts = Counter((m.reason, m.bulletin_id) for m in held)
        return [HeldGroup(reason, bulletin, count, min(m.created_at for m in held
                                                       if (m.reason, m.bulletin_id) == (reason, bulletin)))
                for (reason, bulletin), count in counts.items()]

    async def release(self, tenant: str, request: ReleaseRequest, now: datetime) -> list[Message]:
        chosen = [m for m in self.rows.values() if m.tenant == tenant and m.status is MessageStatus.HELD
                  and releasable(m.reason) and _covers(request, m)]
        for m in chosen:
            self.rows[m.id] = replace(m, status=MessageStatus.CREATED, next_attempt_at=now, reason=None,
                                      held_until=None)
        return chosen

    async def of_contact(self, tenant: str, contact_id: uuid.UUID, hashes: Sequence[str]) -> list[Message]:
        return [m for m in self.rows.values()
                if m.tenant == tenant and (m.contact_id == contact_id or m.address_hash in hashes)]


def _due(message: Message, now: datetime) -> bool:
    waiting = message.status is MessageStatus.CREATED or (message.status is MessageStatus.SENDING
                                                          and message.provider is None)
    return waiting and message.next_attempt_at <= now


def _covers(request: ReleaseRequest, message: Message) -> bool:
    return ((request.bulletin_id is None or message.bulletin_id == request.bulletin_id)
            and (request.message_ids is None or message.id in request.message_ids)
            and (request.held_reason is None or message.reason == request.held_reason))


@dataclass
class Known:
    address: str
    language: str
    facts: RecipientFacts


class FakeAudiences:
    def __init__(self) -> None:
        self.contacts: dict[uuid.UUID, Known] = {}

    async def facts(self, tenant: str, contact_id: uuid.UUID, sender: str, topic: str, channel: Channel,
                    now: datetime) -> Known | None:
        return self.contacts.get(contact_id)


@dataclass
class FakeElections:
    periods: list[ElectionPeriod] = field(default_factory=list)

    async def in_force(self, tenant: str, now: datetime) -> list[ElectionPeriod]:
        return [period for period in self.periods if period.starts_at <= now < period.ends_at]


class FakeSuppressions:
    def __init__(self) -> None:
        self.rows: list[Suppression] = []

    async def add(self, suppression: Suppression) -> bool:
        same = [s for s in self.rows if (s.tenant, s.address_hash, s.channel, s.scope) ==
                (suppression.tenant, suppression.address_hash, suppression.channel, suppression.scope)]
        if not same:
            self.rows.append(suppression)
        return not same

    async def active(self, tenant: str, channel: Channel | None = None, reason: object = None,
                     address_hash: str | None = None) -> list[Suppression]:
        return [s for s in self.rows if s.tenant == tenant and (channel is None or s.channel is channel)
                and (address_hash is None or s.address_hash == address_hash)]


class FakeStandings:
    """Consents recorded here, else the consent the contact's facts say; the suppressions of the fake
    suppressions; the contacts wanting plain text."""

    def __init__(self, audiences: FakeAudiences, suppressions: FakeSuppressions) -> None:
        self.audiences, self.suppressions = audiences, suppressions
        self.consents: dict[uuid.UUID, list[Consent]] = {}
        self.plain_text: set[uuid.UUID] = set()
        self.batches: list[int] = []

    async def of(self, messages: Sequence[Message]) -> Standing:
        self.batches.append(len(messages))
        hashes = {(m.tenant, m.hashed_address) for m in messages}
        found: dict[tuple[str, str], tuple[Suppression, ...]] = {}
        for s in self.suppressions.rows:
            if (s.tenant, s.address_hash) in hashes and s.removed_at is None:
                found[(s.tenant, s.address_hash)] = (*found.get((s.tenant, s.address_hash), ()), s)
        consents = {m.contact_id: tuple(self._consents(m)) for m in messages if m.contact_id is not None}
        return Standing(consents, found, frozenset(self.plain_text))

    def _consents(self, message: Message) -> list[Consent]:
        assert message.contact_id is not None
        if message.contact_id in self.consents:
            return self.consents[message.contact_id]
        known = self.audiences.contacts.get(message.contact_id)
        change = ConsentChange(message.sender, message.topic or "", message.channel,
                               bool(known and known.facts.consent_given), "facts", "v1")
        return [Consent(uuid.uuid4(), message.contact_id, change, message.created_at, "test")]


class FakeHoldReleases:
    def __init__(self) -> None:
        self.rows: list[HoldRelease] = []

    async def add(self, release: HoldRelease) -> None:
        self.rows.append(release)

    async def list(self, tenant: str, limit: int) -> list[HoldRelease]:
        return [r for r in reversed(self.rows) if r.tenant == tenant][:limit]


class FakeAddresses:
    def __init__(self) -> None:
        self.contacts: dict[uuid.UUID, dict[Channel, str]] = {}

    async def addresses(self, tenant: str, contact_id: uuid.UUID) -> dict[Channel, str] | None:
        return self.contacts.get(contact_id)


class FakeTemplateVersions:
    """An office's own template versions (the built-in ones are not stored)."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], list[Template]] = {}

    async def get(self, tenant: str, key: str, version: int | None = None) -> Template | None:
        versions = self.rows.get((tenant, key), [])
        if version is None:
            return versions[-1] if versions else None
        return next((t for t in versions if t.version == version), None)


class FakeUnitOfWork(FakeEventsUnitOfWork):
    def __init__(self) -> None:
        super().__init__()
        self.messages = FakeMessages()
        self.templates = FakeTemplateVersions()
        self.audiences = FakeAudiences()
        self.elections = FakeElections()
        self.suppressions = FakeSuppressions()
        self.standings = FakeStandings(self.audiences, self.suppressions)
        self.hold_releases = FakeHoldReleases()
        self.addresses = FakeAddresses()

    def suppress(self, channel: Channel, address: str, suppression: Suppression) -> None:
        self.suppressions.rows.append(replace(suppression, address_hash=address_hash(channel, address)))


class FakeComposer:
    """Composes every message it is given, except those it is told are gone."""

    def __init__(self, gone: set[uuid.UUID] | None = None) -> None:
        self.gone = gone or set()
        self.calls: list[int] = []

    async def compose(self, messages: Sequence[Message]) -> dict[uuid.UUID, Content]:
        self.calls.append(len(messages))
        return {m.id: Content(f"About {m.template}", "Hello", None, "en") for m in messages if m.id not in self.gone}


class FakeProvider:
    """Takes every message, or first fails with the failures it is given, in turn."""

    def __init__(self, *failures: DeliveryFailure, name: str = "smtp", receipts: bool = False) -> None:
        self.failures = list(failures)
        self.sent: list[Outgoing] = []
        self.name, self.receipts = name, receipts

    async def send(self, outgoing: Outgoing) -> Handover:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append(outgoing)
        return Handover(self.name, f"ref-{len(self.sent)}" if self.receipts else None, self.receipts)

    async def close(self) -> None:
        return None


class FakeLinks:
    def unsubscribe(self, tenant: str, contact_id: uuid.UUID, sender: str, topic: str, channel: Channel,
                    message_id: uuid.UUID, language: str) -> str:
        return f"https://pages.example/{language}/{tenant}/unsubscribe/{contact_id}.{topic}"
