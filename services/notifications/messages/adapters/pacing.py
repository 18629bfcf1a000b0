"""Pacing what goes to a provider: a token bucket (so many a minute, a small burst after a quiet spell) and a
daily count (over it, nothing more goes until midnight UTC).

GOV.UK Notify allows 3,000 requests a minute per key and 250,000 messages a day by default; the bucket keeps a
burst well under Notify's own so that its 429s stay rare, and slows down for a while when one comes anyway.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime

from peel.common.retries import ProviderUnavailable

EPSILON = 1e-9
Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]
Today = Callable[[], date]


def _today() -> date:
    return datetime.now(UTC).date()


class TokenBucket:
    """``rate`` tokens a second up to ``capacity``; ``take()`` waits for one. A ``slow_down(seconds)``
    empties the bucket and holds everyone back that long (the provider said 429)."""

    def __init__(self, rate: float, capacity: int, clock: Clock = time.monotonic,
                 sleep: Sleep = asyncio.sleep) -> None:
        self.rate = rate
        self.capacity = capacity
        self._clock = clock
        self._sleep = sleep
        self._tokens = float(capacity)
        self._at = clock()
        self._lock = asyncio.Lock()

    def wait_for_one(self) -> float:
        """Seconds until a token is free (0: one is), taking it when it is."""
        now = self._clock()
        self._tokens = min(self.capacity, self._tokens + (now - self._at) * self.rate)
        self._at = now
        if self._tokens >= 1 - EPSILON:  # a wait computed from a shortfall lands just short of a whole token
            self._tokens -= 1
            return 0.0
        return (1 - self._tokens) / self.rate

    async def take(self) -> None:
        async with self._lock:  # one at a time, in order: none jumps the queue
            while (wait := self.wait_for_one()) > 0:
                await self._sleep(wait)

    def slow_down(self, seconds: float) -> None:
        self._tokens = min(self._tokens, 0.0) - seconds * self.rate


class DailyLimit:
    """At most ``limit`` a UTC day; over it, the provider is unavailable (delivery tries again later, the
    messages' attempts not used up)."""

    def __init__(self, limit: int, today: Today = _today) -> None:
        self.limit = limit
        self._today = today
        self._day = today()
        self.used = 0

    def count_one(self) -> None:
        day = self._today()
        if day != self._day:
            self._day, self.used = day, 0
        if self.used >= self.limit:
            raise ProviderUnavailable(f"the daily limit of {self.limit} messages is reached; sending resumes after "
                                   "midnight UTC")
        self.used += 1


class Pacer:
    """A provider's bucket and daily limit together. The provider allows ``limit_per_minute`` in any 60
    seconds; a bucket of capacity C refilling at r a second lets through at most C + 60r in 60 seconds, so the
    bucket refills at (limit - C) a minute and C is at most a tenth of the limit: never over the limit."""

    def __init__(self, limit_per_minute: int, burst: int, daily_limit: int, *, clock: Clock = time.monotonic,
                 sleep: Sleep = asyncio.sleep, today: Today = _today) -> None:
        capacity = max(1, min(burst, limit_per_minute // 10))
        rate = max(limit_per_minute - capacity, 1) / 60
        self.bucket = TokenBucket(rate, capacity, clock, sleep)
        self.daily = DailyLimit(daily_limit, today)

    async def admit(self) -> None:
        self.daily.count_one()
        await self.bucket.take()

    def refused(self, seconds: float = 1.0) -> None:
        """The provider answered 429: hold back for ``seconds``."""
        self.bucket.slow_down(seconds)
