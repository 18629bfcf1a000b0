"""Asking for the emails scheduling's events call for, in the order the events happened, in the transaction
that stores them."""

from __future__ import annotations

from collections.abc import Sequence

from peel.scheduling.messages.domain.messages import Cause, Message, Reminders, asked_by, not_drawn
from peel.scheduling.messages.service_layer.ports import MessageBook


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
