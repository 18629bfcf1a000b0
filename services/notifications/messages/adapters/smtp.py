"""Delivery through an SMTP server; its replies decide whether a failure is worth another attempt."""

from __future__ import annotations

import asyncio
import smtplib
from dataclasses import dataclass

from pydantic import SecretStr

from peel.common.retries import DeliveryFailure, PermanentFailure, TemporaryFailure
from peel.notifications.messages.adapters.email import compose
from peel.notifications.messages.domain.messages import Email

OUR_SIDE = (smtplib.SMTPConnectError, smtplib.SMTPHeloError, smtplib.SMTPAuthenticationError,
            smtplib.SMTPSenderRefused)

@dataclass(frozen=True, slots=True)
class SmtpServer:
    host: str
    port: int
    sender: str
    starttls: bool = False
    username: str | None = None
    password: SecretStr | None = None
    timeout_seconds: float = 30.0


class SmtpSender:
    def __init__(self, server: SmtpServer) -> None:
        self._server = server

    async def send(self, email: Email) -> None:
        try:
            await asyncio.to_thread(self._send, email)
        except (smtplib.SMTPException, OSError) as error:
            raise failure_for(error) from error

    def _send(self, email: Email) -> None:
        server = self._server
        with smtplib.SMTP(server.host, server.port, timeout=server.timeout_seconds) as smtp:
            if server.starttls:
                smtp.starttls()
            if server.username and server.password:
                smtp.login(server.username, server.password.get_secret_value())
            smtp.send_message(compose(email, server.sender))


def failure_for(error: Exception) -> DeliveryFailure:
    """A 5xx reply about the recipient or the message is permanent; trouble on our side, or anything
    else, may pass later. The server's own words are left out: they often repeat the address.
    """
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return _by_code(codes[0] if codes else 450, "the mail server refused the recipient")
    if isinstance(error, OUR_SIDE):
        return TemporaryFailure(f"the mail server did not accept our connection or sender ({error.smtp_code})")
    if isinstance(error, smtplib.SMTPResponseException):
        return _by_code(error.smtp_code, "the mail server refused the message")
    return TemporaryFailure(f"the mail server could not be reached ({type(error).__name__})")


def _by_code(code: int, what: str) -> DeliveryFailure:
    kind = PermanentFailure if 500 <= code < 600 else TemporaryFailure
    return kind(f"{what} ({code})")
