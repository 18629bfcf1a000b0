"""Sending what is due: each message is claimed, held while it is sent, and how that ended is recorded.

Like GOV.UK Notify's clients: a message goes ``created`` -> ``sending`` -> ``sent`` or ``failed``; a
temporary failure is tried again later (the ``Backoff``), a permanent one stops at once. A message
whose recipient is gone by the time it is held (erased, or no longer concerned) is dropped, not sent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime
from typing import Protocol, TypeVar

from peel.common.notify.emails import OutgoingEmail
from peel.common.retries import Backoff, Delivery, DeliveryFailure

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class Claim(Protocol):
    """One attempt at a message, claimed by this sender."""

    @property
    def attempts(self) -> int: ...

    @property
    def label(self) -> dict[str, str]:
        """What identifies it in logs: ids only, never an address."""


class Held(Protocol):
    """A claimed message, locked until its attempt is recorded."""

    @property
    def email(self) -> OutgoingEmail | None:
        """What to send, as things stand now; ``None`` if there is no longer anyone to send it to."""

    async def sent(self) -> None: ...

    async def retry_at(self, moment: datetime, error: str) -> None: ...

    async def failed(self, error: str) -> None: ...

    async def dropped(self) -> None: ...


C = TypeVar("C", bound=Claim)


class Outgoing(Protocol[C]):
    async def claim_due(self, now: datetime, until: datetime, limit: int) -> list[C]:
        """Due messages, now ``sending`` with one more attempt and left alone by others ``until`` then."""

    def hold(self, claim: C) -> AbstractAsyncContextManager[Held | None]:
        """The claimed message, locked; ``None`` if it was erased or another sender took it over."""


class Notifications(Protocol):
    async def send(self, email: OutgoingEmail) -> None:
        """Ask for the email once per reference; raises a ``DeliveryFailure`` saying whether to try again."""


async def send_due(outgoing: Outgoing[C], notifications: Notifications, delivery: Delivery,
                   clock: Clock = utc_now) -> int:
    """How many messages were claimed; each is sent, retried later, given up on or dropped."""
    now = clock()
    claimed = await outgoing.claim_due(now, now + delivery.lease, delivery.batch_size)
    for claim in claimed:
        await _send(claim, outgoing, notifications, delivery.backoff, clock)
    return len(claimed)


async def _send(claim: C, outgoing: Outgoing[C], notifications: Notifications, backoff: Backoff,
                clock: Clock) -> None:
    async with outgoing.hold(claim) as held:
        if held is None:
            return
        if held.email is None:
            await held.dropped()
            return
        try:
            await notifications.send(held.email)
        except DeliveryFailure as failure:
            await _after_failure(held, claim, failure, backoff, clock())
            return
        await held.sent()


async def _after_failure(held: Held, claim: Claim, failure: DeliveryFailure, backoff: Backoff,
                         now: datetime) -> None:
    log.warning("message not sent: %s", failure, extra={**claim.label, "attempt": claim.attempts})
    retry_at = backoff.next_attempt(failure, claim.attempts, now)
    if retry_at is None:
        await held.failed(str(failure))
    else:
        await held.retry_at(retry_at, str(failure))
