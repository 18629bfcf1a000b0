"""Emails to bookers and registrants: a consumer of scheduling's own events asks for them, and a background
sender sends what is due through the notifications service."""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg

from peel.common.events import Envelope
from peel.common.messaging.consumer import BatchHandler
from peel.common.notify.worker import sender
from peel.common.runtime import ConsumerSpec, ServiceRuntime
from peel.scheduling.adapters.messages import MessageBook, PostgresMessages
from peel.scheduling.domain.messages import ASKING_EVENTS, Cause
from peel.scheduling.service_layer.messages import ask_for_messages
from peel.scheduling.settings import SchedulingSettings


def message_consumer(settings: SchedulingSettings) -> ConsumerSpec:
    reminders = settings.reminders

    async def apply(connection: asyncpg.Connection, envelopes: Sequence[Envelope]) -> None:
        causes = [Cause(e.id, e.tenant, e.data, e.time) for e in envelopes]
        await ask_for_messages(MessageBook(connection), causes, reminders)

    handler = BatchHandler(apply)
    return ConsumerSpec(name="scheduling.messages", services=("scheduling",),
                        handlers=dict.fromkeys(ASKING_EVENTS, handler))


def _outgoing(runtime: ServiceRuntime) -> PostgresMessages:
    settings = runtime.settings
    assert isinstance(settings, SchedulingSettings)
    return PostgresMessages(lambda: runtime.pool, settings.links)


MESSAGE_SENDER = sender("scheduling-messages", _outgoing)
