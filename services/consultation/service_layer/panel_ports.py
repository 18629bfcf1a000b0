"""The storage Panel question use cases need: meetings, questions, rejection reasons and closures."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Protocol, Self

from peel.common.events import Event
from peel.common.working_days import Closure
from peel.consultation.domain.panel import Asker, PanelMeeting, PanelQuestion, RejectionReason


class PanelMeetings(Protocol):
    async def add(self, meeting: PanelMeeting) -> None: ...

    async def get(self, tenant: str, meeting_id: uuid.UUID) -> PanelMeeting | None:
        """The tenant's meeting; ``None`` for another tenant's."""

    async def get_public(self, meeting_id: uuid.UUID) -> PanelMeeting | None:
        """Any tenant's meeting, for public pages that take the tenant from the resource."""

    async def of_tenant(self, tenant: str) -> list[PanelMeeting]: ...

    async def taking_questions(self, tenant: str, today: date) -> list[PanelMeeting]:
        """The tenant's meetings whose stored closing day is ``today`` or later, soonest first."""

    async def save(self, meeting: PanelMeeting) -> None:
        """Store the meeting's closing day."""


class PanelQuestions(Protocol):
    async def add(self, question: PanelQuestion, asker: Asker) -> None:
        """Store the question and, apart from it, who asked; ``AlreadyAsked`` if that person has asked."""

    async def has_asked(self, meeting_id: uuid.UUID, person: str) -> bool: ...

    async def get(self, tenant: str, question_id: uuid.UUID) -> PanelQuestion | None:
        """The tenant's question, locked for update; ``None`` for another tenant's."""

    async def with_asker(self, tenant: str, question_id: uuid.UUID) -> tuple[PanelQuestion, Asker] | None:
        """The tenant's question and who asked, to read; ``None`` for another tenant's."""

    async def save(self, question: PanelQuestion) -> None: ...

    async def for_meeting(self, meeting_id: uuid.UUID) -> list[tuple[PanelQuestion, Asker]]: ...

    async def published(self, meeting_id: uuid.UUID) -> list[PanelQuestion]: ...


class RejectionReasons(Protocol):
    async def of_tenant(self, tenant: str) -> list[RejectionReason]:
        """The reasons the tenant added; the defaults are not stored."""

    async def add(self, tenant: str, reason: RejectionReason) -> None: ...


class Closures(Protocol):
    async def of_tenant(self, tenant: str) -> list[Closure]: ...

    async def add(self, tenant: str, closure: Closure) -> bool:
        """``False`` when the tenant already has a closure on that day."""

    async def remove(self, tenant: str, day: date) -> bool: ...


class UnitOfWork(Protocol):
    meetings: PanelMeetings
    questions: PanelQuestions
    rejection_reasons: RejectionReasons
    closures: Closures

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    def emit(self, event: Event, tenant: str) -> None: ...

    async def commit(self) -> None: ...
