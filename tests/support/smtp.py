"""A mail server in the test's event loop: keeps what it accepts, refuses what it is told to."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

GREETING = b"220 sink ESMTP\r\n"
EXTENSIONS = b"250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"
OK = b"250 OK\r\n"


class SmtpSink:
    def __init__(self) -> None:
        self.received: list[EmailMessage] = []
        self.replies_to_data: list[str] = []
        """Replies to the next DATA commands in turn, e.g. ``451 4.3.0 Try again later``; then 250."""
        self.refused_recipients: dict[str, str] = {}
        """The reply to ``RCPT TO`` for these addresses, e.g. ``550 5.1.1 No such user``."""
        self.port = 0

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(GREETING)
        try:
            while line := await reader.readline():
                reply = await self._reply(line.decode("utf-8", "replace").strip(), reader, writer)
                writer.write(reply)
                await writer.drain()
                if reply.startswith(b"221"):
                    break
        finally:
            writer.close()

    async def _reply(self, command: str, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bytes:
        verb = command[:4].upper()
        if verb == "EHLO":
            return EXTENSIONS
        if verb == "RCPT":
            address = command.partition("<")[2].partition(">")[0]
            refusal = self.refused_recipients.get(address)
            return f"{refusal}\r\n".encode() if refusal else OK
        if verb == "DATA":
            writer.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
            return await self._data(reader)
        if verb == "QUIT":
            return b"221 Bye\r\n"
        return OK if verb in {"HELO", "MAIL", "RSET", "NOOP"} else b"502 Not implemented\r\n"

    async def _data(self, reader: asyncio.StreamReader) -> bytes:
        content = await _read_data(reader)
        if self.replies_to_data:
            return f"{self.replies_to_data.pop(0)}\r\n".encode()
        self.received.append(BytesParser(policy=policy.default).parsebytes(content))  # type: ignore[arg-type]
        return OK


async def _read_data(reader: asyncio.StreamReader) -> bytes:
    lines = []
    while (line := await reader.readline()) not in (b".\r\n", b""):
        lines.append(line[1:] if line.startswith(b"..") else line)
    return b"".join(lines)


@asynccontextmanager
async def smtp_sink() -> AsyncIterator[SmtpSink]:
    sink = SmtpSink()
    server = await asyncio.start_server(sink._session, "127.0.0.1", 0)  # noqa: SLF001
    sink.port = server.sockets[0].getsockname()[1]
    try:
        yield sink
    finally:
        server.close()
        await asyncio.wait_for(server.wait_closed(), 30)
