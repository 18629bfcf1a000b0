"""The ports the handlers need: repositories and a transaction that also stores events."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Protocol, Self

from peel.common.events import Event
from peel.consultation.domain.model import Consultation, Correction, CorrectionRecord
from peel.consultation.domain.moderation import AwaitingModeration, ModerationDecision, Place
from peel.consultation.domain.receipts import Receipt, Submission


class Consultations(Protocol):
    async def add(self, consultation: Consultation) -> None: ...

    async def get(self, tenant: str, consultation_id: uuid.UUID) -> Consultation | None:
        """The tenant's consultation, locked for update; ``None`` for another tenant's."""

    async def get_public(self, consultation_id: uuid.UUID) -> Consultation | None:
        """Any tenant's consultation, for public pages that take the tenant from the resource."""

    async def get_for_response(self, consultation_id: uuid.UUID) -> Consultation | None:
        """Any tenant's consultation, locked so that closing it waits for responses in flight."""

    async def list(self, tenant: str, limit: int = 100) -> list[Consultation]: ...

    async def published(self, tenant: str, closed_limit: int) -> list[Consultation]:
        """The office's scheduled and open consultations, and its ``closed_limit`` most recently closed."""

    async def due(self, now: datetime, limit: int = 50) -> list[Consultation]:
        """Consultations due to open or close, locked so that another replica skips them."""

    async def save(self, consultation: Consultation) -> None: ...

    async def record_corrections(self, consultation: Consultation, corrections: list[Correction], editor: str,
                                 now: datetime) -> None: ...

    async def correction_history(self, consultation_id: uuid.UUID) -> list[CorrectionRecord]:
        """The consultation's corrections, oldest version first, by place within a version."""


class Responses(Protocol):
    async def add(self, submission: Submission) -> None: ...

    async def claim_key(self, submission: Submission) -> Receipt | None: ...

    async def get(self, consultation_id: uuid.UUID, response_id: uuid.UUID) -> object | None: ...

    async def was_erased(self, response_id: uuid.UUID) -> bool: ...

    async def erase(self, response: object, reason: str, now: datetime) -> None: ...

    async def record_moderation(self, response: object, question: str, decision: str, reason: str, moderator: str,
                                now: datetime) -> None: ...

    async def awaiting_moderation(self, tenant: str, consultation_id: uuid.UUID, after: Place | None,
                                  limit: int) -> list[AwaitingModeration]: ...

    async def moderation_log(self, tenant: str, consultation_id: uuid.UUID, after: Place | None,
                             limit: int) -> list[ModerationDecision]: ...


class AreaLookup(Protocol):
    async def area_for(self, tenant: str, district: str | None) -> str | None: ...


class Areas(AreaLookup, Protocol):
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


class ResponseIntake(AreaLookup, Protocol):
    """Responses to consultations known to be open, stored with their events outside any unit of work."""

    def known_open(self, consultation_id: uuid.UUID) -> Consultation | None:
        """The consultation as last read while open, if it was: possibly stale, so writes check its version."""

    def remember(self, consultation: Consultation) -> None: ...

    def forget(self, consultation_id: uuid.UUID) -> None: ...

    async def add_if_open(self, submission: Submission, version: int) -> bool:
        """Store the submission and its event if the consultation is still open at ``version`` and the retry
        key (if any) is unused; ``False`` if nothing was stored."""
