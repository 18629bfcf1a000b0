"""An assembly's meetings, attendance, speakers, access needs, expenses and recommendations in PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg

from peel.scheduling.assemblies.domain.assembly_meetings import (
    AccessNeed,
    AssemblyMeeting,
    Expense,
    ExpenseCategory,
    MeetingFormat,
    Speaker,
)
from peel.scheduling.assemblies.domain.assembly_outcomes import Decision, Progress, Recommendation, Response

MEETING = "id, assembly_id, title, format, venue_id, starts_at, ends_at, held_at"
RECOMMENDATION = ("id, assembly_id, number, text_en, text_cy, support_share, made_at, decision, reasons, due, "
                  "given_at, progress")


class PostgresAssemblyMeetings:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, meeting: AssemblyMeeting) -> None:
        await self._connection.execute(
            f"INSERT INTO assembly_meetings ({MEETING}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", meeting.id,
            meeting.assembly_id, meeting.title, meeting.format.value, meeting.venue_id, meeting.starts_at,
            meeting.ends_at, meeting.held_at)

    async def get(self, assembly_id: uuid.UUID, meeting_id: uuid.UUID) -> AssemblyMeeting | None:
        row = await self._connection.fetchrow(
            f"SELECT {MEETING} FROM assembly_meetings WHERE id = $1 AND assembly_id = $2 FOR UPDATE",
            meeting_id, assembly_id)
        return _meeting(row) if row else None

    async def of_assembly(self, assembly_id: uuid.UUID) -> list[AssemblyMeeting]:
        rows = await self._connection.fetch(
            f"SELECT {MEETING} FROM assembly_meetings WHERE assembly_id = $1 ORDER BY starts_at, id", assembly_id)
        return [_meeting(row) for row in rows]

    async def record(self, meeting_id: uuid.UUID, present: dict[uuid.UUID, bool], held_at: datetime) -> None:
        await self._connection.executemany(
            "INSERT INTO assembly_attendance (meeting_id, member_id, attended) VALUES ($1, $2, $3)",
            [(meeting_id, member, attended) for member, attended in present.items()])
        await self._connection.execute("UPDATE assembly_meetings SET held_at = $2 WHERE id = $1", meeting_id, held_at)

    async def attended(self, assembly_id: uuid.UUID) -> dict[uuid.UUID, set[uuid.UUID]]:
        rows = await self._connection.fetch(
            "SELECT a.meeting_id, a.member_id FROM assembly_attendance a JOIN assembly_meetings m "
            "ON m.id = a.meeting_id WHERE m.assembly_id = $1 AND a.attended", assembly_id)
        found: dict[uuid.UUID, set[uuid.UUID]] = {}
        for row in rows:
            found.setdefault(row["meeting_id"], set()).add(row["member_id"])
        return found

    async def add_speaker(self, speaker: Speaker) -> None:
        await self._connection.execute(
            "INSERT INTO assembly_speakers (id, assembly_id, meeting_id, name, organisation, topic, declaration) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7)", speaker.id, speaker.assembly_id, speaker.meeting_id,
            speaker.name, speaker.organisation, speaker.topic, speaker.declaration)

    async def speakers(self, assembly_id: uuid.UUID) -> list[Speaker]:
        rows = await self._connection.fetch(
            "SELECT id, assembly_id, meeting_id, name, organisation, topic, declaration FROM assembly_speakers "
            "WHERE assembly_id = $1 ORDER BY name, id", assembly_id)
        return [Speaker(**dict(row)) for row in rows]


class PostgresMemberCare:
    """Access needs (confidential) and expenses of panel members."""

    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def put_needs(self, member_id: uuid.UUID, needs: list[AccessNeed], details: str, now: datetime) -> None:
        await self._connection.execute(
            "INSERT INTO assembly_access_needs (member_id, needs, details, updated_at) VALUES ($1, $2, $3, $4) "
            "ON CONFLICT (member_id) DO UPDATE SET needs = $2, details = $3, updated_at = $4",
            member_id, [need.value for need in needs], details, now)

    async def needs(self, member_id: uuid.UUID) -> tuple[list[AccessNeed], str] | None:
        row = await self._connection.fetchrow(
            "SELECT needs, details FROM assembly_access_needs WHERE member_id = $1", member_id)
        return ([AccessNeed(n) for n in row["needs"]], row["details"]) if row else None

    async def add_expense(self, expense: Expense, now: datetime) -> None:
        await self._connection.execute(
            "INSERT INTO assembly_expenses (id, member_id, meeting_id, category, amount_pence, claimed_at) "
            "VALUES ($1, $2, $3, $4, $5, $6)", expense.id, expense.member_id, expense.meeting_id,
            expense.category.value, expense.amount_pence, now)

    async def expenses(self, assembly_id: uuid.UUID) -> list[Expense]:
        rows = await self._connection.fetch(
            "SELECT e.id, e.member_id, e.meeting_id, e.category, e.amount_pence FROM assembly_expenses e "
            "JOIN assembly_meetings m ON m.id = e.meeting_id WHERE m.assembly_id = $1 ORDER BY e.claimed_at",
            assembly_id)
        return [Expense(r["id"], r["member_id"], r["meeting_id"], ExpenseCategory(r["category"]), r["amount_pence"])
                for r in rows]


class PostgresRecommendations:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def next_number(self, assembly_id: uuid.UUID) -> int:
        return int(await self._connection.fetchval(
            "SELECT coalesce(max(number), 0) + 1 FROM assembly_recommendations WHERE assembly_id = $1", assembly_id))

    async def add(self, recommendation: Recommendation) -> None:
        r = recommendation
        await self._connection.execute(
            "INSERT INTO assembly_recommendations (id, assembly_id, number, text_en, text_cy, support_share, made_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7)", r.id, r.assembly_id, r.number, r.text_en, r.text_cy,
            r.support_share, r.made_at)

    async def get(self, assembly_id: uuid.UUID, recommendation_id: uuid.UUID) -> Recommendation | None:
        row = await self._connection.fetchrow(
            f"SELECT {RECOMMENDATION} FROM assembly_recommendations WHERE id = $1 AND assembly_id = $2 FOR UPDATE",
            recommendation_id, assembly_id)
        return _recommendation(row) if row else None

    async def of_assembly(self, assembly_id: uuid.UUID) -> list[Recommendation]:
        rows = await self._connection.fetch(
            f"SELECT {RECOMMENDATION} FROM assembly_recommendations WHERE assembly_id = $1 ORDER BY number",
            assembly_id)
        return [_recommendation(row) for row in rows]

    async def save(self, recommendation: Recommendation) -> None:
        response, progress = recommendation.response, recommendation.progress
        await self._connection.execute(
            "UPDATE assembly_recommendations SET decision = $2, reasons = $3, due = $4, given_at = $5, progress = $6 "
            "WHERE id = $1", recommendation.id, response and response.decision.value, response and response.reasons,
            response and response.due, response and response.given_at,
            [{"at": p.at.isoformat(), "note": p.note, "done": p.done} for p in progress])


def _meeting(row: asyncpg.Record) -> AssemblyMeeting:
    return AssemblyMeeting(row["id"], row["assembly_id"], row["title"], MeetingFormat(row["format"]), row["venue_id"],
                           row["starts_at"], row["ends_at"], row["held_at"])


def _recommendation(row: asyncpg.Record) -> Recommendation:
    response = None if row["decision"] is None else Response(Decision(row["decision"]), row["reasons"], row["due"],
                                                             row["given_at"])
    progress = tuple(Progress(datetime.fromisoformat(p["at"]), p["note"], p["done"]) for p in row["progress"])
    return Recommendation(row["id"], row["assembly_id"], row["number"], row["text_en"], row["text_cy"],
                          row["support_share"], row["made_at"], response, progress)

