"""The ports the cascade's use cases talk through."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, Self

from peel.common.events import Event
from peel.notifications.cascade.domain.acknowledgements import Acknowledgement


@dataclass(frozen=True, slots=True)
class Inclusion:
    """A council found among a stakeholder bulletin's messages."""

    tenant: str
    bulletin_id: uuid.UUID
    organisation_id: uuid.UUID
    area: str
    sender: str
    topic: str
    at: datetime


@dataclass(frozen=True, slots=True)
class Counts:
    councils: int
    acknowledged: int
    received: int
    shared: int
    on_agenda: int
    chased: int


class Acknowledgements(Protocol):
    async def inclusions(self, since: datetime, bulletin_id: uuid.UUID | None = None) -> list[Inclusion]:
        """Councils sent a stakeholder bulletin (written since ``since``) without a record yet."""

    async def add(self, records: Sequence[Acknowledgement]) -> list[Acknowledgement]:
        """Store them; returns those stored (one per bulletin and council: others were there already)."""

    async def get(self, tenant: str, bulletin_id: uuid.UUID, organisation_id: uuid.UUID,
                  for_update: bool = False) -> Acknowledgement | None: ...

    async def save(self, record: Acknowledgement) -> None: ...

    async def to_chase(self, waited_since: datetime, most_chasers: int, limit: int) -> list[Acknowledgement]:
        """Records without a state, with fewer than ``most_chasers`` chasers, included (or last chased) at or
        before ``waited_since``; locked, others' locked ones skipped."""

    async def of_bulletin(self, tenant: str, bulletin_id: uuid.UUID, state: str | None) -> list[Acknowledgement]:
        """The bulletin's records; ``state`` 'none' for those not acknowledged, a state, or ``None`` for all."""

    async def counts(self, tenant: str, bulletin_id: uuid.UUID) -> Counts: ...


class Chasers(Protocol):
    async def add(self, record: Acknowledgement, reference: str, now: datetime) -> uuid.UUID | None:
        """Write a chaser message to the council's clerk (or its generic inbox); ``None`` when it has neither
        with an email address."""


class Councils(Protocol):
    async def name(self, tenant: str, organisation_id: uuid.UUID) -> str | None: ...

    async def bulletin_title(self, tenant: str, bulletin_id: uuid.UUID) -> dict[str, str]: ...


class CascadeUnitOfWork(Protocol):
    acknowledgements: Acknowledgements
    chasers: Chasers
    councils: Councils

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    def emit(self, event: Event, tenant: str) -> None: ...

    async def commit(self) -> None: ...
