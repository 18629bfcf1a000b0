"""The ports the election period handlers talk through."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Protocol, Self

from peel.common.events import Event
from peel.notifications.elections.domain.periods import Moment, Period


class Periods(Protocol):
    async def add(self, period: Period) -> None: ...

    async def get(self, tenant: str, period_id: uuid.UUID, for_update: bool = False) -> Period | None: ...

    async def all(self, tenant: str) -> list[Period]:
        """The tenant's periods, latest polling day first."""

    async def save_cancelled(self, period: Period) -> None: ...

    async def to_note(self, now: datetime, limit: int) -> list[Period]:
        """Periods of every tenant with a moment passed and not yet noted, locked (others skip them)."""

    async def noted(self, period: Period, moment: Moment, now: datetime) -> None: ...


class HeldMessages(Protocol):
    async def counts(self, tenant: str, reason: str) -> dict[str, dict[str, int]]:
        """Messages held with this reason, counted by channel and by category."""


class ElectionsUnitOfWork(Protocol):
    periods: Periods
    held: HeldMessages

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    def emit(self, event: Event, tenant: str) -> None: ...

    async def commit(self) -> None: ...
