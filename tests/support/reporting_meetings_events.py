"""Neighbourhood meeting and assembly recommendation envelopes for reporting's tests: builders, two
hand-worked streams (worked out in tests/integration/test_reporting_scheduling_meetings.py), a stream for
the rebuild test, and a snapshot of these read models as the API answers them. No tests here."""

from __future__ import annotations

import random
import uuid
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta

import asyncpg

from peel.common.contracts.assemblies import (
    AssemblyMeetingHeld,
    RecommendationMade,
    RecommendationProgressed,
    ResponseGiven,
)
from peel.common.contracts.meetings import MeetingAttended, MeetingCancelled, MeetingScheduled, MeetingUpdated
from peel.common.events import Envelope
from peel.reporting.domain.meetings import LastAndNextReport
from peel.reporting.read_models._store import reading
from peel.reporting.read_models.assemblies.routes import assembly_recommendations
from peel.reporting.read_models.assemblies.store import AssemblyStore
from peel.reporting.read_models.meetings.routes import meetings_by_area, meetings_last_and_next
from peel.reporting.read_models.meetings.store import MeetingStore
from tests.support.reporting_json import as_json
from tests.support.reporting_scheduling_events import again, assembly, scheduled

TODAY = date(2027, 6, 1)
YEAR_2027 = (date(2027, 1, 1), date(2027, 12, 31))


def meeting(starts_at: datetime, area: str = "Halton", *, kind: str = "pact", tenant: str = "cheshire",
            public: bool = True) -> Envelope:
    event = MeetingScheduled(meeting_id=uuid.uuid4(), meeting_type=kind, area=area, starts_at=starts_at,
                             ends_at=starts_at + timedelta(hours=2), public=public)
    return scheduled(event, tenant)


def updated(of: Envelope, starts_at: datetime, version: int = 2, *, public: bool = False) -> Envelope:
    facts = of.data.model_dump(include={"meeting_id", "meeting_type", "area", "venue_id"})
    event = MeetingUpdated(**facts, starts_at=starts_at, ends_at=starts_at + timedelta(hours=1), public=public,
                           version=version)
    return scheduled(event, of.tenant)


def meeting_cancelled(of: Envelope) -> Envelope:
    return scheduled(MeetingCancelled(meeting_id=of.data.meeting_id, cancelled_at=of.data.starts_at), of.tenant)


def attended(of: Envelope, *topics: str, other: int = 0, hours: int = 3) -> Envelope:
    event = MeetingAttended(meeting_id=of.data.meeting_id, area=of.data.area, attendees=["commissioner"],
                            topics=list(topics), other_topic_count=other,
                            recorded_at=of.data.starts_at + timedelta(hours=hours))
    return scheduled(event, of.tenant)


def meetings_stream() -> list[Envelope]:
    """Meetings of two tenants, worked out by hand in test_meetings_are_counted_per_area_and_quarter."""
    m1 = meeting(datetime(2027, 2, 10, 18, tzinfo=UTC))
    m2 = meeting(datetime(2027, 3, 31, 23, 30, tzinfo=UTC), "halton ", kind="community_forum")  # 1 April: Q2
    m3 = meeting(datetime(2027, 2, 20, 18, tzinfo=UTC), "Warrington")
    m4 = meeting(datetime(2027, 3, 20, 18, tzinfo=UTC), "Warrington", kind="parish_council")
    m5 = meeting(datetime(2027, 6, 15, 10, tzinfo=UTC), "Runcorn")
    m6 = meeting(datetime(2027, 6, 1, 17, tzinfo=UTC))  # today
    m7 = meeting(datetime(2027, 2, 10, 18, tzinfo=UTC), tenant="dyfed-powys")
    m8 = meeting(datetime(2026, 12, 1, 18, tzinfo=UTC))
    moved = updated(m4, datetime(2027, 5, 12, 17, tzinfo=UTC))  # to Q2, published before it was scheduled
    return [m1, attended(m1, "asb", "roads", other=1), m2, attended(m2, "asb", hours=1),
            attended(m2, "asb", "burglary", hours=2), m3, meeting_cancelled(m3), moved, m4, attended(moved, "roads"),
            m5, m6, m7, attended(m7, "asb"), m8, attended(m8, "roads")]


def _recommendation(of: Envelope, number: int) -> dict:
    return {"assembly_id": of.data.assembly_id, "recommendation_id": uuid.uuid4(), "number": number}


def made(of: Envelope, number: int, support: float) -> Envelope:
    event = RecommendationMade(**_recommendation(of, number), text=f"Recommendation {number}", support_share=support,
                               made_at=datetime(2027, 3, 1, 12, tzinfo=UTC))
    return scheduled(event, of.tenant)


def _ids(of: Envelope) -> dict:
    return of.data.model_dump(include={"assembly_id", "recommendation_id", "number"})


def responded(of: Envelope, decision: str, due: date | None) -> Envelope:
    event = ResponseGiven(**_ids(of), decision=decision, due=due, given_at=datetime(2027, 3, 20, 12, tzinfo=UTC))
    return scheduled(event, of.tenant)


def progressed(of: Envelope, on: date, *, done: bool = False) -> Envelope:
    event = RecommendationProgressed(**_ids(of), done=done, at=datetime.combine(on, datetime.min.time(), UTC))
    return scheduled(event, of.tenant)


def held(of: Envelope, members: int, came: int, format: str = "in_person", day: int = 1) -> Envelope:
    event = AssemblyMeetingHeld(assembly_id=of.data.assembly_id, meeting_id=uuid.uuid4(), format=format,
                                members=members, attended=came, held_at=datetime(2027, 2, day, 10, tzinfo=UTC))
    return scheduled(event, of.tenant)


def recommendations_stream(tenant: str = "cheshire") -> tuple[Envelope, list[Envelope]]:
    """An assembly's recommendations, worked out by hand in test_an_assemblys_recommendations_and_responses."""
    created = assembly([("Age band", "16-29", 1, 3)], tenant=tenant)
    r1, r2, r3, r4 = made(created, 1, 0.85), made(created, 2, 0.6), made(created, 3, 0.55), made(created, 4, 0.9)
    return created, [
        created, held(created, 6, 5), held(created, 6, 6, "online", day=15), r1, r2, r3, r4,
        responded(r1, "accepted", date(2027, 5, 1)), progressed(r1, date(2027, 4, 1)),
        progressed(r1, date(2027, 4, 20)), responded(r2, "accepted_in_part", date(2027, 5, 1)),
        progressed(r2, date(2027, 5, 20), done=True), responded(r3, "not_accepted", None)]


def meetings_and_recommendations(rng: random.Random) -> list[Envelope]:
    """The hand-worked meetings and two tenants' recommendations, a random tenth published again."""
    stream = [*meetings_stream(), *recommendations_stream()[1], *recommendations_stream("dyfed-powys")[1]]
    return stream + again(rng.sample(stream, len(stream) // 10))


MEETING_TABLES = {
    "neighbourhood_meetings": "meeting_id", "assembly_recommendations": "recommendation_id",
    "assembly_recommendation_progress": "recommendation_id, at", "assembly_meetings": "meeting_id",
}


async def meetings_snapshot(pool: asyncpg.Pool) -> dict:
    """Each tenant's meeting figures, last and next meetings, and every assembly's recommendations."""
    found: dict = {}
    assemblies = await pool.fetch("SELECT tenant, assembly_id FROM read_models.assemblies ORDER BY assembly_id")
    async with reading(pool, MeetingStore) as reader:
        for tenant in ("cheshire", "dyfed-powys"):
            report = await meetings_by_area(reader, tenant, None, None)
            found[f"{tenant} meetings"] = as_json(report)
            areas = await meetings_last_and_next(reader, tenant, TODAY)
            found[f"{tenant} last and next"] = as_json(LastAndNextReport(TODAY, areas))
    async with reading(pool, AssemblyStore) as reader:
        for row in assemblies:
            made_ = await assembly_recommendations(reader, row["tenant"], row["assembly_id"], TODAY)
            found[f"recommendations {row['assembly_id']}"] = as_json(made_)
    return found


async def meetings_found(pool: asyncpg.Pool, tenant: str = "cheshire") -> dict:
    """The tenant's meeting figures of 2027."""
    async with reading(pool, MeetingStore) as reader:
        return asdict(await meetings_by_area(reader, tenant, *YEAR_2027))


def meeting_row(found: dict) -> tuple:
    """An area's or every area's figures of a quarter."""
    return (found["area"], found["quarter"]["label"], found["meetings_known"], found["meetings_cancelled"],
            found["meetings_attended"], found["topics"], found["other_topics"])
