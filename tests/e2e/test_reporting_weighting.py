"""Population figures uploaded over HTTP, and results weighted to them (the hand-worked raking example)."""

from __future__ import annotations

import math
import uuid
from collections.abc import AsyncIterator

import pytest

from peel.common.contracts.consultation import EqualityBands
from tests.support.platform import Platform
from tests.support.reporting_events import choice, published, submitted
from tests.support.reporting_service import consultation_events
from tests.support.servers import eventually
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
A = (-90 + math.sqrt(13860)) / 2  # see tests/unit/test_reporting_weighting.py
POPULATION = ("\ufeffarea,dimension,category,count\n"
              "halton,sex,female,600\nhalton,sex,male,400\nhalton,age_band,young,300\nhalton,age_band,old,700\n")
SAMPLE = {("female", "young"): 20, ("female", "old"): 30, ("male", "young"): 30, ("male", "old"): 20}


@pytest.fixture
async def send(infra, topic_prefix) -> AsyncIterator:
    async with consultation_events(infra.kafka_bootstrap, topic_prefix) as publish:
        yield publish


async def test_results_weighted_by_raking_to_uploaded_population_figures(platform: Platform, token, send):
    analyst = bearer(token("cheshire", "analyst"))
    consultation = uuid.uuid4()
    responses = [
        submitted(consultation, [choice("priority", "asb" if (sex, age) == ("female", "young") else "roads")],
                  area="halton", equality=EqualityBands(sex=sex, age_band=age))
        for (sex, age), count in SAMPLE.items() for _ in range(count)
    ]
    unweighable = submitted(consultation, [choice("priority", "asb")], area="unknown")
    await send(published(consultation), *responses, unweighable)
    path = f"/v1/consultations/{consultation}/results/weighted"

    refused = await eventually(lambda: _status(platform, path, analyst, 409))
    assert "no population figures" in refused.json()["detail"]
    uploaded = await platform.reporting.put("/v1/populations", content=POPULATION.encode(),
                                            headers={**analyst, "content-type": "text/csv"})
    assert uploaded.json() == {"figures": 4, "areas": 1, "dimensions": ["age_band", "sex"]}

    weighted = (await eventually(lambda: _weighted(platform, path, analyst, 101))).json()
    assert (weighted["weighted_respondents"], weighted["left_out"], weighted["converged"]) == (100, 1, True)
    assert weighted["raked_on"] == ["age_band", "sex"]
    assert weighted["effective_sample_size"] == pytest.approx(84.95, abs=0.01)
    assert weighted["margin_of_error"] == pytest.approx(0.1063, abs=1e-4)
    priority = weighted["questions"][0]
    assert [q["key"] for q in weighted["questions"]] == ["priority", "also", "safety"]
    asb = priority["options"][0]
    assert (asb["count"], asb["share"]) == (round(A, 2), round(A / 100, 4))
    only_sex = (await platform.reporting.get(path, params={"rake": "sex"}, headers=analyst)).json()
    assert only_sex["raked_on"] == ["sex"]
    assert only_sex["questions"][0]["options"][0]["count"] == pytest.approx(20 * 60 / 50, abs=0.01)
    missing = await platform.reporting.get(path, params={"rake": "ethnicity"}, headers=analyst)
    assert missing.status_code == 409
    await _trimmed_to_a_cap(platform, path, analyst, weighted)


async def _trimmed_to_a_cap(platform: Platform, path: str, analyst: dict, untrimmed: dict) -> None:
    """Capped at 1.5 times the mean weight: see tests/unit/test_reporting_trimming.py."""
    assert untrimmed["trimming"]["applied"] is False and untrimmed["trimming"]["cap"] == 5.0
    trimmed = (await platform.reporting.get(path, params={"cap": "1.5"}, headers=analyst)).json()
    assert trimmed["trimming"] == {"cap": 1.5, "floor": 0.2, "applied": True, "weights_trimmed": 30,
                                   "largest_weight": 1.5, "margins_met": True}
    assert trimmed["questions"][0]["options"][0]["count"] == pytest.approx(15, abs=0.01)
    for nonsense in ({"cap": "1"}, {"cap": "0.5"}, {"floor": "1"}, {"floor": "-0.1"}, {"cap": "lots"}):
        refused = await platform.reporting.get(path, params=nonsense, headers=analyst)
        assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == ["query", *nonsense]


async def _status(platform: Platform, path: str, headers: dict, wanted: int):
    found = await platform.reporting.get(path, headers=headers)
    return found if found.status_code == wanted else None


async def _weighted(platform: Platform, path: str, headers: dict, respondents: int):
    found = await platform.reporting.get(path, headers=headers)
    return found if found.status_code == 200 and found.json()["respondents"] == respondents else None


async def test_population_uploads_are_checked_and_kept_per_tenant(platform: Platform, token):
    analyst, officer = bearer(token("cheshire", "analyst")), bearer(token("cheshire", "engagement_officer"))
    csv = {"content-type": "text/csv"}
    bad = await platform.reporting.put("/v1/populations", content=b"area,dimension,category,count\nhalton,sex,f,x\n",
                                       headers={**analyst, **csv})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "csv", 2, "count"]
    forbidden = await platform.reporting.put("/v1/populations", content=POPULATION.encode(), headers={**officer, **csv})
    assert forbidden.status_code == 403
    await platform.reporting.put("/v1/populations", content=POPULATION.encode(), headers={**analyst, **csv})
    figures = (await platform.reporting.get("/v1/populations", headers=officer)).json()
    assert figures[0] == {"area": "halton", "dimension": "age_band", "category": "old", "count": 700}
    other = bearer(token("dyfed-powys", "analyst"))
    assert (await platform.reporting.get("/v1/populations", headers=other)).json() == []
