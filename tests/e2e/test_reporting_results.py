"""Reporting over HTTP: every question type's summary, breakdowns, CSV, embargo, erasure and tenancy.

The consultation service does not emit every answer type yet, so these tests put the
consultation's events on Kafka themselves, as its outbox relay would.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import AsyncIterator

import pytest

from peel.common.contracts.consultation import EqualityBands, RatingAnswer
from tests.support.platform import Platform
from tests.support.reporting_events import (
    AREAS,
    choice,
    closed,
    comment,
    erased,
    moderated,
    published,
    submitted,
)
from tests.support.reporting_service import consultation_events
from tests.support.servers import eventually
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e


@pytest.fixture
async def send(infra, topic_prefix) -> AsyncIterator:
    async with consultation_events(infra.kafka_bootstrap, topic_prefix) as publish:
        yield publish


def rating(value: int) -> RatingAnswer:
    return RatingAnswer(question="safety", type="rating", value=value)


async def results_with(platform: Platform, path: str, headers: dict, responses: int) -> dict:
    async def ready() -> dict | None:
        found = await platform.reporting.get(path, headers=headers)
        return found.json() if found.status_code == 200 and found.json()["responses"] == responses else None

    return await eventually(ready)


async def test_staff_see_every_summary_the_breakdown_and_csv(platform: Platform, token, send):
    analyst = bearer(token("cheshire", "analyst"))
    consultation = uuid.uuid4()
    responses = [
        submitted(consultation, [choice("priority", "asb" if i % 4 else "roads"), rating(1 + i % 5),
                                 comment("=HYPERLINK(\"http://x\")" if i == 0 else f"Comment {i}")],
                  area=AREAS[0] if i < 12 else AREAS[1] if i < 15 else "unknown",
                  equality=EqualityBands(age_band="25_44" if i % 2 else "65_plus"))
        for i in range(30)
    ]
    await send(published(consultation), *responses, moderated(responses[0], "approved"),
               moderated(responses[1], "approved"), moderated(responses[2], "redacted"))
    path = f"/v1/consultations/{consultation}/results"
    results = await results_with(platform, path, analyst, 30)
    questions = {q["key"]: q for q in results["questions"]}
    assert [(o["key"], o["count"]) for o in questions["priority"]["options"]] == [
        ("asb", 22), ("roads", 8), ("burglary", 0)]
    safety = questions["safety"]["summary"]
    assert (safety["kind"], safety["mean"], safety["median"]) == ("rating", 3.0, 3.0)
    assert [p["count"] for p in safety["distribution"]] == [6, 6, 6, 6, 6]
    comments = await eventually(lambda: _moderated(platform, path, analyst))
    assert comments["moderation"] == {"pending": 27, "approved": 2, "redacted": 1}
    assert sorted(comments["approved"]) == ['=HYPERLINK("http://x")', "Comment 1"]
    assert questions["budget"]["summary"]["lines"][0]["change_percent"]["median"] is None

    by_area = (await platform.reporting.get(f"{path}/breakdown", params={"by": "area"}, headers=analyst)).json()
    assert [(g["key"], g["suppressed"], g["responses"]) for g in by_area["groups"]] == [
        ("halton", True, None), ("warrington", True, None), ("cheshire_east", True, None), ("unknown", False, 15)]
    # warrington (3) alone could be worked out from the total, so halton (12), the next smallest, goes too
    assert "fewer than 10" in by_area["rule"]

    exported = await platform.reporting.get(f"{path}.csv", headers=analyst)
    assert exported.headers["content-type"].startswith("text/csv")
    assert "attachment" in exported.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert {"question": "priority", "item": "roads", "measure": "count", "value": "8"}.items() <= next(
        r for r in rows if (r["question"], r["item"], r["measure"]) == ("priority", "roads", "count")).items()
    texts = [r["value"] for r in rows if r["measure"] == "approved_text"]
    assert sorted(texts) == ["'=HYPERLINK(\"http://x\")", "Comment 1"]  # no formula reaches a spreadsheet

    by_age = await platform.reporting.get(f"{path}/breakdown.csv", params={"by": "age_band"}, headers=analyst)
    groups = {row["group"] for row in csv.DictReader(io.StringIO(by_age.text))}
    assert groups == {"25_44", "65_plus"}


async def _moderated(platform: Platform, path: str, headers: dict) -> dict | None:
    found = (await platform.reporting.get(path, headers=headers)).json()
    comments = next(q for q in found["questions"] if q["key"] == "comments")["summary"]
    return comments if comments["moderation"]["pending"] == 27 else None


async def test_embargoed_results_answer_409_until_the_consultation_closes(platform: Platform, token, send):
    analyst = bearer(token("cheshire", "admin"))
    consultation = uuid.uuid4()
    await send(published(consultation, embargoed=True), submitted(consultation, [choice("priority", "asb")]))
    path = f"/v1/consultations/{consultation}/results"
    refused = await eventually(lambda: _status(platform, path, analyst, 409))
    assert refused.json()["detail"] == "results are embargoed until the consultation closes"
    for suffix, params in ((".csv", {}), ("/breakdown", {"by": "sex"}), ("/breakdown.csv", {"by": "area"})):
        later = await platform.reporting.get(f"{path}{suffix}", params=params, headers=analyst)
        assert later.status_code == 409
    await send(closed(consultation))
    results = await results_with(platform, path, analyst, 1)
    assert results["results_embargoed"] is True and results["closed_at"]


async def _status(platform: Platform, path: str, headers: dict, wanted: int):
    found = await platform.reporting.get(path, headers=headers)
    return found if found.status_code == wanted else None


async def test_an_erased_response_leaves_the_results_even_if_the_erasure_came_first(platform: Platform, token, send):
    officer = bearer(token("cheshire", "engagement_officer"))
    consultation = uuid.uuid4()
    kept, withdrawn, early = (submitted(consultation, [choice("priority", key)])
                              for key in ("asb", "roads", "burglary"))
    await send(published(consultation), erased(early), early, kept, withdrawn)
    path = f"/v1/consultations/{consultation}/results"
    await results_with(platform, path, officer, 2)
    await send(erased(withdrawn))
    results = await results_with(platform, path, officer, 1)
    assert [(o["key"], o["count"]) for o in results["questions"][0]["options"]] == [
        ("asb", 1), ("roads", 0), ("burglary", 0)]


async def test_results_are_the_tenants_own_and_need_a_reporting_role(platform: Platform, token, send):
    consultation = uuid.uuid4()
    await send(published(consultation))
    path = f"/v1/consultations/{consultation}/results"
    force_system = bearer(token("cheshire", scopes=("reporting:read",)))
    await eventually(lambda: _status(platform, path, force_system, 200))
    other = bearer(token("dyfed-powys", "admin"))
    for suffix, params in (("", {}), (".csv", {}), ("/breakdown", {"by": "area"}), ("/breakdown.csv", {"by": "sex"})):
        assert (await platform.reporting.get(f"{path}{suffix}", params=params, headers=other)).status_code == 404
        viewer = bearer(token("cheshire", "viewer"))
        assert (await platform.reporting.get(f"{path}{suffix}", params=params, headers=viewer)).status_code == 403
    wrong = await platform.reporting.get(f"{path}/breakdown", params={"by": "postcode"}, headers=force_system)
    assert wrong.status_code == 422
