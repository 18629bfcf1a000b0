"""What residents see of a consultation's results over HTTP: nothing until the results are published, then
the results with small counts withheld, the current text and the outcome, without a token and rate-limited.
Staff see the outcome, the current text and the extended closing date with their results.

The consultation's events are put on Kafka by the test, as its outbox relay would.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest

from peel.reporting.bootstrap import create_app
from peel.reporting.settings import ReportingSettings
from tests.support.platform import Platform
from tests.support.reporting_events import (
    T0,
    choice,
    closed,
    corrected,
    extended,
    outcome,
    published,
    results_published,
    submitted,
)
from tests.support.reporting_service import consultation_events
from tests.support.servers import eventually, service_settings, serving
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
OUTCOME = "We heard you: more patrols at weekends."


@pytest.fixture
async def send(infra, topic_prefix) -> AsyncIterator:
    async with consultation_events(infra.kafka_bootstrap, topic_prefix) as publish:
        yield publish


async def test_residents_see_published_results_with_small_counts_withheld_and_the_outcome(
        platform: Platform, token, send):
    analyst = bearer(token("cheshire", "analyst"))
    consultation = uuid.uuid4()
    chosen = ["asb"] * 14 + ["roads"] * 6 + ["burglary"] * 4
    await send(published(consultation), *[submitted(consultation, [choice("priority", key)]) for key in chosen],
               extended(consultation, 56), corrected(consultation, 2, {"questions.priority.options.asb": "Nuisance"}),
               closed(consultation), outcome(consultation, OUTCOME))
    staff = await eventually(lambda: _json(platform, f"/v1/consultations/{consultation}/results", analyst,
                                           lambda found: found["outcome"] and found["responses"] == 24))
    assert staff["closes_at"] == (T0 + timedelta(days=56)).isoformat().replace("+00:00", "Z")
    assert [(o["text"]["en"], o["count"]) for o in staff["questions"][0]["options"]] == [
        ("Nuisance", 14), ("Roads", 6), ("Burglary", 4)]

    public = f"/v1/public/consultations/{consultation}/results"
    assert (await platform.reporting.get(public)).status_code == 404  # not yet published
    await send(results_published(consultation))
    found = await eventually(lambda: _json(platform, public, {}, lambda found: True))
    assert (found["responses"], found["outcome"]["text"], found["title"]) == (
        24, {"en": OUTCOME}, {"en": "Policing priorities"})
    assert "fewer than 10" in found["rule"]
    assert [(o["text"]["en"], o["count"], o["share"]) for o in found["questions"][0]["options"]] == [
        ("Nuisance", 14, 0.5833), ("Roads", None, None), ("Burglary", None, None)]

    exported = await platform.reporting.get(f"{public}.csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert [r["value"] for r in rows if (r["question"], r["measure"]) == ("priority", "count")] == ["14", "", ""]
    assert {"item": "en", "measure": "outcome", "value": OUTCOME}.items() <= rows[1].items()


async def test_published_results_are_limited_per_client_address(infra, database, topic_prefix, key_dir):
    settings = service_settings(ReportingSettings, dsn=database, kafka=infra.kafka_bootstrap, prefix=topic_prefix,
                                key_dir=key_dir, public_rate_limit_per_minute=2)
    path = f"/v1/public/consultations/{uuid.uuid4()}/results"
    async with serving(create_app(settings)) as url, httpx.AsyncClient(base_url=url) as client:
        resident = {"X-Forwarded-For": "203.0.113.7"}
        statuses = [(await client.get(path, headers=resident)).status_code for _ in range(3)]
        other_resident = await client.get(f"{path}.csv", headers={"X-Forwarded-For": "198.51.100.20"})
    assert statuses == [404, 404, 429]
    assert other_resident.status_code == 404


async def _json(platform: Platform, path: str, headers: dict, ready) -> dict | None:
    found = await platform.reporting.get(path, headers=headers)
    return found.json() if found.status_code == 200 and ready(found.json()) else None
