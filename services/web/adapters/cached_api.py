"""A service's API with its slowly changing public reads kept for a few seconds.

A consultation as residents see it changes only when staff change it, yet every page of the journey reads it:
kept for ``seconds`` (the ``PEEL_WEB_PUBLIC_CACHE_SECONDS`` setting), a staff change shows within that time.
Residents asking for the same thing at once share one request; an error is never kept. Each caller gets its own
copy (the body is decoded again), so a page cannot change what the next one sees.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Callable, Mapping
from typing import Any

from peel.web.service_layer.ports import Json, ServiceApi

CONSULTATION_VIEW = re.compile(r"^/v1/public/offices/[^/]+/consultations/[^/]+$")
MOST_KEPT = 1000  # different reads kept at once; the oldest goes first


class CachedReads:
    """``api`` with the GETs whose path ``kept`` matches answered from memory for ``seconds``."""

    def __init__(self, api: ServiceApi, *, seconds: float, kept: re.Pattern[str] = CONSULTATION_VIEW,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._api, self._seconds, self._kept, self._clock = api, seconds, kept, clock
        self._bodies: dict[str, tuple[float, bytes]] = {}
        self._reading: dict[str, asyncio.Future[bytes]] = {}

    async def get(self, path: str, *, resident: str, params: Mapping[str, Any] | None = None) -> Json:
        if params or self._seconds <= 0 or not self._kept.match(path):
            return await self._api.get(path, resident=resident, params=params)
        return json.loads(await self._body(path, resident))

    async def get_bytes(self, path: str, *, resident: str, params: Mapping[str, Any] | None = None) -> bytes:
        return await self._api.get_bytes(path, resident=resident, params=params)

    async def post(self, path: str, *, resident: str, json: Any = None,
                   headers: Mapping[str, str] | None = None) -> Json:
        return await self._api.post(path, resident=resident, json=json, headers=headers)

    async def close(self) -> None:
        close = getattr(self._api, "close", None)
        if close:
            await close()

    async def _body(self, path: str, resident: str) -> bytes:
        kept = self._bodies.get(path)
        if kept and self._clock() - kept[0] < self._seconds:
            return kept[1]
        reading = self._reading.get(path)
        if reading is None:
            reading = self._reading[path] = asyncio.ensure_future(self._read(path, resident))
            reading.add_done_callback(_retrieved)  # no warning when every page waiting for it has gone
        return await asyncio.shield(reading)  # one resident leaving does not cancel the others' read

    async def _read(self, path: str, resident: str) -> bytes:
        try:
            body = await self._api.get_bytes(path, resident=resident)
        finally:
            self._reading.pop(path, None)
        self._keep(path, body)
        return body

    def _keep(self, path: str, body: bytes) -> None:
        self._bodies.pop(path, None)
        self._bodies[path] = (self._clock(), body)
        while len(self._bodies) > MOST_KEPT:
            self._bodies.pop(next(iter(self._bodies)))


def _retrieved(reading: asyncio.Future[bytes]) -> None:
    if not reading.cancelled():
        reading.exception()
