"""Panel meetings, questions, reasons and closures in memory, and helpers to drive the use cases with them."""

from __future__ import annotations

import copy
import uuid
from datetime import UTC, date, datetime

from peel.common.events import Event
from peel.consultation.domain.panel import AlreadyAsked, Asker, PanelMeeting, PanelQuestion, QuestionStatus
from peel.consultation.domain.questions import Text
from peel.consultation.service_layer import panel
from peel.consultation.service_layer.panel import AskQuestion, ScheduleMeeting

MEETING_AT = datetime(2026, 3, 19, 18, 0, tzinfo=UTC)  # a Thursday; questions close on Thursday 12 March


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class FakeMeetings:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, PanelMeeting] = {}

    async def add(self, meeting: PanelMeeting) -> None:
        self.rows[meeting.id] = copy.deepcopy(meeting)

    async def get(self, tenant: str, meeting_id: uuid.UUID) -> PanelMeeting | None:
        found = self.rows.get(meeting_id)
        return copy.deepcopy(found) if found and found.tenant == tenant else None

    async def get_public(self, meeting_id: uuid.UUID) -> PanelMeeting | None:
        return copy.deepcopy(self.rows.get(meeting_id))

    async def of_tenant(self, tenant: str) -> list[PanelMeeting]:
        return [copy.deepcopy(m) for m in self.rows.values() if m.tenant == tenant]

    async def taking_questions(self, tenant: str, today: date) -> list[PanelMeeting]:
        found = [m for m in await self.of_tenant(tenant) if m.submissions_close_on >= today]
        return sorted(found, key=lambda m: (m.starts_at, m.id))

    async def save(self, meeting: PanelMeeting) -> None:
        self.rows[meeting.id] = copy.deepcopy(meeting)


class FakeQuestions:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, tuple[PanelQuestion, Asker]] = {}

    async def add(self, question: PanelQuestion, asker: Asker) -> None:
        if await self.has_asked(question.meeting_id, asker.person):
            raise AlreadyAsked()
        self.rows[question.id] = (copy.deepcopy(question), asker)

    async def has_asked(self, meeting_id: uuid.UUID, person: str) -> bool:
        return any(q.meeting_id == meeting_id and a.person == person for q, a in self.rows.values())

    async def get(self, tenant: str, question_id: uuid.UUID) -> PanelQuestion | None:
        found = self.rows.get(question_id)
        return copy.deepcopy(found[0]) if found and found[0].tenant == tenant else None

    async def with_asker(self, tenant: str, question_id: uuid.UUID) -> tuple[PanelQuestion, Asker] | None:
        found = self.rows.get(question_id)
        return (copy.deepcopy(found[0]), found[1]) if found and found[0].tenant == tenant else None

    async def save(self, question: PanelQuestion) -> None:
        self.rows[question.id] = (copy.deepcopy(question), self.rows[question.id][1])

    async def for_meeting(self, meeting_id: uuid.UUID) -> list[tuple[PanelQuestion, Asker]]:
        return [(copy.deepcopy(q), a) for q, a in self.rows.values() if q.meeting_id == meeting_id]

    async def published(self, meeting_id: uuid.UUID) -> list[PanelQuestion]:
        return [q for q, _ in await self.for_meeting(meeting_id) if q.status is QuestionStatus.PUBLISHED]


class FakeTenantList:
    """Rejection reasons or closures: a list per tenant."""

    def __init__(self, key: str) -> None:
        self.rows: dict[str, list] = {}
        self._key = key

    async def of_tenant(self, tenant: str) -> list:
        return list(self.rows.get(tenant, []))

    async def add(self, tenant: str, item: object) -> bool:
        items = self.rows.setdefault(tenant, [])
        if any(getattr(known, self._key) == getattr(item, self._key) for known in items):
            return False
        items.append(item)
        return True

    async def remove(self, tenant: str, day: date) -> bool:
        before = self.rows.get(tenant, [])
        self.rows[tenant] = [item for item in before if item.day != day]
        return len(self.rows[tenant]) < len(before)


class FakeUnitOfWork:
    """Keeps changes and events only when committed, like the real one."""

    def __init__(self) -> None:
        self.meetings, self.questions = FakeMeetings(), FakeQuestions()
        self.rejection_reasons, self.closures = FakeTenantList("key"), FakeTenantList("day")
        self.published: list[tuple[Event, str]] = []
        self._pending: list[tuple[Event, str]] = []
        self._snapshot: list[dict] | None = None

    def _stores(self) -> list:
        return [self.meetings, self.questions, self.rejection_reasons, self.closures]

    async def __aenter__(self) -> FakeUnitOfWork:
        self._pending = []
        self._snapshot = [copy.deepcopy(store.rows) for store in self._stores()]
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._snapshot is not None:
            for store, rows in zip(self._stores(), self._snapshot, strict=True):
                store.rows = rows
        self._snapshot = None

    def emit(self, event: Event, tenant: str) -> None:
        self._pending.append((event, tenant))

    async def commit(self) -> None:
        self.published.extend(self._pending)
        self._pending, self._snapshot = [], None

    def events(self) -> list[Event]:
        return [event for event, _ in self.published]


async def schedule(uow: FakeUnitOfWork, clock: FakeClock, tenant: str = "cheshire",
                   starts_at: datetime = MEETING_AT, **options: int) -> PanelMeeting:
    command = ScheduleMeeting(tenant, starts_at, Text("Panel meeting"), Text("Lymm Hall"), **options)
    return await panel.schedule_meeting(command, uow, clock)


async def ask(uow: FakeUnitOfWork, clock: FakeClock, meeting: PanelMeeting, email: str = "jo@example.org",
              text: str = "How many officers patrol Crewe at night?") -> PanelQuestion:
    return await panel.submit_question(AskQuestion(meeting.id, Asker("Jo Bloggs", email, "CW1"), text), uow, clock)


async def accepted(uow: FakeUnitOfWork, clock: FakeClock, tenant: str = "cheshire") -> PanelQuestion:
    meeting = await schedule(uow, clock, tenant)
    question = await ask(uow, clock, meeting)
    return await panel.accept_question(tenant, question.id, uow, clock)
