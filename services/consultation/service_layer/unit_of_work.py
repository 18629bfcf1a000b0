"""The ports the handlers need: repositories and a transaction that also stores events."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Protocol, Self

from peel.common.events import Event
from peel.consultation.domain.model import Consultation, Correction, Response


class Consultations(Protocol):
    async def add(self, consultation: Consultation) -> None: ...

    async def get(self, tenant: str, consultation_id: uuid.UUID) -> Consultation | None:
        """The tenant's consultation, locked for update; ``None`` for another tenant's."""

    async def get_public(self, consultation_id: uuid.UUID) -> Consultation | None:
        """Any tenant's consultation, for public pages that take the tenant from the resource."""

    async def list(self, tenant: str, limit: int = 100) -> list[Consultation]: ...

    async def due(self, now: datetime, limit: int = 50) -> list[Consultation]:
        """Consultations due to open or close, locked so that another replica skips them."""

    async def save(self, consultation: Consultation) -> None: ...

    async def record_corrections(self, consultation: Consultation, corrections: list[Correction], editor: str,
                                 now: datetime) -> None: ...


class Responses(Protocol):
    async def add(self, response: Response, *, district: str | None, token_hash: bytes, email: str | None) -> None: ...

    async def claim_key(self, key: str, fingerprint: bytes, receipt: object) -> object | None: ...

    async def get(self, consultation_id: uuid.UUID, response_id: uuid.UUID) -> object | None: ...

    async def was_erased(self, response_id: uuid.UUID) -> bool: ...

    async def erase(self, response: object, reason: str, now: datetime) -> None: ...

    async def record_moderation(self, response: object, question: str, decision: str, reason: str, moderator: str,
                                now: datetime) -> None: ...


class Areas(Protocol):
    async def area_for(self, tenant: str, district: str | None) -> str | None: ...

    async def replace(self, tenant: str, rows: tuple[tuple[str, str, str], ...]) -> None: ...

    async def list(self, tenant: str) -> list[tuple[str, str, str]]: ...


class UnitOfWork(Protocol):
    consultations: Consultations
    responses: Responses
    areas: Areas

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    def emit(self, event: Event, tenant: str) -> None: ...

    async def commit(self) -> None: ...
