"""An in-memory unit of work's transaction: events are kept only once it commits, as in one PostgreSQL transaction."""

from __future__ import annotations

import copy
from typing import Self

from peel.common.events import Event


class FakeEventsUnitOfWork:
    """Base for fake units of work: ``emit`` holds events, ``commit`` publishes them, leaving drops them."""

    def __init__(self) -> None:
        self.published: list[tuple[Event, str]] = []
        self._pending: list[tuple[Event, str]] = []

    async def __aenter__(self) -> Self:
        self._pending = []
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self._pending = []

    def emit(self, event: Event, tenant: str) -> None:
        self._pending.append((event, tenant))

    async def commit(self) -> None:
        self.published.extend(self._pending)
        self._pending = []

    def events(self, kind: type) -> list[Event]:
        return [event for event, _ in self.published if isinstance(event, kind)]


class FakeTransactionUnitOfWork(FakeEventsUnitOfWork):
    """Its stores' changes are kept only on commit too: leaving without one puts back what they held on entry."""

    def __init__(self) -> None:
        super().__init__()
        self._saved: list[dict] | None = None

    def stores(self) -> list:
        """The in-memory stores whose public attributes the transaction covers."""
        return []

    async def __aenter__(self) -> Self:
        self._saved = [copy.deepcopy({k: v for k, v in vars(store).items() if not k.startswith("_")})
                       for store in self.stores()]
        return await super().__aenter__()

    async def __aexit__(self, *exc_info: object) -> None:
        if self._saved is not None:
            for store, saved in zip(self.stores(), self._saved, strict=True):
                vars(store).update(saved)
        self._saved = None
        await super().__aexit__(*exc_info)

    async def commit(self) -> None:
        await super().commit()
        self._saved = None
