"""The cascade's background task: finds councils included in stakeholder bulletins, then chases those that have
not acknowledged. Every replica runs it; records and chasers are shared out by row locks."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from peel.common.outbox import Outbox
from peel.common.runtime import BackgroundTask, ServiceRuntime
from peel.notifications.cascade.adapters.unit_of_work import CascadeUnitOfWork
from peel.notifications.cascade.service_layer.acknowledgements import include_councils
from peel.notifications.cascade.service_layer.chasers import send_chasers
from peel.notifications.settings import NotificationsSettings


async def cascade_forever(runtime: ServiceRuntime) -> None:
    settings = runtime.settings
    assert isinstance(settings, NotificationsSettings)
    uow = CascadeUnitOfWork(runtime.pool, Outbox(settings.source, settings.kafka_topic_prefix))
    policy = settings.chase_policy()
    while True:
        await include_councils(uow, datetime.now(UTC))
        while await send_chasers(uow, policy, datetime.now(UTC)):
            pass  # more may be due than one batch takes
        await asyncio.sleep(settings.cascade_poll_seconds)


CASCADE = BackgroundTask("notifications-cascade", cascade_forever)
