"""Delivery through an SMTP server over a small pool of long-lived sessions: each session sends many
messages, and a session the server dropped is opened again. The server's replies decide whether a failure is
worth another attempt, and whether it is the server's (unreachable, 421, refusing our connection or sender: the
message waits without using up its attempts) rather than the message's.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import aiosmtplib
from pydantic import SecretStr

from peel.common.retries import DeliveryFailure, PermanentFailure, ProviderUnavailable, TemporaryFailure
from peel.notifications.messages.adapters.email import envelope_sender, mime
from peel.notifications.messages.domain.outgoing import Handover, Outgoing

OUR_SIDE = (aiosmtplib.SMTPHeloError, aiosmtplib.SMTPAuthenticationError, aiosmtplib.SMTPSenderRefused,
            aiosmtplib.SMTPConnectResponseError)
GONE = (aiosmtplib.SMTPServerDisconnected, ConnectionError)
SERVICE_NOT_AVAILABLE = 421
"""The session was closed under us (an idle timeout on the server): worth one more try on a new one."""


@dataclass(frozen=True, slots=True)
class SmtpServer:
    host: str
    port: int
    sender: str
    starttls: bool = False
    username: str | None = None
    password: SecretStr | None = None
    timeout_seconds: float = 30.0
    sessions: int = 4


class SmtpPool:
    """At most ``server.sessions`` sessions, opened when first needed and kept open between messages."""

    provider = "smtp"

    def __init__(self, server: SmtpServer) -> None:
        self._server = server
        self._envelope_sender = envelope_sender(server.sender)
        self._idle: asyncio.LifoQueue[aiosmtplib.SMTP] = asyncio.LifoQueue()
        self._sessions = [self._new_session() for _ in range(server.sessions)]
        for session in self._sessions:
            self._idle.put_nowait(session)

    async def send(self, outgoing: Outgoing) -> Handover:
        message = mime(outgoing, self._server.sender)
        session = await self._idle.get()
        try:
            await self._send_on(session, outgoing.to, message)
        except (aiosmtplib.SMTPException, OSError) as error:
            if not isinstance(error, aiosmtplib.SMTPResponseException | aiosmtplib.SMTPRecipientsRefused):
                session.close()  # in an unknown state: the next message opens it again
            raise failure_for(error) from error
        finally:
            self._idle.put_nowait(session)
        return Handover(provider=self.provider)

    async def _send_on(self, session: aiosmtplib.SMTP, to: str, message: bytes) -> None:
        reused = session.is_connected
        if not reused:
            await self._open(session)
        try:
            await session.sendmail(self._envelope_sender, [to], message)
        except GONE:
            if not reused:
                raise
            session.close()
            await self._open(session)
            await session.sendmail(self._envelope_sender, [to], message)

    async def _open(self, session: aiosmtplib.SMTP) -> None:
        server = self._server
        await session.connect()
        if server.username and server.password:
            await session.login(server.username, server.password.get_secret_value())

    def _new_session(self) -> aiosmtplib.SMTP:
        server = self._server
        return aiosmtplib.SMTP(hostname=server.host, port=server.port, timeout=server.timeout_seconds,
                               start_tls=server.starttls)

    async def close(self) -> None:
        for session in self._sessions:
            if session.is_connected:
                try:
                    await session.quit()
                except (aiosmtplib.SMTPException, OSError):
                    session.close()


def failure_for(error: Exception) -> DeliveryFailure:
    """A 5xx reply about the recipient or the message is permanent; trouble on our side, or anything
    else, may pass later. The server's own words are left out: they often repeat the address.
    """
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused):
        codes = [refusal.code for refusal in error.recipients]
        return _by_code(codes[0] if codes else 450, "the mail server refused the recipient")
    if isinstance(error, aiosmtplib.SMTPRecipientRefused):
        return _by_code(error.code, "the mail server refused the recipient")
    if isinstance(error, OUR_SIDE):
        return ProviderUnavailable(f"the mail server did not accept our connection or sender ({error.code})")
    if isinstance(error, aiosmtplib.SMTPResponseException):
        return _by_code(error.code, "the mail server refused the message")
    return ProviderUnavailable(f"the mail server could not be reached ({type(error).__name__})")


def _by_code(code: int, what: str) -> DeliveryFailure:
    if code == SERVICE_NOT_AVAILABLE:
        return ProviderUnavailable(f"the mail server is not available ({code})")
    kind = PermanentFailure if 500 <= code < 600 else TemporaryFailure
    return kind(f"{what} ({code})")
