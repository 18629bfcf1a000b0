"""Envelopes for reporting's tests of meeting outcomes saying nobody went, quarterly attendance plans and
members' replies: builders, hand-worked streams (worked out in
tests/integration/test_reporting_scheduling_plans.py), a stream for the rebuild test, and a snapshot of
the plan coverage as the API answers it. No
tests here."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import asyncpg

from peel.common.contracts.assemblies import MemberReplied
from peel.common.contracts.meetings import AttendancePlanned, MeetingNotAttended, PlannedAttendance, UncoveredArea
from peel.common.events import Envelope
from peel.reporting.read_models._store import reading
from peel.reporting.read_models.meetings.routes import meetings_by_area, plan_coverage
from peel.reporting.read_models.meetings.store import MeetingStore
from tests.support.reporting_json import as_json
from tests.support.reporting_meetings_events import attended, meeting, meeting_cancelled
from tests.support.reporting_scheduling_events import T0, again, assembly_stream, scheduled


def not_attended(of: Envelope, hours: int = 6) -> Envelope:
    event = MeetingNotAttended(meeting_id=of.data.meeting_id, area=of.data.area,
                               recorded_at=of.data.starts_at + timedelta(hours=hours))
    return scheduled(event, of.tenant)


def planned(quarter: str, version: int, visits: list[tuple[Envelope, str]], uncovered: Sequence[tuple[str, str]] = (),
            tenant: str = "cheshire") -> Envelope:
    event = AttendancePlanned(
        quarter=quarter, version=version,
        assignments=[PlannedAttendance(meeting_id=m.data.meeting_id, area=m.data.area, attendee=who)
                     for m, who in visits],
        uncovered=[UncoveredArea(area=area, reason=reason) for area, reason in uncovered],
        confirmed_at=datetime(2027, 1, 2, 9, tzinfo=UTC) + timedelta(days=version))
    return scheduled(event, tenant)


def replied(member: Envelope, reply: str, day: int) -> Envelope:
    event = MemberReplied(assembly_id=member.data.assembly_id, registrant_id=member.data.registrant_id, reply=reply,
                          replied_at=T0 + timedelta(days=day))
    return scheduled(event, member.tenant)


def coverage_stream(tenant: str = "cheshire", other: str = "dyfed-powys") -> list[Envelope]:
    """Meetings and plans of two tenants, worked out by hand in test_plans_are_shown_beside_the_meetings."""
    h1 = meeting(datetime(2027, 1, 20, 18, tzinfo=UTC), tenant=tenant)
    h2 = meeting(datetime(2027, 2, 15, 18, tzinfo=UTC), "halton ", tenant=tenant)
    w1 = meeting(datetime(2027, 3, 10, 18, tzinfo=UTC), "Warrington", tenant=tenant)
    r1 = meeting(datetime(2027, 4, 14, 18, tzinfo=UTC), "Runcorn", tenant=tenant)
    w2 = meeting(datetime(2027, 5, 5, 18, tzinfo=UTC), "Warrington", tenant=tenant)
    h3 = meeting(datetime(2027, 6, 10, 18, tzinfo=UTC), tenant=tenant)
    theirs = meeting(datetime(2027, 2, 10, 18, tzinfo=UTC), "Ceredigion", tenant=other)
    later_plan = planned("2027-Q1", 2, [(h1, "commissioner"), (h1, "deputy"), (h2, "commissioner")],
                         [("Warrington", "not_assigned"), ("runcorn ", "no_meeting")], tenant)
    return [
        h1, attended(h1, "asb", hours=3), not_attended(h1, hours=6),  # retracted: nobody went after all
        h2, attended(h2, "roads"), w1, not_attended(w1), r1, attended(r1, "asb"), w2, meeting_cancelled(w2),
        h3, attended(h3), later_plan,
        planned("2027-Q1", 1, [(h1, "commissioner"), (w1, "deputy")], tenant=tenant),  # v1 read after v2
        planned("2027-Q2", 1, [(r1, "deputy"), (w2, "commissioner")], tenant=tenant),
        planned("2027-Q3", 1, [], [("Halton", "no_attendee_free")], tenant),
        theirs, attended(theirs), planned("2027-Q1", 1, [(theirs, "commissioner")], tenant=other)]


def replies_stream(tenant: str = "cheshire") -> tuple[Envelope, list[Envelope]]:
    """The assembly of assembly_stream with its members' replies, worked out by hand in
    test_replies_are_shown_beside_the_panel. Its panel: young (16-29, halton), middle (30-59, halton),
    two 30-59 of warrington, old (60+, halton) and one 60+ of warrington; the second 30-59 of
    warrington drops out and a 16-29 of warrington (stand_in) replaces them."""
    created, stream = assembly_stream(tenant)
    people = [e for e in stream if e.type == "peel.scheduling.assembly_registrant.joined.v1"]
    young, stand_in, middle, middle_w, dropout, old = (people[i] for i in (0, 2, 4, 13, 14, 19))
    return created, [
        replied(young, "confirmed", 32),  # read before the selection: replies fill their own columns
        *stream, replied(middle, "confirmed", 33), replied(dropout, "declined", 33), replied(old, "declined", 34),
        replied(middle_w, "declined", 33), replied(middle_w, "confirmed", 35),  # the office changed it: latest wins
        replied(stand_in, "confirmed", 41)]


def plans_and_replies(rng: random.Random) -> list[Envelope]:
    """The hand-worked plans and replies for two tenants of their own, a random tenth published again."""
    stream = [*coverage_stream("gwent", "north-wales"), *replies_stream("gwent")[1]]
    return stream + again(rng.sample(stream, len(stream) // 10))


PLAN_TABLES = {"meeting_plans": "tenant, quarter"}


async def coverage_snapshot(pool: asyncpg.Pool, tenants: tuple[str, ...] = ("gwent", "north-wales")) -> dict:
    """Each tenant's plan coverage and meetings, as the API answers them."""
    found: dict = {}
    async with reading(pool, MeetingStore) as reader:
        for tenant in tenants:
            found[f"{tenant} plan coverage"] = as_json(await plan_coverage(reader, tenant, None, None))
            found[f"{tenant} meetings"] = as_json(await meetings_by_area(reader, tenant, None, None))
    return found
