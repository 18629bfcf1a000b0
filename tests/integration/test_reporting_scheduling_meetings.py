"""Neighbourhood meetings and assembly recommendations in reporting, on the real broker and database:
scheduling events published on the test prefix's scheduling.events, consumed by the live reporting
consumer, and the figures checked against hand-worked expectations; redelivery changes nothing and a
malformed event goes to the DLQ.

The streams are built in tests/support/reporting_meetings_events.py.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date

import pytest

from peel.common.errors import NotFound
from peel.reporting.read_models._store import reading
from peel.reporting.read_models.assemblies.routes import assembly_recommendations
from peel.reporting.read_models.assemblies.store import AssemblyStore
from peel.reporting.read_models.meetings.routes import meetings_last_and_next
from peel.reporting.read_models.meetings.store import MeetingStore
from tests.support.kafka import read_all
from tests.support.reporting_consumer import consume, reporting  # noqa: F401 - the fixture
from tests.support.reporting_meetings_events import (
    TODAY,
    attended,
    meeting_row,
    meetings_found,
    meetings_stream,
    recommendations_stream,
)
from tests.support.reporting_scheduling_events import again

pytestmark = pytest.mark.integration


async def test_meetings_are_counted_per_area_and_quarter(reporting):  # noqa: F811
    stream = meetings_stream()
    await consume(reporting, stream + again(stream[:6]))  # the first six published again
    found = await meetings_found(reporting.pool)
    assert found["topic_keys"] == ("asb", "burglary", "roads")
    assert [meeting_row(row) for row in found["areas"]] == [
        ("Halton", "2027-Q1", 1, 0, 1, {"asb": 1, "roads": 1}, 1),  # m1
        ("Warrington", "2027-Q1", 0, 1, 0, {}, 0),  # m3, cancelled; m4 was moved to May
        # m2 ("halton ", 1 April in England; its later record wins) and m6 (today, not attended)
        ("Halton", "2027-Q2", 2, 0, 1, {"asb": 1, "burglary": 1}, 0),
        ("Runcorn", "2027-Q2", 1, 0, 0, {}, 0),  # m5
        ("Warrington", "2027-Q2", 1, 0, 1, {"roads": 1}, 0),  # m4 at version 2, its update read first
    ]
    assert [meeting_row(row) for row in found["totals"]] == [
        ("all", "2027-Q1", 1, 1, 1, {"asb": 1, "roads": 1}, 1),
        ("all", "2027-Q2", 4, 0, 2, {"asb": 1, "burglary": 1, "roads": 1}, 0)]
    assert [meeting_row(row) for row in (await meetings_found(reporting.pool, "dyfed-powys"))["areas"]] == [
        ("Halton", "2027-Q1", 1, 0, 1, {"asb": 1}, 0)]
    async with reading(reporting.pool, MeetingStore) as reader:
        areas = [asdict(a) for a in await meetings_last_and_next(reader, "cheshire", TODAY)]
    assert [(a["area"], a["last"] and (str(a["last"]["on"]), a["last"]["meeting_type"], a["last"]["attended"]),
             a["days_since_last"], a["next"] and (str(a["next"]["on"]), a["next"]["public"]), a["days_until_next"])
            for a in areas] == [
        ("Halton", ("2027-04-01", "community_forum", True), 61, ("2027-06-01", True), 0),
        ("Runcorn", None, None, ("2027-06-15", True), 14),
        ("Warrington", ("2027-05-12", "parish_council", True), 20, None, None)]


async def test_meetings_published_again_change_nothing_and_a_malformed_one_goes_to_the_dlq(reporting):  # noqa: F811
    stream = meetings_stream()
    await consume(reporting, stream)
    before = await meetings_found(reporting.pool)
    topic = reporting.settings.topic("scheduling")
    malformed = json.loads(attended(stream[0], "asb").to_json())
    del malformed["data"]["meeting_id"]
    await reporting.producer.send_and_wait(topic, json.dumps(malformed).encode(), key=b"bad")
    await consume(reporting, again(stream), before=len(stream) + 1)
    assert await meetings_found(reporting.pool) == before
    dead = await read_all(reporting.settings.kafka_bootstrap, f"{topic}.dlq")
    assert [json.loads(record.value)["id"] for record in dead] == [malformed["id"]]


def _recommendation(found: dict) -> tuple:
    return tuple(found[k] for k in ("number", "text", "support_share", "state", "decision", "due", "overdue",
                                    "progress_updates", "done"))


async def test_an_assemblys_recommendations_and_responses(reporting):  # noqa: F811
    created, stream = recommendations_stream()
    other, theirs = recommendations_stream("dyfed-powys")
    await consume(reporting, stream + theirs + again(stream[-5:]))  # the progress published twice
    async with reading(reporting.pool, AssemblyStore) as reader:
        found = asdict(await assembly_recommendations(reader, "cheshire", created.data.assembly_id, TODAY))
        with pytest.raises(NotFound):
            await assembly_recommendations(reader, "cheshire", other.data.assembly_id, TODAY)
    assert [_recommendation(r) for r in found["recommendations"]] == [
        (1, "Recommendation 1", 0.85, "accepted", "accepted", date(2027, 5, 1), True, 2, False),  # due 1 May
        (2, "Recommendation 2", 0.6, "done", "accepted_in_part", date(2027, 5, 1), False, 1, True),  # done late
        (3, "Recommendation 3", 0.55, "not_accepted", "not_accepted", None, False, 0, False),
        (4, "Recommendation 4", 0.9, "awaiting_response", None, None, False, 0, False)]
    assert [(m["format"], m["members"], m["attended"], m["attendance_rate"]) for m in found["meetings"]] == [
        ("in_person", 6, 5, 0.8333), ("online", 6, 6, 1.0)]
