"""``peel demo``'s consultations loaded into the platform over HTTP: reporting's breakdown by area shows
groups, weighting to the office's population figures converges, and last year's results and outcome are
public."""

from __future__ import annotations

import asyncio
import random

import httpx
import pytest

from peel.cli.demo import seed_consultations
from tests.support.platform import Platform
from tests.support.servers import eventually
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
RESPONSES = 120


async def test_the_demo_office_shows_breakdowns_weighting_and_public_results(platform: Platform, token):
    staff, admin = bearer(token("cheshire", "engagement_officer")), bearer(token("cheshire", "admin"))
    with (httpx.Client(base_url=platform.consultation.base_url, timeout=10) as consultation,
          httpx.Client(base_url=platform.reporting.base_url, timeout=10) as reporting):
        this_year, last_year = await asyncio.to_thread(seed_consultations, consultation, reporting, staff, admin,
                                                       RESPONSES, random.Random(2027))
    path = f"/v1/consultations/{this_year}/results"
    await eventually(lambda: _json(platform, path, staff, lambda found: found["responses"] == RESPONSES))

    by_area = (await platform.reporting.get(f"{path}/breakdown", params={"by": "area"}, headers=staff)).json()
    shown = [group["key"] for group in by_area["groups"] if not group["suppressed"]]
    assert len(shown) >= 2 and "unknown" not in shown
    weighted = (await platform.reporting.get(f"{path}/weighted", headers=staff)).json()
    assert weighted["converged"] and weighted["raked_on"] == ["age_band", "sex"]
    assert weighted["without_respondents"] == [] and weighted["weighted_respondents"] > RESPONSES * 0.7

    public = await eventually(lambda: _json(platform, f"/v1/public/consultations/{last_year}/results", {},
                                            lambda found: found["outcome"] is not None))
    assert public["responses"] == RESPONSES // 2 and public["outcome"]["text"]["cy"]


async def _json(platform: Platform, path: str, headers: dict, ready) -> dict | None:
    found = await platform.reporting.get(path, headers=headers)
    return found.json() if found.status_code == 200 and ready(found.json()) else None
