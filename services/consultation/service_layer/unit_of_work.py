"""The ports the handlers need: repositories and a transaction that also stores events."""

from __future__ import annotations

import uuid
from typing import Protocol, Self

from peel.common.events import Event
from peel.consultation.domain.model import Consultation, Response


class Consultations(Protocol):
    async def add(self, consultation: Consultation) -> None: ...

    async def get(self, tenant: str, consultation_id: uuid.UUID) -> Consultation | None:
        """The tenant's consultation, locked for update; ``None`` for another tenant's."""

    async def get_public(self, consultation_id: uuid.UUID) -> Consultation | None:
        """Any tenant's consultation, for public pages that take the tenant from the resource."""

    async def save(self, consultation: Consultation) -> None: ...


class Responses(Protocol):
    async def add(self, response: Response) -> None: ...


class UnitOfWork(Protocol):
    consultations: Consultations
    responses: Responses

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    def emit(self, event: Event, tenant: str) -> None: ...

    async def commit(self) -> None: ...
