"""Emails as RFC 5322 messages, built quickly from a fixed skeleton, and the development adapter that writes
them to files instead of sending.

One function, ``mime``, serves the mail server and the mail folder: ``From``, ``To``, ``Subject`` (RFC 2047
encoded when it is not plain ASCII, as Welsh often is), ``Date``, ``Message-ID``, ``Content-Language``, the
extra headers (``List-Unsubscribe``, ``List-Unsubscribe-Post``), and a plain-text part, or a
``multipart/alternative`` of plain text and HTML, both UTF-8 quoted-printable.
"""

from __future__ import annotations

import asyncio
import binascii
import os
import uuid
from datetime import UTC, datetime
from email.header import Header
from email.utils import format_datetime, formataddr, parseaddr
from pathlib import Path

from peel.common.retries import ProviderUnavailable
from peel.notifications.messages.domain.outgoing import Handover, Outgoing

CRLF = b"\r\n"
TEXT_HEADERS = b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n"
HTML_HEADERS = b"Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n"


def mime(outgoing: Outgoing, sender: str, now: datetime | None = None) -> bytes:
    """The whole message, ASCII only, lines ending CRLF."""
    content = outgoing.content
    head = _headers(outgoing, sender, now or datetime.now(UTC))
    if content.html is None:
        return head + TEXT_HEADERS + CRLF + _quoted(content.text)
    boundary = f"peel-{outgoing.message_id.hex}".encode()
    return (head + b'Content-Type: multipart/alternative; boundary="' + boundary + b'"\r\n\r\n'
            + b"--" + boundary + CRLF + TEXT_HEADERS + CRLF + _quoted(content.text) + CRLF
            + b"--" + boundary + CRLF + HTML_HEADERS + CRLF + _quoted(content.html) + CRLF
            + b"--" + boundary + b"--" + CRLF)


def encoded_sender(sender: str) -> str:
    """The From header's value, its display name encoded when it is not ASCII."""
    name, address = parseaddr(sender)
    return formataddr((name, address), charset="utf-8") if name else address


def envelope_sender(sender: str) -> str:
    return parseaddr(sender)[1]


def _headers(outgoing: Outgoing, sender: str, now: datetime) -> bytes:
    lines = [
        f"From: {encoded_sender(sender)}",
        f"To: {_one_line(outgoing.to)}",
        f"Subject: {encoded_word(outgoing.content.subject)}",
        f"Date: {format_datetime(now)}",
        f"Message-ID: <{outgoing.message_id}@peel.notifications>",
        f"Content-Language: {_one_line(outgoing.content.language)}",
        "MIME-Version: 1.0",
        *(f"{_one_line(name)}: {encoded_word(value)}" for name, value in outgoing.headers),
    ]
    return "\r\n".join(lines).encode("ascii") + CRLF


def encoded_word(value: str) -> str:
    """A header value on one line: as it is when ASCII, else RFC 2047 encoded words (folded)."""
    value = _one_line(value)
    if value.isascii():
        return value
    return Header(value, "utf-8", header_name="Subject").encode(linesep="\r\n")


def _one_line(value: str) -> str:
    return " ".join(value.splitlines()) if ("\n" in value or "\r" in value) else value


def _quoted(text: str) -> bytes:
    body = "\n".join(text.splitlines()).encode()
    return binascii.b2a_qp(body, header=False).replace(b"\n", CRLF)


class MailFolder:
    """Local development without a mail server: each email becomes ``<message id>.eml`` in a folder."""

    provider = "mail-folder"

    def __init__(self, directory: Path, sender: str) -> None:
        self.directory = directory
        self._sender = sender

    async def send(self, outgoing: Outgoing) -> Handover:
        try:
            await asyncio.to_thread(self._write, outgoing.message_id, mime(outgoing, self._sender))
        except OSError as error:
            raise ProviderUnavailable(f"the mail folder could not be written ({type(error).__name__})") from error
        return Handover(provider=self.provider)

    async def close(self) -> None:
        return None

    def _write(self, message_id: uuid.UUID, content: bytes) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        partial = self.directory / f".{message_id.hex}.partial"
        partial.write_bytes(content)
        os.replace(partial, self.directory / f"{message_id.hex}.eml")
