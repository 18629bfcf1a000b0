"""The receipt sender: sends the receipts respondents asked for, in every replica, each by one of them."""

from __future__ import annotations

import asyncio
import logging

import httpx

from peel.common.runtime import BackgroundTask, ServiceRuntime
from peel.consultation.adapters.notifications import NotificationsClient, ServiceTokens
from peel.consultation.adapters.receipt_contacts import PostgresReceiptContacts
from peel.consultation.service_layer.receipts import send_due_receipts
from peel.consultation.settings import ConsultationSettings

log = logging.getLogger(__name__)


def service_tokens(settings: ConsultationSettings) -> ServiceTokens:
    return ServiceTokens(settings.notifications_tokens, settings.signing_key_path, settings.auth_issuer,
                         settings.auth_audience)


async def send_receipts_forever(runtime: ServiceRuntime) -> None:
    settings = runtime.settings
    assert isinstance(settings, ConsultationSettings)
    if not settings.notifications_url:
        log.info("receipt emails are not sent: PEEL_CONSULTATION_NOTIFICATIONS_URL is not set")
        return
    contacts, delivery = PostgresReceiptContacts(lambda: runtime.pool), settings.delivery()
    async with httpx.AsyncClient(base_url=settings.notifications_url,
                                 timeout=settings.notifications_timeout_seconds) as http:
        notifications = NotificationsClient(http, service_tokens(settings))
        while True:
            while await send_due_receipts(contacts, notifications, delivery):
                pass  # more may be due than one batch takes
            await asyncio.sleep(settings.delivery_poll_seconds)


RECEIPTS = BackgroundTask("consultation-receipts", send_receipts_forever)
