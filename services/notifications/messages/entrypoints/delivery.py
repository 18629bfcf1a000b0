"""The delivery task: sends stored messages, in every replica, each message by one of them at a time."""

from __future__ import annotations

import asyncio
import logging

from peel.common.outbox import Outbox
from peel.common.runtime import BackgroundTask, ServiceRuntime
from peel.notifications.messages.adapters.email import MailFolder
from peel.notifications.messages.adapters.smtp import SmtpSender, SmtpServer
from peel.notifications.messages.adapters.unit_of_work import NotificationsUnitOfWork
from peel.notifications.messages.service_layer.messages import EmailSender, deliver_due
from peel.notifications.settings import NotificationsSettings

log = logging.getLogger(__name__)


def email_sender(settings: NotificationsSettings) -> EmailSender:
    if settings.smtp_host is None:
        log.info("no SMTP host configured: emails are written to %s", settings.mail_directory)
        return MailFolder(settings.mail_directory, settings.email_from)
    return SmtpSender(SmtpServer(
        settings.smtp_host, settings.smtp_port, settings.email_from, settings.smtp_starttls, settings.smtp_username,
        settings.smtp_password, settings.smtp_timeout_seconds,
    ))


async def deliver_forever(runtime: ServiceRuntime) -> None:
    settings = runtime.settings
    assert isinstance(settings, NotificationsSettings)
    uow = NotificationsUnitOfWork(runtime.pool, Outbox(settings.source, settings.kafka_topic_prefix))
    sender = email_sender(settings)
    delivery = settings.delivery()
    while True:
        while await deliver_due(uow, sender, delivery):
            pass  # more may be due than one batch takes
        await asyncio.sleep(settings.delivery_poll_seconds)


DELIVERY = BackgroundTask("notifications-delivery", deliver_forever)
