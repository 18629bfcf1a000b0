"""Mail servers for tests: ``smtp_sink``, a small one in the test's event loop that keeps what it accepts and
refuses what it is told to; and ``smtp_server``, a real one (aiosmtpd, in its own thread) that also counts
connections and can drop every open connection, as a server's idle timeout does."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP

from tests.support.servers import free_port

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



class Recorder:
    def __init__(self) -> None:
        self.received: list[bytes] = []
        self.refused_recipients: dict[str, str] = {}
        self.replies_to_data: list[str] = []
        self.connections = 0
        self.quits = 0
        self.transports: list[asyncio.Transport] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refused_recipients:
            return self.refused_recipients[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.replies_to_data:
            return self.replies_to_data.pop(0)
        self.received.append(envelope.original_content or envelope.content)
        return "250 OK"

    async def handle_QUIT(self, server, session, envelope):  # noqa: N802
        self.quits += 1
        return "221 Bye"


class CountingSMTP(SMTP):
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        recorder: Recorder = self.event_handler
        recorder.connections += 1
        recorder.transports.append(transport)  # type: ignore[arg-type]
        super().connection_made(transport)


class CountingController(Controller):
    def factory(self) -> SMTP:
        return CountingSMTP(self.handler, **self.SMTP_kwargs)

    def drop_connections(self) -> None:
        """Close every open connection from the server's side."""
        recorder: Recorder = self.handler
        done = asyncio.run_coroutine_threadsafe(_close(recorder.transports), self.loop)
        done.result(10)


async def _close(transports: list[asyncio.Transport]) -> None:
    for transport in transports:
        transport.close()
    transports.clear()
    await asyncio.sleep(0.05)


@contextmanager
def smtp_server() -> Iterator[CountingController]:
    controller = CountingController(Recorder(), hostname="127.0.0.1", port=free_port())
    controller.start()
    controller.handler.connections = 0  # starting, the controller connected once to see that it was up
    controller.handler.quits = 0
    try:
        yield controller
    finally:
        controller.stop()
