"""Emails as RFC 5322 messages, and the development adapter that writes them to files instead of sending."""

from __future__ import annotations

import asyncio
import os
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from peel.common.retries import TemporaryFailure
from peel.notifications.messages.domain.messages import Email


def compose(email: Email, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = email.recipient
    message["Subject"] = email.subject
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = f"<{email.message_id}@peel.notifications>"
    message.set_content(email.body, cte="quoted-printable")
    message["Content-Language"] = "en, cy"
    return message


class MailFolder:
    """Local development without a mail server: each email becomes ``<message id>.eml`` in a folder."""

    def __init__(self, directory: Path, sender: str) -> None:
        self.directory = directory
        self._sender = sender

    async def send(self, email: Email) -> None:
        try:
            await asyncio.to_thread(self._write, email.message_id.hex, bytes(compose(email, self._sender)))
        except OSError as error:
            raise TemporaryFailure(f"the mail folder could not be written ({type(error).__name__})") from error

    def _write(self, name: str, content: bytes) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        partial = self.directory / f".{name}.partial"
        partial.write_bytes(content)
        os.replace(partial, self.directory / f"{name}.eml")
