"""The delivery task: sends stored messages in batches, in every replica, each message by one of them at a time."""

from __future__ import annotations

import asyncio

import asyncpg

from peel.common.outbox import Outbox
from peel.common.runtime import BackgroundTask, ServiceRuntime
from peel.notifications.bulletins.adapters.composer import BulletinComposer
from peel.notifications.cascade.adapters.composer import ChaserComposer
from peel.notifications.digests.adapters.composer import DigestComposer
from peel.notifications.messages.adapters.providers import providers_for
from peel.notifications.messages.adapters.unit_of_work import NotificationsUnitOfWork
from peel.notifications.messages.service_layer.delivery import Deliverers, deliver_due
from peel.notifications.messages.service_layer.ports import Composer
from peel.notifications.settings import NotificationsSettings
from peel.notifications.templates.adapters.composer import TemplateComposer

COMPOSERS = {"template": TemplateComposer, "bulletin": BulletinComposer, "digest": DigestComposer,
             "chaser": ChaserComposer}


def deliverers(pool: asyncpg.Pool, settings: NotificationsSettings) -> Deliverers:
    """The composer of each source of messages, the provider of each channel, the links and the concurrency."""
    composers: dict[str, Composer] = {source: kind(pool, settings) for source, kind in COMPOSERS.items()}
    return Deliverers(composers, providers_for(settings), settings.links(), settings.delivery_concurrency)


async def deliver_forever(runtime: ServiceRuntime) -> None:
    settings = runtime.settings
    assert isinstance(settings, NotificationsSettings)
    uow = NotificationsUnitOfWork(runtime.pool, Outbox(settings.source, settings.kafka_topic_prefix),
                                  settings.weekly_cap_default)
    tools, delivery = deliverers(runtime.pool, settings), settings.delivery()
    try:
        while True:
            while await deliver_due(uow, tools, delivery):
                pass  # more may be due than one batch takes
            await asyncio.sleep(settings.delivery_poll_seconds)
    finally:
        await asyncio.gather(*(provider.close() for provider in tools.providers.values()), return_exceptions=True)


DELIVERY = BackgroundTask("notifications-delivery", deliver_forever)
