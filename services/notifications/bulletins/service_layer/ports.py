"""The ports the bulletin use cases talk through."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, Self

from peel.common.events import Event
from peel.notifications.bulletins.domain.bulletins import Bulletin
from peel.notifications.bulletins.domain.dispatch import Plan
from peel.notifications.bulletins.domain.items import BulletinItem
from peel.notifications.bulletins.domain.stats import StatusCount
from peel.notifications.contacts.domain.audience import Audience, Recipient
from peel.notifications.contacts.domain.consents import Channel
from peel.notifications.messages.domain.checks import ElectionPeriod


class Bulletins(Protocol):
    async def add(self, bulletin: Bulletin) -> None: ...

    async def get(self, tenant: str, bulletin_id: uuid.UUID, for_update: bool = False) -> Bulletin | None:
        """The tenant's bulletin; ``for_update`` holds others' changes (and the dispatch) off until commit."""

    async def save(self, bulletin: Bulletin) -> None: ...

    async def list(self, tenant: str) -> list[Bulletin]:
        """Newest first."""


class BulletinMessages(Protocol):
    """The bulletin's messages in the messages table, and its digest entries."""

    async def write(self, bulletin: Bulletin, plan: Plan, now: datetime) -> None:
        """Store what is planned; a message or entry already stored (by an earlier, interrupted run) stays."""

    async def hold_unsent(self, tenant: str, bulletin_id: uuid.UUID, now: datetime) -> int: ...

    async def release_held(self, tenant: str, bulletin_id: uuid.UUID, now: datetime) -> int: ...

    async def cancel_unsent(self, tenant: str, bulletin_id: uuid.UUID, now: datetime) -> int:
        """Cancel the messages not yet handed over (created or held) and the digest entries not yet taken."""

    async def counts(self, tenant: str, bulletin_id: uuid.UUID) -> tuple[list[StatusCount], int, int]:
        """Messages by status and reason, digest entries, and unsubscriptions from the bulletin's messages."""

    async def write_tests(self, bulletin: Bulletin, addresses: Sequence[str], now: datetime) -> list[uuid.UUID]:
        """Test copies (category service, ``bulletin-test:<id>:<n>``) to the addresses; their ids."""


class PendingItems(Protocol):
    async def take(self, tenant: str, bulletin_id: uuid.UUID, now: datetime) -> list[BulletinItem]:
        """The tenant's waiting items, now the bulletin's (they wait no more), and a reminder of each consultation
        announced before that closes within the fortnight (once)."""

    async def give_back(self, tenant: str, bulletin_id: uuid.UUID) -> None:
        """The bulletin's items wait again (it no longer takes them from the pending list)."""


class Audiences(Protocol):
    async def recipients(self, tenant: str, audience: Audience, sender: str, channels: Sequence[Channel],
                         now: datetime) -> list[Recipient]: ...


class Elections(Protocol):
    async def in_force(self, tenant: str, now: datetime) -> list[ElectionPeriod]: ...


class BulletinsUnitOfWork(Protocol):
    bulletins: Bulletins
    messages: BulletinMessages
    items: PendingItems
    audiences: Audiences
    elections: Elections

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    def emit(self, event: Event, tenant: str) -> None: ...

    async def commit(self) -> None: ...
