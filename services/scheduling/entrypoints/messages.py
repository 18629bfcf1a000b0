"""Emails to bookers and registrants: asked for alongside the events that call for them, in the same
transaction, and sent in the background through the notifications service."""

from __future__ import annotations

import asyncpg

from peel.common.events import Envelope
from peel.common.notify.worker import sender
from peel.common.outbox import Outbox
from peel.common.outbox.writer import Alongside
from peel.common.runtime import ServiceRuntime
from peel.scheduling.adapters.messages import MessageBook, PostgresMessages
from peel.scheduling.domain.messages import Cause, Reminders
from peel.scheduling.service_layer.messages import ask_for_messages
from peel.scheduling.settings import SchedulingSettings


def asking_for_emails(reminders: Reminders) -> Alongside:
    async def ask(connection: asyncpg.Connection, envelopes: list[Envelope]) -> None:
        causes = [Cause(e.id, e.tenant, e.data) for e in envelopes]
        await ask_for_messages(MessageBook(connection), causes, reminders)

    return ask


def scheduling_outbox(settings: SchedulingSettings) -> Outbox:
    """The service's outbox: every event stored asks, in its transaction, for the emails it calls for."""
    return Outbox(settings.source, settings.kafka_topic_prefix, asking_for_emails(settings.reminders))


def _outgoing(runtime: ServiceRuntime) -> PostgresMessages:
    settings = runtime.settings
    assert isinstance(settings, SchedulingSettings)
    return PostgresMessages(lambda: runtime.pool, settings.links)


MESSAGE_SENDER = sender("scheduling-messages", _outgoing)
