"""The background sender a service runs: in every replica, each due message sent by one of them."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import httpx

from peel.common.notify.client import NotificationsClient
from peel.common.notify.sending import Outgoing, send_due
from peel.common.notify.settings import NotificationsClientSettings
from peel.common.runtime import BackgroundTask, ServiceRuntime

log = logging.getLogger(__name__)


def sender(name: str, outgoing: Callable[[ServiceRuntime], Outgoing]) -> BackgroundTask:
    """A background task sending what ``outgoing`` (made once the runtime is up) holds, until it is stopped."""

    async def send_forever(runtime: ServiceRuntime) -> None:
        settings = runtime.settings
        assert isinstance(settings, NotificationsClientSettings)
        if not settings.notifications_url:
            prefix = f"PEEL_{settings.service_name.upper()}"  # type: ignore[attr-defined]
            log.info("emails are not sent: %s_NOTIFICATIONS_URL is not set; they wait", prefix)
            return
        queue, delivery = outgoing(runtime), settings.delivery()
        async with httpx.AsyncClient(base_url=settings.notifications_url,
                                     timeout=settings.notifications_timeout_seconds) as http:
            notifications = NotificationsClient(http, settings.service_tokens())
            while True:
                while await send_due(queue, notifications, delivery):
                    pass  # more may be due than one batch takes
                await asyncio.sleep(settings.delivery_poll_seconds)

    return BackgroundTask(name, send_forever)
