"""The yearly council details check, run by every replica beside the routes (each organisation is taken by one
replica at a time)."""

from __future__ import annotations

import asyncio

from peel.common.outbox import Outbox
from peel.common.runtime import BackgroundTask, ServiceRuntime
from peel.notifications.contacts.adapters.council_checks import ChecksUnitOfWork
from peel.notifications.contacts.service_layer.council_checks import ask_due_checks


async def check_forever(runtime: ServiceRuntime) -> None:
    settings = runtime.settings
    uow = ChecksUnitOfWork(runtime.pool, Outbox(settings.source, settings.kafka_topic_prefix),
                           getattr(settings, "weekly_cap_default", 2))
    links = settings.links()  # type: ignore[attr-defined]
    poll = getattr(settings, "council_check_poll_seconds", 3600.0)
    while True:
        while await ask_due_checks(uow, links):
            pass  # more may be due than one batch takes
        await asyncio.sleep(poll)


COUNCIL_CHECKS = BackgroundTask("notifications-council-details-check", check_forever)
