"""Per-client-address token buckets for the public endpoints."""

from __future__ import annotations

import math
import time
from collections import OrderedDict

from fastapi import HTTPException, Request, status


class RateLimiter:
    """Allows ``per_minute`` requests a minute per client address, in bursts of up to that many."""

    def __init__(self, per_minute: int, *, max_clients: int = 100_000, clock=time.monotonic) -> None:  # noqa: ANN001
        self._rate = per_minute / 60.0
        self._capacity = float(per_minute)
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._max_clients = max_clients
        self._clock = clock

    def take(self, client: str) -> float:
        """Take one token; returns 0 when allowed, else the seconds to wait."""
        now = self._clock()
        tokens, last = self._buckets.pop(client, (self._capacity, now))
        tokens = min(self._capacity, tokens + (now - last) * self._rate)
        wait = 0.0 if tokens >= 1 else (1 - tokens) / self._rate
        self._buckets[client] = (tokens - 1 if not wait else tokens, now)
        if len(self._buckets) > self._max_clients:
            self._buckets.popitem(last=False)
        return wait


async def public_rate_limit(request: Request) -> None:
    check_public_rate(request)


def check_public_rate(request: Request) -> None:
    """Raise 429 when the client's address has used its allowance; for a dependency that does more."""
    limiter: RateLimiter = request.app.state.rate_limiter
    client = request.client.host if request.client else "unknown"
    wait = limiter.take(client)
    if wait:
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            "too many requests from your address; try again shortly",
            headers={"Retry-After": str(math.ceil(wait))},
        )
