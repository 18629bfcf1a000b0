"""In-memory stand-ins for the scheduling sub-domains' ports: a transaction that keeps changes only when
committed, and the repositories of venues, surgeries, meetings and assemblies."""

from __future__ import annotations

import copy
from typing import Any, Self

from peel.common.events import Event


class FakeTransaction:
    """The repositories given, whose public state is put back unless committed; events emitted are published
    when committed, like the outbox's."""

    def __init__(self, **repositories: Any) -> None:
        self._repositories = repositories
        for name, repository in repositories.items():
            setattr(self, name, repository)
        self.published: list[tuple[Event, str]] = []
        self._pending: list[tuple[Event, str]] = []
        self._snapshot: dict[str, dict] | None = None

    async def __aenter__(self) -> Self:
        self._pending = []
        self._snapshot = {name: _state(repository) for name, repository in self._repositories.items()}
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._snapshot is not None:
            for name, state in self._snapshot.items():
                vars(self._repositories[name]).update(state)
        self._snapshot = None

    def emit(self, event: Event, tenant: str) -> None:
        self._pending.append((event, tenant))

    async def commit(self) -> None:
        self.published.extend(self._pending)
        self._pending = []
        self._snapshot = None

    def events(self, kind: type[Event]) -> list[Event]:
        """The published events of one kind, oldest first."""
        return [event for event, _ in self.published if isinstance(event, kind)]


def _state(repository: object) -> dict:
    """A copy of what the repository holds; attributes starting with ``_`` are its links to other fakes."""
    return {name: copy.deepcopy(value) for name, value in vars(repository).items() if not name.startswith("_")}
