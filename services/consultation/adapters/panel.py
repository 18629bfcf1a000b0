"""Panel meetings, questions, askers, rejection reasons and closures in PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import date

import asyncpg

from peel.common.db.unit_of_work import PostgresUnitOfWork
from peel.common.working_days import Closure
from peel.consultation.adapters.question_rows import text_from_json, text_to_json
from peel.consultation.domain.panel import (
    AlreadyAsked,
    Asker,
    PanelMeeting,
    PanelQuestion,
    QuestionStatus,
    RejectionReason,
)

MEETING_COLUMNS = ("id, tenant, starts_at, title, venue, notice_working_days, word_limit, answer_working_days, "
                   "submissions_close_on, created_at")
QUESTION_COLUMNS = ("id, tenant, meeting_id, meeting_date, text, word_count, status, submitted_at, accepted_at, "
                    "answer_due, rejected_at, rejection_reason, response, answered_on, answered_at, published_at, "
                    "version")
_WITH_ASKER = ("SELECT " + ", ".join(f"q.{column}" for column in QUESTION_COLUMNS.split(", "))
               + ", a.name, a.email, a.area FROM panel_questions q JOIN panel_askers a ON a.question_id = q.id")


class PostgresPanelMeetings:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, meeting: PanelMeeting) -> None:
        await self._connection.execute(
            f"INSERT INTO panel_meetings ({MEETING_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            meeting.id, meeting.tenant, meeting.starts_at, text_to_json(meeting.title), text_to_json(meeting.venue),
            meeting.notice_working_days, meeting.word_limit, meeting.answer_working_days,
            meeting.submissions_close_on, meeting.created_at,
        )

    async def get(self, tenant: str, meeting_id: uuid.UUID) -> PanelMeeting | None:
        row = await self._connection.fetchrow(
            f"SELECT {MEETING_COLUMNS} FROM panel_meetings WHERE id = $1 AND tenant = $2", meeting_id, tenant
        )
        return _meeting(row) if row else None

    async def get_public(self, meeting_id: uuid.UUID) -> PanelMeeting | None:
        row = await self._connection.fetchrow(
            f"SELECT {MEETING_COLUMNS} FROM panel_meetings WHERE id = $1 FOR SHARE", meeting_id
        )
        return _meeting(row) if row else None

    async def of_tenant(self, tenant: str) -> list[PanelMeeting]:
        rows = await self._connection.fetch(
            f"SELECT {MEETING_COLUMNS} FROM panel_meetings WHERE tenant = $1 ORDER BY starts_at, id", tenant
        )
        return [_meeting(row) for row in rows]

    async def taking_questions(self, tenant: str, today: date) -> list[PanelMeeting]:
        rows = await self._connection.fetch(
            f"SELECT {MEETING_COLUMNS} FROM panel_meetings WHERE tenant = $1 AND submissions_close_on >= $2 "
            "ORDER BY starts_at, id",
            tenant, today,
        )
        return [_meeting(row) for row in rows]

    async def save(self, meeting: PanelMeeting) -> None:
        await self._connection.execute(
            "UPDATE panel_meetings SET submissions_close_on = $2 WHERE id = $1",
            meeting.id, meeting.submissions_close_on,
        )


class PostgresPanelQuestions:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, question: PanelQuestion, asker: Asker) -> None:
        await self._connection.execute(
            f"INSERT INTO panel_questions ({QUESTION_COLUMNS}) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
            question.id, question.tenant, question.meeting_id, question.meeting_date, question.text,
            question.word_count, question.status.value, question.submitted_at, *_changes(question),
        )
        try:
            await self._connection.execute(
                "INSERT INTO panel_askers (question_id, meeting_id, person, name, email, area) "
                "VALUES ($1, $2, $3, $4, $5, $6)",
                question.id, question.meeting_id, asker.person, asker.name, asker.email, asker.area,
            )
        except asyncpg.UniqueViolationError as error:
            raise AlreadyAsked() from error

    async def has_asked(self, meeting_id: uuid.UUID, person: str) -> bool:
        return await self._connection.fetchval(
            "SELECT EXISTS (SELECT 1 FROM panel_askers WHERE meeting_id = $1 AND person = $2)", meeting_id, person
        )

    async def get(self, tenant: str, question_id: uuid.UUID) -> PanelQuestion | None:
        row = await self._connection.fetchrow(
            f"SELECT {QUESTION_COLUMNS} FROM panel_questions WHERE id = $1 AND tenant = $2 FOR UPDATE",
            question_id, tenant,
        )
        return _question(row) if row else None

    async def save(self, question: PanelQuestion) -> None:
        await self._connection.execute(
            "UPDATE panel_questions SET status = $2, accepted_at = $3, answer_due = $4, rejected_at = $5, "
            "rejection_reason = $6, response = $7, answered_on = $8, answered_at = $9, published_at = $10, "
            "version = $11 WHERE id = $1",
            question.id, question.status.value, *_changes(question),
        )

    async def with_asker(self, tenant: str, question_id: uuid.UUID) -> tuple[PanelQuestion, Asker] | None:
        row = await self._connection.fetchrow(
            f"{_WITH_ASKER} WHERE q.id = $1 AND q.tenant = $2", question_id, tenant,
        )
        return _question_and_asker(row) if row else None

    async def for_meeting(self, meeting_id: uuid.UUID) -> list[tuple[PanelQuestion, Asker]]:
        rows = await self._connection.fetch(
            f"{_WITH_ASKER} WHERE q.meeting_id = $1 ORDER BY q.submitted_at, q.id", meeting_id,
        )
        return [_question_and_asker(row) for row in rows]

    async def published(self, meeting_id: uuid.UUID) -> list[PanelQuestion]:
        rows = await self._connection.fetch(
            f"SELECT {QUESTION_COLUMNS} FROM panel_questions WHERE meeting_id = $1 AND status = $2 "
            "ORDER BY submitted_at, id",
            meeting_id, QuestionStatus.PUBLISHED.value,
        )
        return [_question(row) for row in rows]


class PostgresRejectionReasons:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def of_tenant(self, tenant: str) -> list[RejectionReason]:
        rows = await self._connection.fetch(
            "SELECT key, label FROM panel_rejection_reasons WHERE tenant = $1 ORDER BY created_at, key", tenant
        )
        return [RejectionReason(row["key"], text_from_json(row["label"])) for row in rows]

    async def add(self, tenant: str, reason: RejectionReason) -> None:
        await self._connection.execute(
            "INSERT INTO panel_rejection_reasons (tenant, key, label) VALUES ($1, $2, $3)",
            tenant, reason.key, text_to_json(reason.label),
        )


class PostgresClosures:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def of_tenant(self, tenant: str) -> list[Closure]:
        rows = await self._connection.fetch(
            "SELECT closed_on, label FROM panel_closures WHERE tenant = $1 ORDER BY closed_on", tenant
        )
        return [Closure(row["closed_on"], row["label"]) for row in rows]

    async def add(self, tenant: str, closure: Closure) -> bool:
        added = await self._connection.fetchval(
            "INSERT INTO panel_closures (tenant, closed_on, label) VALUES ($1, $2, $3) "
            "ON CONFLICT DO NOTHING RETURNING true",
            tenant, closure.day, closure.label,
        )
        return bool(added)

    async def remove(self, tenant: str, day: date) -> bool:
        removed = await self._connection.fetchval(
            "DELETE FROM panel_closures WHERE tenant = $1 AND closed_on = $2 RETURNING true", tenant, day
        )
        return bool(removed)


class PanelUnitOfWork(PostgresUnitOfWork):
    meetings: PostgresPanelMeetings
    questions: PostgresPanelQuestions
    rejection_reasons: PostgresRejectionReasons
    closures: PostgresClosures

    def bind(self, connection: asyncpg.Connection) -> None:
        self.meetings = PostgresPanelMeetings(connection)
        self.questions = PostgresPanelQuestions(connection)
        self.rejection_reasons = PostgresRejectionReasons(connection)
        self.closures = PostgresClosures(connection)


def _changes(question: PanelQuestion) -> tuple:
    """The columns a question's lifecycle changes, in the order both statements use them."""
    return (
        question.accepted_at, question.answer_due, question.rejected_at, question.rejection_reason,
        text_to_json(question.response) if question.response else None, question.answered_on,
        question.answered_at, question.published_at, question.version,
    )


def _meeting(row: asyncpg.Record) -> PanelMeeting:
    return PanelMeeting(
        id=row["id"], tenant=row["tenant"], starts_at=row["starts_at"], title=text_from_json(row["title"]),
        venue=text_from_json(row["venue"]), notice_working_days=row["notice_working_days"],
        word_limit=row["word_limit"], answer_working_days=row["answer_working_days"],
        submissions_close_on=row["submissions_close_on"], created_at=row["created_at"],
    )


def _question_and_asker(row: asyncpg.Record) -> tuple[PanelQuestion, Asker]:
    return _question(row), Asker(name=row["name"], email=row["email"], area=row["area"])


def _question(row: asyncpg.Record) -> PanelQuestion:
    return PanelQuestion(
        id=row["id"], tenant=row["tenant"], meeting_id=row["meeting_id"], meeting_date=row["meeting_date"],
        text=row["text"], word_count=row["word_count"], status=QuestionStatus(row["status"]),
        submitted_at=row["submitted_at"], accepted_at=row["accepted_at"], answer_due=row["answer_due"],
        rejected_at=row["rejected_at"], rejection_reason=row["rejection_reason"],
        response=text_from_json(row["response"]) if row["response"] else None, answered_on=row["answered_on"],
        answered_at=row["answered_at"], published_at=row["published_at"], version=row["version"],
    )
