"""Emails to bookers and registrants are asked for alongside the events that call for them, in the same
transaction: the outbox runs this as it stores the events."""

from __future__ import annotations

from collections.abc import Callable

import asyncpg

from peel.common.events import Envelope
from peel.common.outbox.writer import Alongside
from peel.scheduling.messages.domain.messages import Cause, Reminders
from peel.scheduling.messages.service_layer.messages import ask_for_messages
from peel.scheduling.messages.service_layer.ports import MessageBook


def asking_for_emails(reminders: Reminders, book_on: Callable[[asyncpg.Connection], MessageBook]) -> Alongside:
    """Ask, in the book ``book_on`` opens on the storing transaction's connection, for what the events call for."""
    async def ask(connection: asyncpg.Connection, envelopes: list[Envelope]) -> None:
        causes = [Cause(e.id, e.tenant, e.data) for e in envelopes]
        await ask_for_messages(book_on(connection), causes, reminders)

    return ask
