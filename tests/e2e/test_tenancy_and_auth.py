"""No token: 401. Wrong role: 403. Another tenant's resource: 404. Public endpoints are rate-limited."""

from __future__ import annotations

import httpx
import pytest

from peel.consultation.bootstrap import create_app
from peel.consultation.settings import ConsultationSettings
from tests.support.consultations import SURVEY
from tests.support.platform import Platform
from tests.support.servers import eventually, service_settings, serving
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e


async def test_staff_endpoints_need_a_valid_token(platform: Platform, token):
    missing = await platform.consultation.post("/v1/consultations", json=SURVEY)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    garbage = await platform.consultation.post("/v1/consultations", json=SURVEY, headers=bearer("not-a-jwt"))
    assert garbage.status_code == 401
    wrong_audience = bearer(token("cheshire", "admin", audience="someone-else"))
    refused = await platform.consultation.post("/v1/consultations", json=SURVEY, headers=wrong_audience)
    assert refused.status_code == 401
    expired = bearer(token("cheshire", "admin", ttl=-60))
    assert (await platform.reporting.get("/v1/consultations/x/results", headers=expired)).status_code == 401


async def test_roles_and_scopes_decide_what_is_allowed(platform: Platform, token):
    viewer = bearer(token("cheshire", "viewer"))
    assert (await platform.consultation.post("/v1/consultations", json=SURVEY, headers=viewer)).status_code == 403
    force_system = bearer(token("cheshire", scopes=("consultations:write",)))
    created = await platform.consultation.post("/v1/consultations", json=SURVEY, headers=force_system)
    assert created.status_code == 201
    consultation_id = created.json()["id"]
    assert (await platform.consultation.get(f"/v1/consultations/{consultation_id}", headers=viewer)).status_code == 200
    results = f"/v1/consultations/{consultation_id}/results"
    assert (await platform.reporting.get(results, headers=viewer)).status_code == 403
    assert (await platform.reporting.get(results, headers=bearer(token("cheshire", "panel_clerk")))).status_code == 403


async def test_another_tenants_consultation_and_results_are_not_found(platform: Platform, token):
    cheshire = bearer(token("cheshire", "admin"))
    dyfed = bearer(token("dyfed-powys", "admin"))
    created = await platform.consultation.post("/v1/consultations", json=SURVEY, headers=cheshire)
    consultation_id = created.json()["id"]
    assert (await platform.consultation.get(f"/v1/consultations/{consultation_id}", headers=dyfed)).status_code == 404
    publish = await platform.consultation.post(f"/v1/consultations/{consultation_id}/publish", headers=dyfed)
    assert publish.status_code == 404
    await platform.consultation.post(f"/v1/consultations/{consultation_id}/publish", headers=cheshire)
    results = f"/v1/consultations/{consultation_id}/results"
    await eventually(lambda: _status(platform, results, cheshire, 200))
    assert (await platform.reporting.get(results, headers=dyfed)).status_code == 404


async def _status(platform: Platform, path: str, headers: dict, wanted: int) -> bool:
    return (await platform.reporting.get(path, headers=headers)).status_code == wanted


async def test_public_endpoints_are_rate_limited_per_client_address(infra, database, topic_prefix, key_dir):
    settings = service_settings(ConsultationSettings, dsn=database, kafka=infra.kafka_bootstrap, prefix=topic_prefix,
                                key_dir=key_dir, public_rate_limit_per_minute=3)
    path = "/v1/public/consultations/5f0c3b5e-0000-4000-8000-000000000000"
    async with serving(create_app(settings)) as url, httpx.AsyncClient(base_url=url) as client:
        first = {"X-Forwarded-For": "203.0.113.7"}
        statuses = [(await client.get(path, headers=first)).status_code for _ in range(4)]
        limited = await client.get(path, headers=first)
        other_resident = await client.get(path, headers={"X-Forwarded-For": "198.51.100.20"})
    assert statuses == [404, 404, 404, 429]
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
    assert other_resident.status_code == 404
