"""Which provider sends each channel, from the settings.

Email: GOV.UK Notify when ``email_provider = "notify"`` and an API key and email template are set; else the
mail server (a pool of SMTP sessions) when ``smtp_host`` is set; else (development) the mail folder. SMS and
letters: GOV.UK Notify when an API key and the channel's template are set; else a provider that refuses them
permanently ("no provider for sms").
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from peel.common.retries import TechnicalFailure
from peel.common.settings import local_dir
from peel.notifications.contacts.domain.consents import Channel
from peel.notifications.messages.adapters.email import MailFolder
from peel.notifications.messages.adapters.notify import NotifyKey, NotifyProvider, notify_client
from peel.notifications.messages.adapters.pacing import Pacer
from peel.notifications.messages.adapters.smtp import SmtpPool, SmtpServer
from peel.notifications.messages.domain.outgoing import Handover, Outgoing
from peel.notifications.messages.settings import MessagesSettings


class Provider(Protocol):
    async def send(self, outgoing: Outgoing) -> Handover: ...

    async def close(self) -> None: ...


class NoProvider:
    """A channel nothing is configured to send: each message fails permanently, saying so."""

    def __init__(self, channel: Channel) -> None:
        self._channel = channel

    async def send(self, outgoing: Outgoing) -> Handover:
        raise TechnicalFailure(f"no provider for {self._channel.value}")

    async def close(self) -> None:
        return None


def providers_for(settings: MessagesSettings) -> dict[Channel, Provider]:
    notify = _notify(settings)
    by_notify = notify and settings.email_provider == "notify" and settings.notify_email_template_id
    email = notify[Channel.EMAIL] if by_notify else _email(settings)
    return {Channel.EMAIL: email,
            Channel.SMS: notify[Channel.SMS] if notify else NoProvider(Channel.SMS),
            Channel.LETTER: notify[Channel.LETTER] if notify else NoProvider(Channel.LETTER)}


def _email(settings: MessagesSettings) -> Provider:
    if settings.smtp_host is None:
        return MailFolder(_mail_directory(settings), settings.email_from)
    return SmtpPool(SmtpServer(
        settings.smtp_host, settings.smtp_port, settings.email_from, settings.smtp_starttls, settings.smtp_username,
        settings.smtp_password, settings.smtp_timeout_seconds, settings.smtp_sessions,
    ))


def _notify(settings: MessagesSettings) -> dict[Channel, Provider] | None:
    if settings.notify_api_key is None:
        return None
    key = NotifyKey.parse(settings.notify_api_key.get_secret_value())
    client = notify_client(settings.notify_base_url, settings.notify_timeout_seconds)
    pacer = Pacer(settings.notify_rate_per_minute, settings.notify_burst, settings.notify_daily_limit)
    templates = {Channel.EMAIL: settings.notify_email_template_id, Channel.SMS: settings.notify_sms_template_id,
                 Channel.LETTER: settings.notify_letter_template_id}
    return {channel: NotifyProvider(client, key, template, pacer) if template else NoProvider(channel)
            for channel, template in templates.items()}


def _mail_directory(settings: MessagesSettings) -> Path:
    return settings.mail_dir or local_dir() / "mail"
