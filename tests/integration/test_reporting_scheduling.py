"""Reporting's scheduling read models on the real broker and database: scheduling events published on
the test prefix's scheduling.events, consumed by the live reporting consumer, and the figures checked
against hand-worked expectations; redelivery changes nothing and a malformed event goes to the DLQ.

The streams are built in tests/support/reporting_scheduling_events.py.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date

import pytest

from peel.common.errors import NotFound
from peel.reporting.read_models._store import reading
from peel.reporting.read_models.assemblies.routes import assembly_composition
from peel.reporting.read_models.assemblies.store import AssemblyStore
from peel.reporting.read_models.surgeries.routes import surgeries_by_area
from peel.reporting.read_models.surgeries.store import SurgeryStore
from tests.support.kafka import read_all
from tests.support.reporting_consumer import consume, reporting  # noqa: F401 - the fixture
from tests.support.reporting_scheduling_events import (
    NOW,
    POPULATION,
    again,
    assembly_stream,
    booked,
    surgery_stream,
)

pytestmark = pytest.mark.integration
YEAR_2027 = (date(2027, 1, 1), date(2027, 12, 31))


async def _surgeries(pool, tenant: str = "cheshire") -> dict:
    async with reading(pool, SurgeryStore) as reader:
        return asdict(await surgeries_by_area(reader, tenant, *YEAR_2027, NOW))


def _row(found: dict) -> tuple:
    return (found["area"], found["quarter"]["label"], found["sessions_scheduled"], found["sessions_cancelled"],
            found["sessions_held"], found["slots_offered"], found["slots_booked"], found["utilisation"],
            found["attended"], found["no_shows"])


async def test_surgeries_are_counted_per_area_and_quarter(reporting):  # noqa: F811
    stream = surgery_stream()
    await consume(reporting, stream + stream[:5])  # the first five delivered twice
    found = await _surgeries(reporting.pool)
    assert [_row(row) for row in found["areas"]] == [
        # A: 8 slots; b1..b5 booked, b3 cancelled; b1 and b5 attended, b2 a no-show, b4 attended then a no-show
        ("halton", "2027-Q1", 1, 0, 1, 8, 4, 0.5, 2, 2),
        ("warrington", "2027-Q1", 1, 1, 0, 0, 0, None, 0, 0),  # C, cancelled with its two bookings
        ("halton", "2027-Q2", 1, 0, 1, 6, 3, 0.5, 0, 0),  # B, on 1 April in England
        ("runcorn", "2027-Q2", 1, 0, 1, 4, 1, 0.25, 0, 0),  # D
        ("warrington", "2027-Q2", 1, 0, 0, 5, 0, 0.0, 0, 0),  # E, after NOW: not held
    ]
    assert [_row(row) for row in found["totals"]] == [
        ("all", "2027-Q1", 2, 1, 1, 8, 4, 0.5, 2, 2), ("all", "2027-Q2", 3, 0, 2, 15, 4, 0.2667, 0, 0)]
    other = await _surgeries(reporting.pool, "dyfed-powys")
    assert [_row(row) for row in other["areas"]] == [("halton", "2027-Q1", 1, 0, 1, 8, 2, 0.25, 0, 0)]


async def test_events_published_again_change_nothing_and_a_malformed_one_goes_to_the_dlq(reporting):  # noqa: F811
    stream = surgery_stream()
    await consume(reporting, stream)
    before = await _surgeries(reporting.pool)
    topic = reporting.settings.topic("scheduling")
    malformed = json.loads(booked(stream[0], 7).to_json())
    del malformed["data"]["session_id"]
    await reporting.producer.send_and_wait(topic, json.dumps(malformed).encode(), key=b"bad")
    await consume(reporting, again(stream), before=len(stream) + 1)
    assert await _surgeries(reporting.pool) == before
    dead = await read_all(reporting.settings.kafka_bootstrap, f"{topic}.dlq")
    assert [json.loads(record.value)["id"] for record in dead] == [malformed["id"]]


async def test_an_assembly_pool_and_panel_are_composed_per_quota_value(reporting):  # noqa: F811
    await reporting.pool.executemany("INSERT INTO population_figures VALUES ('cheshire', $1, $2, $3, $4)", POPULATION)
    created, stream = assembly_stream()
    other, theirs = assembly_stream("dyfed-powys")
    await consume(reporting, stream + theirs + again(stream[-2:]))  # both runs published twice
    async with reading(reporting.pool, AssemblyStore) as reader:
        found = asdict(await assembly_composition(reader, "cheshire", created.data.assembly_id))
        with pytest.raises(NotFound):
            await assembly_composition(reader, "cheshire", other.data.assembly_id)
    assert (found["panel_size"], found["pool"], found["panel"]) == (6, 29, 6)
    age, area = found["features"]
    assert (age["feature"], age["population_dimension"], area["population_dimension"]) == ("Age band", "age_band",
                                                                                           "area")
    # pool 4, 14 and 11: 4 is suppressed, and 11, the next smallest, with it; chester is not the assembly's
    assert [_value(v) for v in age["values"]] == [
        ("16-29", 1, 3, None, True, None, 2, 0.3333, True, 1500, 0.15),
        ("30-59", 3, 4, 14, False, 0.4828, 2, 0.3333, False, 4500, 0.45),
        ("60+", 1, 3, None, True, None, 2, 0.3333, True, 4000, 0.4)]
    assert [_value(v) for v in area["values"]] == [  # people per area counted by age band
        ("halton", 2, 4, 17, False, 0.5862, 3, 0.5, True, 6000, 0.6),
        ("warrington", 2, 4, 12, False, 0.4138, 3, 0.5, True, 4000, 0.4)]
    assert [(r["kind"], r["seed"], r["pool_size"], r["selected"], r["dropouts"], r["replacements"], r["gini"])
            for r in found["runs"]] == [("selection", 42, 29, 6, 0, 0, 0.12), ("replacement", 7, 23, 0, 1, 1, 0.12)]


def _value(found: dict) -> tuple:
    return tuple(found[k] for k in ("value", "quota_min", "quota_max", "pool", "pool_suppressed", "pool_share", "panel",
                                    "panel_share", "within_quota", "population", "population_share"))
