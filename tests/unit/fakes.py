"""In-memory stand-ins for the consultation service's ports."""

from __future__ import annotations

import copy
import uuid

from peel.common.events import Event
from peel.consultation.domain.model import Consultation, Response


class FakeConsultations:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, Consultation] = {}

    async def add(self, consultation: Consultation) -> None:
        self.rows[consultation.id] = copy.deepcopy(consultation)

    async def get(self, tenant: str, consultation_id: uuid.UUID) -> Consultation | None:
        found = self.rows.get(consultation_id)
        return copy.deepcopy(found) if found and found.tenant == tenant else None

    async def get_public(self, consultation_id: uuid.UUID) -> Consultation | None:
        return copy.deepcopy(self.rows.get(consultation_id))

    async def save(self, consultation: Consultation) -> None:
        self.rows[consultation.id] = copy.deepcopy(consultation)


class FakeResponses:
    def __init__(self) -> None:
        self.rows: list[Response] = []

    async def add(self, response: Response) -> None:
        self.rows.append(response)


class FakeUnitOfWork:
    """Keeps changes only when committed, like the real one."""

    def __init__(self) -> None:
        self.consultations = FakeConsultations()
        self.responses = FakeResponses()
        self.published: list[tuple[Event, str]] = []
        self._pending: list[tuple[Event, str]] = []
        self._snapshot: tuple | None = None

    async def __aenter__(self) -> FakeUnitOfWork:
        self._pending = []
        self._snapshot = (dict(self.consultations.rows), list(self.responses.rows))
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._snapshot is not None:
            self.consultations.rows, self.responses.rows = dict(self._snapshot[0]), list(self._snapshot[1])
        self._snapshot = None

    def emit(self, event: Event, tenant: str) -> None:
        self._pending.append((event, tenant))

    async def commit(self) -> None:
        self.published.extend(self._pending)
        self._pending = []
        self._snapshot = None
