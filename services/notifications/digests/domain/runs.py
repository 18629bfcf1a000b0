"""A digest run: a tenant's daily or weekly digests from the entries due at its cutoff, and its progress."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from peel.common.contracts.notifications.digests import DigestRunCompleted, DigestRunStarted
from peel.notifications.contacts.domain.consents import Channel
from peel.notifications.digests.domain.digests import DigestFrequency
from peel.notifications.messages.domain.checks import RecipientFacts

SCHEDULE = "schedule"


@dataclass(frozen=True, slots=True)
class DigestRun:
    id: uuid.UUID
    tenant: str
    frequency: DigestFrequency
    period: date | None
    cutoff: datetime
    started_at: datetime
    started_by: str
    contacts_due: int = 0
    contacts_done: int = 0
    completed_at: datetime | None = None
    messages: int = 0
    entries: int = 0

    def started(self) -> DigestRunStarted:
        return DigestRunStarted(run_id=self.id, frequency=self.frequency.value, contacts_due=self.contacts_due,
                                started_at=self.started_at)

    def completed(self) -> DigestRunCompleted:
        assert self.completed_at is not None
        return DigestRunCompleted(run_id=self.id, frequency=self.frequency.value, messages=self.messages,
                                  entries=self.entries, completed_at=self.completed_at)


def new_run(tenant: str, frequency: DigestFrequency, period: date | None, cutoff: datetime, by: str,
            now: datetime) -> DigestRun:
    return DigestRun(uuid.uuid4(), tenant, frequency, period, cutoff, now, by)


@dataclass(frozen=True, slots=True)
class Due:
    """A contact and channel a run has to write a digest for."""

    contact_id: uuid.UUID
    channel: Channel


@dataclass(frozen=True, slots=True)
class DigestRecipient:
    """Where the digest goes, and the contact's facts for each (sender, topic) of its entries."""

    address: str
    language: str
    facts: dict[tuple[str, str], RecipientFacts] = field(default_factory=dict)


def reference(run: DigestRun, due: Due) -> str:
    return f"digest:{run.id}:{due.contact_id}:{due.channel.value}"
