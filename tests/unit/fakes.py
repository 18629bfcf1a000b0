"""In-memory stand-ins for the consultation service's ports."""

from __future__ import annotations

import copy
import uuid
from datetime import datetime

from peel.common.events import Event
from peel.consultation.domain.model import Consultation, CorrectionRecord, Response
from peel.consultation.domain.receipts import Receipt, StoredResponse, Submission, key_taken


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

    async def get_for_response(self, consultation_id: uuid.UUID) -> Consultation | None:
        return await self.get_public(consultation_id)

    async def save(self, consultation: Consultation) -> None:
        self.rows[consultation.id] = copy.deepcopy(consultation)

    async def list(self, tenant: str, limit: int = 100) -> list[Consultation]:
        return [copy.deepcopy(c) for c in self.rows.values() if c.tenant == tenant][:limit]

    async def published(self, tenant: str, closed_limit: int) -> list[Consultation]:
        mine = [c for c in self.rows.values() if c.tenant == tenant]
        closed = sorted((c for c in mine if c.status in ("closed", "results_published")),
                        key=lambda c: c.closed_at, reverse=True)
        return [copy.deepcopy(c) for c in mine if c.status in ("scheduled", "open")] + closed[:closed_limit]

    async def due(self, now: datetime, limit: int = 50) -> list[Consultation]:
        due = [c for c in self.rows.values() if (c.status == "scheduled" and c.opens_at <= now)
               or (c.status in ("scheduled", "open") and c.closes_at <= now)]
        return [copy.deepcopy(c) for c in due[:limit]]

    async def record_corrections(self, consultation, corrections, editor, now) -> None:
        self.corrections = [*getattr(self, "corrections", []), *corrections]
        self.history = [*getattr(self, "history", []),
                        *(CorrectionRecord(consultation.version, c, editor, now) for c in corrections)]

    async def correction_history(self, consultation_id: uuid.UUID) -> list[CorrectionRecord]:
        return sorted(getattr(self, "history", []), key=lambda record: (record.version, record.correction.field))


class FakeResponses:
    def __init__(self) -> None:
        self.rows: list[Response] = []
        self.keys: dict[str, tuple[bytes, Receipt]] = {}
        self.erased: dict[uuid.UUID, str] = {}
        self.moderation: list[tuple] = []
        self.token_hashes: dict[uuid.UUID, bytes] = {}

    async def add(self, submission: Submission) -> None:
        self.rows.append(submission.response)
        self.token_hashes[submission.response.id] = submission.token_hash

    async def claim_key(self, submission: Submission) -> Receipt | None:
        key, fingerprint = submission.idempotency_key, submission.fingerprint
        if key not in self.keys:
            self.keys[key] = (fingerprint, submission.receipt)
            return None
        if self.keys[key][0] != fingerprint:
            raise key_taken()
        return self.keys[key][1]

    async def get(self, consultation_id: uuid.UUID, response_id: uuid.UUID) -> StoredResponse | None:
        found = next((r for r in self.rows if r.id == response_id and r.consultation_id == consultation_id), None)
        if found is None:
            return None
        answers = [a.model_dump(mode="json") for a in found.answers]
        return StoredResponse(found.id, found.consultation_id, found.tenant, answers, self.token_hashes[found.id])

    async def was_erased(self, response_id: uuid.UUID) -> bool:
        return response_id in self.erased

    async def erase(self, response: StoredResponse, reason: str, now: datetime) -> None:
        self.rows = [r for r in self.rows if r.id != response.id]
        self.erased[response.id] = reason

    async def record_moderation(self, response, question, decision, reason, moderator, now) -> None:
        self.moderation.append((response.id, question, decision, reason, moderator))


class FakeAreas:
    def __init__(self) -> None:
        self.rows: dict[str, tuple[tuple[str, str, str], ...]] = {}

    async def area_for(self, tenant: str, district: str | None) -> str | None:
        return next((key for d, key, _ in self.rows.get(tenant, ()) if d == district), None)

    async def replace(self, tenant: str, rows: tuple[tuple[str, str, str], ...]) -> None:
        self.rows[tenant] = rows

    async def list(self, tenant: str) -> list[tuple[str, str, str]]:
        return list(self.rows.get(tenant, ()))


class FakeUnitOfWork:
    """Keeps changes only when committed, like the real one."""

    def __init__(self) -> None:
        self.consultations = FakeConsultations()
        self.responses = FakeResponses()
        self.areas = FakeAreas()
        self.published: list[tuple[Event, str]] = []
        self._pending: list[tuple[Event, str]] = []
        self._snapshot: tuple | None = None

    async def __aenter__(self) -> FakeUnitOfWork:
        self._pending = []
        self._snapshot = (dict(self.consultations.rows), list(self.responses.rows), dict(self.responses.erased))
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._snapshot is not None:
            rows, responses, erased = self._snapshot
            self.consultations.rows, self.responses.rows, self.responses.erased = dict(rows), list(responses), erased
        self._snapshot = None

    def emit(self, event: Event, tenant: str) -> None:
        self._pending.append((event, tenant))

    async def commit(self) -> None:
        self.published.extend(self._pending)
        self._pending = []
        self._snapshot = None


class FakeIntake:
    """The one-step path over the fake unit of work's rows, checking what the real statement checks."""

    def __init__(self, uow: FakeUnitOfWork) -> None:
        self._uow = uow
        self.known: dict[uuid.UUID, Consultation] = {}
        self.taken = 0

    def known_open(self, consultation_id: uuid.UUID) -> Consultation | None:
        return self.known.get(consultation_id)

    def remember(self, consultation: Consultation) -> None:
        if consultation.status == "open":
            self.known[consultation.id] = consultation

    def forget(self, consultation_id: uuid.UUID) -> None:
        self.known.pop(consultation_id, None)

    async def area_for(self, tenant: str, district: str | None) -> str | None:
        return await self._uow.areas.area_for(tenant, district)

    async def add_if_open(self, submission: Submission, version: int) -> bool:
        stored = self._uow.consultations.rows[submission.response.consultation_id]
        if stored.version != version or not stored.accepts_responses(submission.response.submitted_at):
            return False
        if submission.idempotency_key and await self._uow.responses.claim_key(submission) is not None:
            return False
        await self._uow.responses.add(submission)
        self._uow.published.append((submission.response.submitted(), submission.response.tenant))
        self.taken += 1
        return True
