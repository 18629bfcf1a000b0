"""A minimal keep-alive HTTP/1.1 client for load generation: the load generator must not be the bottleneck."""

from __future__ import annotations

import asyncio
import json
from urllib.parse import urlsplit


class Connection:
    """One persistent connection sending JSON POSTs and reading each reply in full."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str) -> None:
        self._reader, self._writer, self._host = reader, writer, host

    @classmethod
    async def open(cls, base_url: str) -> Connection:
        parts = urlsplit(base_url)
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        return cls(reader, writer, f"{parts.hostname}:{parts.port}")

    async def post_json(self, path: str, body: object) -> tuple[int, bytes]:
        payload = json.dumps(body).encode()
        head = (f"POST {path} HTTP/1.1\r\nHost: {self._host}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(payload)}\r\n\r\n").encode()
        self._writer.write(head + payload)
        return await self._reply()

    async def _reply(self) -> tuple[int, bytes]:
        status_line = await self._reader.readline()
        length, chunked = 0, False
        while (line := await self._reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "transfer-encoding" and "chunked" in value.lower():
                chunked = True
        body = await (self._chunks() if chunked else self._reader.readexactly(length))
        return int(status_line.split()[1]), body

    async def _chunks(self) -> bytes:
        body = b""
        while size := int((await self._reader.readline()).strip(), 16):
            body += await self._reader.readexactly(size)
            await self._reader.readline()
        await self._reader.readline()
        return body

    async def close(self) -> None:
        self._writer.close()
        await self._writer.wait_closed()
