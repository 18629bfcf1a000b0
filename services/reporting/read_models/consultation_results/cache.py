"""Computed results kept in the process, so that staff reloading a big consultation's results do not make the
database count every answer again.

An entry is keyed by the consultation's change stamp, which every write the projection makes to the consultation
replaces (in the same transaction) with a number never given before; the stamp is read in the same snapshot as the
figures it keys, so an entry is never older than what the database holds: a change makes a new key, and the old
entry is only ever forgotten. While one request computes a key, others asking for it wait for that computation
rather than start their own.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Any

MOST_ENTRIES = 64
_FAILED = object()  # what waiters are told when the computation they waited for did not finish


class ResultsCache:
    """At most ``most`` computed values, the least recently used forgotten first; one computation per key."""

    def __init__(self, most: int = MOST_ENTRIES) -> None:
        self._most = most
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._computing: dict[Hashable, asyncio.Future] = {}

    def __len__(self) -> int:
        return len(self._entries)

    async def get(self, key: Hashable, compute: Callable[[], Awaitable[Any]]) -> Any:
        """The value kept for ``key``; else the one being computed for it; else ``compute()``'s, then kept.

        A waiter whose computation failed (or was cancelled with its request) tries again itself."""
        while True:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
            pending = self._computing.get(key)
            if pending is None:
                return await self._compute(key, compute)
            outcome = await asyncio.shield(pending)
            if outcome is not _FAILED:
                return outcome

    async def _compute(self, key: Hashable, compute: Callable[[], Awaitable[Any]]) -> Any:
        pending: asyncio.Future = asyncio.get_running_loop().create_future()
        self._computing[key] = pending
        outcome: Any = _FAILED
        try:
            outcome = await compute()
            self._keep(key, outcome)
            return outcome
        finally:
            del self._computing[key]
            pending.set_result(outcome)

    def _keep(self, key: Hashable, value: Any) -> None:
        self._entries[key] = value
        self._entries.move_to_end(key)
        while len(self._entries) > self._most:
            self._entries.popitem(last=False)
