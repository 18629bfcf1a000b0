"""Neighbourhood meetings, the tenant's attendees and topics, and confirmed attendance plans in PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import asyncpg

from peel.common.db.unit_of_work import PostgresUnitOfWork
from peel.scheduling.meetings.domain.meetings import (
    Meeting,
    MeetingDetails,
    MeetingStatus,
    MeetingType,
    Organiser,
    Outcome,
    Topic,
    When,
    area_key,
)
from peel.scheduling.meetings.domain.meetings_plan import Attendee, Plan
from peel.scheduling.venues.adapters.venues import PostgresVenues

COLUMNS = ("id, tenant, meeting_type, policing_area, area_key, day, starts, ends, starts_at, ends_at, venue_id, "
           "venue_text, organiser_name, organiser_email, organiser_phone, public, status, cancelled_at, "
           "cancel_reason, outcome, created_at, updated_at, version")
PLACEHOLDERS = ", ".join(f"${n}" for n in range(1, 24))
SHOWN = "tenant = $1 AND public AND status = 'scheduled'"
EVERY_AREA = (
    f"(SELECT DISTINCT ON (area_key) {COLUMNS} FROM neighbourhood_meetings WHERE {SHOWN} AND starts_at <= $2 "
    f"ORDER BY area_key, starts_at DESC, id) UNION ALL (SELECT DISTINCT ON (area_key) {COLUMNS} "
    f"FROM neighbourhood_meetings WHERE {SHOWN} AND starts_at > $2 ORDER BY area_key, starts_at, id)")


class PostgresMeetings:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, meeting: Meeting) -> None:
        await self._connection.execute(
            f"INSERT INTO neighbourhood_meetings ({COLUMNS}) VALUES ({PLACEHOLDERS})", *_row(meeting))

    async def save(self, meeting: Meeting) -> None:
        await self._connection.execute(
            f"UPDATE neighbourhood_meetings SET ({COLUMNS}) = ({PLACEHOLDERS}) WHERE id = $1", *_row(meeting))

    async def get(self, tenant: str, meeting_id: uuid.UUID, lock: bool = False) -> Meeting | None:
        row = await self._connection.fetchrow(
            f"SELECT {COLUMNS} FROM neighbourhood_meetings WHERE id = $1 AND tenant = $2"
            + (" FOR UPDATE" if lock else ""), meeting_id, tenant)
        return _meeting(row) if row else None

    async def of_tenant(self, tenant: str, area: str | None = None, since: date | None = None,
                        until: date | None = None) -> list[Meeting]:
        """The tenant's meetings, soonest first, in ``area`` and from ``since`` to ``until`` (days) if given."""
        rows = await self._connection.fetch(
            f"SELECT {COLUMNS} FROM neighbourhood_meetings WHERE tenant = $1 AND ($2::text IS NULL OR area_key = $2) "
            "AND ($3::date IS NULL OR day >= $3) AND ($4::date IS NULL OR day <= $4) ORDER BY starts_at, id",
            tenant, area_key(area) if area else None, since, until)
        return [_meeting(row) for row in rows]

    async def areas(self, tenant: str) -> list[str]:
        """Every area the tenant's meetings and venues are in."""
        rows = await self._connection.fetch(
            "SELECT policing_area FROM neighbourhood_meetings WHERE tenant = $1 UNION "
            "SELECT policing_area FROM scheduling_venues WHERE tenant = $1", tenant)
        return [row["policing_area"] for row in rows]

    async def public_around(self, tenant: str, area: str, now: datetime) -> list[Meeting]:
        """The area's latest public meeting that has started and its soonest yet to start, not cancelled."""
        where = "tenant = $1 AND area_key = $2 AND public AND status = 'scheduled'"
        rows = await self._connection.fetch(
            f"(SELECT {COLUMNS} FROM neighbourhood_meetings WHERE {where} AND starts_at <= $3 "
            f"ORDER BY starts_at DESC LIMIT 1) UNION ALL (SELECT {COLUMNS} FROM neighbourhood_meetings "
            f"WHERE {where} AND starts_at > $3 ORDER BY starts_at LIMIT 1)", tenant, area_key(area), now)
        return [_meeting(row) for row in rows]

    async def public_around_every_area(self, tenant: str, now: datetime) -> list[Meeting]:
        """Each area's latest public meeting that has started and its soonest yet to start, not cancelled."""
        return [_meeting(row) for row in await self._connection.fetch(EVERY_AREA, tenant, now)]


class PostgresMeetingSettings:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def attendees(self, tenant: str) -> list[Attendee]:
        found = await self._connection.fetchval("SELECT attendees FROM meeting_settings WHERE tenant = $1", tenant)
        return [Attendee(a["key"], a["title"], frozenset(map(date.fromisoformat, a["unavailable"])))
                for a in found or []]

    async def topics(self, tenant: str) -> list[Topic]:
        found = await self._connection.fetchval("SELECT topics FROM meeting_settings WHERE tenant = $1", tenant)
        return [Topic(t["key"], t["label"]) for t in found or []]

    async def set_attendees(self, tenant: str, attendees: list[Attendee], now: datetime) -> None:
        rows = [{"key": a.key, "title": a.title, "unavailable": sorted(d.isoformat() for d in a.unavailable)}
                for a in attendees]
        await self._upsert("attendees", tenant, rows, now)

    async def set_topics(self, tenant: str, topics: list[Topic], now: datetime) -> None:
        await self._upsert("topics", tenant, [{"key": t.key, "label": t.label} for t in topics], now)

    async def _upsert(self, column: str, tenant: str, value: list[dict], now: datetime) -> None:
        await self._connection.execute(
            f"INSERT INTO meeting_settings (tenant, {column}, updated_at) VALUES ($1, $2, $3) "
            f"ON CONFLICT (tenant) DO UPDATE SET {column} = $2, updated_at = $3", tenant, value, now)


class PostgresMeetingPlans:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def get(self, tenant: str, quarter: str) -> dict | None:
        row = await self._connection.fetchrow(
            "SELECT quarter, assignments, uncovered, confirmed_at, version FROM meeting_plans "
            "WHERE tenant = $1 AND quarter = $2", tenant, quarter)
        return dict(row) if row else None

    async def save(self, tenant: str, plan: Plan, now: datetime) -> dict:
        """Store the confirmed plan, replacing the quarter's earlier one; the stored row."""
        assignments = [{"meeting_id": str(a.meeting_id), "area": a.area, "attendee": a.attendee}
                       for a in plan.assignments]
        uncovered = [{"area": u.area, "reason": u.reason} for u in plan.uncovered]
        row = await self._connection.fetchrow(
            "INSERT INTO meeting_plans (tenant, quarter, assignments, uncovered, confirmed_at) "
            "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant, quarter) DO UPDATE SET assignments = $3, "
            "uncovered = $4, confirmed_at = $5, version = meeting_plans.version + 1 "
            "RETURNING quarter, assignments, uncovered, confirmed_at, version",
            tenant, str(plan.quarter), assignments, uncovered, now)
        return dict(row)


def _row(meeting: Meeting) -> tuple:
    details, when = meeting.details, meeting.details.when
    organiser, outcome = details.organiser, meeting.outcome
    return (meeting.id, meeting.tenant, details.type.value, details.area, area_key(details.area), when.day,
            when.starts, when.ends, when.starts_at, when.ends_at, details.venue_id, details.venue_text,
            organiser.name, organiser.email, organiser.phone, details.public, meeting.status.value,
            meeting.cancelled_at, meeting.cancel_reason, _outcome_row(outcome) if outcome else None,
            meeting.created_at, meeting.updated_at, meeting.version)


def _outcome_row(outcome: Outcome) -> dict:
    return {"attended": outcome.attended, "attendees": list(outcome.attendees), "topics": list(outcome.topics),
            "other_topics": list(outcome.other_topics), "recorded_at": outcome.recorded_at.isoformat()}


def _outcome(found: dict) -> Outcome:
    return Outcome(found["attended"], tuple(found["attendees"]), tuple(found["topics"]),
                   tuple(found["other_topics"]), datetime.fromisoformat(found["recorded_at"]))


def _meeting(row: asyncpg.Record) -> Meeting:
    details = MeetingDetails(
        type=MeetingType(row["meeting_type"]), area=row["policing_area"],
        when=When(row["day"], row["starts"], row["ends"]),
        organiser=Organiser(row["organiser_name"], row["organiser_email"], row["organiser_phone"]),
        venue_id=row["venue_id"], venue_text=row["venue_text"], public=row["public"])
    return Meeting(row["id"], row["tenant"], details, row["created_at"], row["updated_at"],
                   MeetingStatus(row["status"]), row["cancelled_at"], row["cancel_reason"],
                   _outcome(row["outcome"]) if row["outcome"] else None, row["version"])


class PostgresMeetingUnitOfWork(PostgresUnitOfWork):
    """One transaction over meetings, their settings and plans (and venues, to check them), with events."""

    meetings: PostgresMeetings
    settings: PostgresMeetingSettings
    plans: PostgresMeetingPlans
    venues: PostgresVenues

    def bind(self, connection: asyncpg.Connection) -> None:
        self.meetings = PostgresMeetings(connection)
        self.settings = PostgresMeetingSettings(connection)
        self.plans = PostgresMeetingPlans(connection)
        self.venues = PostgresVenues(connection)
