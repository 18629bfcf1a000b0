"""The ports the digest runs talk through."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, Self

from peel.common.events import Event
from peel.notifications.digests.domain.digests import DigestFrequency, Entry
from peel.notifications.digests.domain.runs import DigestRecipient, DigestRun, Due
from peel.notifications.messages.domain.checks import Decision, ElectionPeriod


class DigestRuns(Protocol):
    async def tenants_due(self, frequency: DigestFrequency, cutoff: datetime) -> list[str]:
        """Tenants with entries of the frequency waiting since before the cutoff."""

    async def start(self, run: DigestRun) -> DigestRun | None:
        """Store the run with the contacts and channels due; ``None`` if its period's run exists already."""

    async def unfinished(self) -> list[DigestRun]: ...

    async def of_tenant(self, tenant: str, limit: int) -> list[DigestRun]: ...

    async def claim(self, run: DigestRun, limit: int) -> list[Due]:
        """Contacts and channels of the run not done yet, locked; those others hold are skipped."""

    async def done(self, run: DigestRun, due: Due, message_id: uuid.UUID | None, entries: int,
                   now: datetime) -> None: ...

    async def complete(self, run: DigestRun, now: datetime) -> DigestRun | None:
        """Mark the run completed if nothing is left to do and it was not already; the completed run, or None."""


class DigestEntries(Protocol):
    async def due(self, run: DigestRun, due: Due) -> list[Entry]:
        """The contact's entries on the channel waiting for this run (locked)."""

    async def recipient(self, tenant: str, due: Due, entries: Sequence[Entry],
                        now: datetime) -> DigestRecipient | None:
        """The address, and the contact's facts for each sender and topic of the entries (those the one sending
        rule needs); ``None`` when erased or without an address."""

    async def add_message(self, run: DigestRun, due: Due, recipient: DigestRecipient, first: Entry,
                          decision: Decision, now: datetime) -> uuid.UUID:
        """The digest's message, going (``created``) or waiting (``held``, with why and until when)."""

    async def take(self, due: Due, entries: Sequence[Entry], digest_id: uuid.UUID) -> None:
        """Mark the entries as taken by ``digest_id`` (the message, or the run when they were not sent)."""


class Elections(Protocol):
    async def in_force(self, tenant: str, now: datetime) -> list[ElectionPeriod]: ...


class DigestsUnitOfWork(Protocol):
    runs: DigestRuns
    entries: DigestEntries
    elections: Elections

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    def emit(self, event: Event, tenant: str) -> None: ...

    async def commit(self) -> None: ...
