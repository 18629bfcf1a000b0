"""How a read model is declared, and what projections share: one row per key for a batch.

A projection maps event types to handlers; a handler receives the read model's own store and
the batch's events of its type. Each read model's events are applied type by type in its
mapping's order, which its projections' commuting makes equal to the order they came in.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg
from fastapi import APIRouter

from peel.common.events import Envelope
from peel.reporting.read_models._store import Store

Projection = Callable[[Any, Sequence[Envelope]], Awaitable[None]]
Write = Callable[[Any, list[tuple]], Awaitable[None]]


@dataclass(frozen=True)
class ReadModel:
    """A read model: its name (for ``peel reporting rebuild --read-model``), the tables of the
    ``read_models`` schema it alone writes, its store, its projection and its routes."""

    name: str
    tables: tuple[str, ...]
    store: Callable[[asyncpg.Connection, str], Store]
    projection: Mapping[str, Projection]
    routers: tuple[APIRouter, ...]


def last_per_key(rows: Iterable[tuple], width: int = 1) -> list[tuple]:
    """One row per key (its first ``width`` values): the last given."""
    return list({row[:width]: row for row in rows}.values())


def latest_per_key(rows: Iterable[tuple], width: int, at: int) -> list[tuple]:
    """One row per key (its first ``width`` values): the one with the greatest values from ``at`` on."""
    kept: dict[tuple, tuple] = {}
    for row in rows:
        key = row[:width]
        if key not in kept or row[at:] > kept[key][at:]:
            kept[key] = row
    return list(kept.values())


def rows_of(write: Write, row: Callable[[Envelope], tuple], *, at: int | None = None, width: int = 1) -> Projection:
    """A projection writing ``row`` of each envelope, one per key (the first ``width`` values): the last
    given, or with ``at`` the greatest by its values from ``at`` on."""
    async def project(store: Store, envelopes: Sequence[Envelope]) -> None:
        rows = [row(envelope) for envelope in envelopes]
        await write(store, last_per_key(rows, width) if at is None else latest_per_key(rows, width, at))

    return project
