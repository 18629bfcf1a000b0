"""Asking for the emails scheduling's events call for, in the order the events happened, in the transaction
that stores them."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Protocol

from peel.scheduling.domain.messages import Cause, Message, MessageKind, Reminders, asked_by, not_drawn


class MessageBook(Protocol):
    async def ask(self, messages: Iterable[Message]) -> None:
        """Add these, once each: one asked before is left as it is."""

    async def drop(self, about: uuid.UUID, kinds: Iterable[MessageKind]) -> None:
        """Drop the messages of these kinds still waiting to be sent about this booking or registrant."""

    async def still_in_pool(self, assembly_id: uuid.UUID) -> list[uuid.UUID]:
        """The assembly's registrants neither drawn nor withdrawn."""


async def ask_for_messages(book: MessageBook, causes: Sequence[Cause], reminders: Reminders) -> None:
    """Messages asked for are added together; a drop first adds those asked for before it, to keep the order."""
    waiting: list[Message] = []
    for cause in causes:
        asked = asked_by(cause, reminders)
        if asked.drop or asked.pool_not_drawn:
            await book.ask(waiting)
            waiting = []
        if asked.drop:
            await book.drop(*asked.drop)
        if asked.pool_not_drawn:
            waiting.extend(not_drawn(cause, await book.still_in_pool(asked.pool_not_drawn)))
        waiting.extend(asked.send)
    await book.ask(waiting)
