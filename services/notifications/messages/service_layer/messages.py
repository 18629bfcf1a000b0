"""Messages: other services ask for an email once per reference; a background task delivers it."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol, Self

from peel.common.errors import NotFound
from peel.common.events import Event
from peel.common.retries import Backoff, Delivery, DeliveryFailure
from peel.notifications.messages.domain.messages import Email, Message, SendMessage, new_message

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class Messages(Protocol):
    async def add(self, message: Message) -> Message:
        """The message stored under its tenant and reference: this one, or the one that came first."""

    async def get(self, message_id: uuid.UUID) -> Message | None: ...

    async def claim_due(self, now: datetime, until: datetime, limit: int) -> list[Message]:
        """Due messages, now ``sending`` with one more attempt and left alone by others ``until`` then."""

    async def save_outcome(self, message: Message) -> bool:
        """Store how the attempt ended, unless another claim has taken the message over since."""


class UnitOfWork(Protocol):
    messages: Messages

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    def emit(self, event: Event, tenant: str) -> None: ...

    async def commit(self) -> None: ...


class EmailSender(Protocol):
    async def send(self, email: Email) -> None:
        """Hand the email to the mail server; raises a ``DeliveryFailure`` saying whether to try again."""


async def send_message(command: SendMessage, uow: UnitOfWork, clock: Clock = utc_now) -> tuple[Message, bool]:
    """The stored message, and whether it is new: a repeated reference gets the first message back."""
    message = new_message(command, clock())
    async with uow:
        stored = await uow.messages.add(message)
        await uow.commit()
    return stored, stored.id == message.id


async def get_message(uow: UnitOfWork, message_id: uuid.UUID, tenant: str, client: str, sees_all: bool) -> Message:
    async with uow:
        message = await uow.messages.get(message_id)
    if message is None or not message.visible_to(tenant, client, sees_all):
        raise NotFound(f"no message {message_id}")
    return message


async def deliver_due(uow: UnitOfWork, sender: EmailSender, delivery: Delivery, clock: Clock = utc_now) -> int:
    """Claim what is due, send each, record each outcome; how many were claimed."""
    async with uow:
        now = clock()
        claimed = await uow.messages.claim_due(now, now + delivery.lease, delivery.batch_size)
        await uow.commit()
    for message in claimed:
        await _deliver(message, uow, sender, delivery.backoff, clock)
    return len(claimed)


async def _deliver(message: Message, uow: UnitOfWork, sender: EmailSender, backoff: Backoff, clock: Clock) -> None:
    try:
        await sender.send(message.email())
    except DeliveryFailure as failure:
        log.warning("delivery failed: %s", failure, extra={"message_id": str(message.id), "attempt": message.attempts})
        await _record(uow, message.after_failure(failure, backoff, clock()))
        return
    await _record(uow, message.delivered(clock()))


async def _record(uow: UnitOfWork, message: Message) -> None:
    async with uow:
        if await uow.messages.save_outcome(message) and (event := message.outcome()):
            uow.emit(event, message.tenant)
        await uow.commit()
