"""A minimal browser for load generation: one keep-alive HTTP/1.1 connection, a cookie jar, GET and form POST.

Pages are read with regular expressions, not an HTML parser: the load generator must not be the bottleneck.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

HIDDEN = re.compile(rb'<input type="hidden" name="([^"]+)" value="([^"]*)"')


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def location(self) -> str:
        return self.headers.get("location", "")

    def hidden_fields(self) -> dict[str, str]:
        """The form's hidden inputs (the CSRF token, an idempotency key ...)."""
        return {name.decode(): value.decode() for name, value in HIDDEN.findall(self.body)}


@dataclass
class Browser:
    """One resident: its own connection and cookies; ``latencies`` holds every request's seconds, ``sent`` its
    method and path."""

    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    host: str
    cookies: dict[str, str] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    sent: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    async def open(cls, base_url: str) -> Browser:
        parts = urlsplit(base_url)
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        return cls(reader, writer, f"{parts.hostname}:{parts.port}")

    async def get(self, path: str) -> Reply:
        self.sent.append(("GET", path))
        return await self._send(f"GET {path} HTTP/1.1\r\n{self._common()}\r\n".encode())

    async def post_form(self, path: str, fields: list[tuple[str, str]]) -> Reply:
        self.sent.append(("POST", path))
        payload = urlencode(fields).encode()
        head = (f"POST {path} HTTP/1.1\r\n{self._common()}Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {len(payload)}\r\n\r\n")
        return await self._send(head.encode() + payload)

    async def close(self) -> None:
        self.writer.close()
        await self.writer.wait_closed()

    def _common(self) -> str:
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        return f"Host: {self.host}\r\n" + (f"Cookie: {cookie}\r\n" if cookie else "")

    async def _send(self, request: bytes) -> Reply:
        started = time.perf_counter()
        self.writer.write(request)
        reply = await self._reply()
        self.latencies.append(time.perf_counter() - started)
        return reply

    async def _reply(self) -> Reply:
        status_line = await self.reader.readline()
        headers: dict[str, str] = {}
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.lower(), value.strip()
            if name == "set-cookie":
                cookie, _, _ = value.partition(";")
                key, _, kept = cookie.partition("=")
                self.cookies[key] = kept
            headers[name] = value
        if "chunked" in headers.get("transfer-encoding", ""):
            body = await self._chunks()
        else:
            body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        return Reply(int(status_line.split()[1]), headers, body)

    async def _chunks(self) -> bytes:
        body = b""
        while size := int((await self.reader.readline()).strip(), 16):
            body += await self.reader.readexactly(size)
            await self.reader.readline()
        await self.reader.readline()
        return body
