"""The audit trail through the real consultation service on real PostgreSQL: a staff action accepted is in the
office's trail before its answer arrives; a refused call, a resident's call and another office write nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import asyncpg
import httpx
import pytest

from peel.consultation.bootstrap import create_app
from peel.consultation.settings import ConsultationSettings
from tests.support.consultations import SURVEY
from tests.support.servers import service_settings, serving
from tests.support.tokens import bearer

pytestmark = pytest.mark.integration


@pytest.fixture
async def consultation(infra, new_database: Callable[[], Awaitable[str]], topic_prefix: str,
                       key_dir: Path) -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    dsn = await new_database()
    settings = service_settings(ConsultationSettings, dsn=dsn, kafka=infra.kafka_bootstrap, prefix=topic_prefix,
                                key_dir=key_dir)
    async with serving(create_app(settings)) as url, httpx.AsyncClient(base_url=url, timeout=10) as client:
        yield client, dsn


async def rows(dsn: str) -> int:
    connection = await asyncpg.connect(dsn)
    try:
        return await connection.fetchval("SELECT count(*) FROM audit_log")
    finally:
        await connection.close()


async def test_a_staff_publish_is_in_the_offices_trail_and_nothing_else_is(consultation, token):
    client, dsn = consultation
    officer, admin = bearer(token("cheshire", "engagement_officer")), bearer(token("cheshire", "admin"))
    created = await client.post("/v1/consultations", json=SURVEY, headers=officer)
    consultation_id = created.json()["id"]
    refused = await client.post(f"/v1/consultations/{consultation_id}/publish",
                                headers=bearer(token("cheshire", "viewer")))
    assert refused.status_code == 403
    published = await client.post(f"/v1/consultations/{consultation_id}/publish", headers=officer)
    assert published.status_code == 200
    responded = await client.post(f"/v1/consultations/{consultation_id}/responses",
                                  json={"answers": {"priority": "asb"}})
    assert responded.status_code in (201, 202), responded.text

    trail = (await client.get("/v1/audit", headers=admin)).json()["entries"]
    assert [(e["action"], e["route"], e["resource_ids"]) for e in trail] == [
        ("publish", "/v1/consultations/{consultation_id}/publish", {"consultation_id": consultation_id}),
        ("consultations", "/v1/consultations", {}),
    ]
    assert trail[0]["roles"] == ["engagement_officer"] and trail[0]["service"] == "consultation"
    assert await rows(dsn) == 2


async def test_the_trail_is_filtered_and_kept_to_the_office(consultation, token):
    client, _ = consultation
    officer, admin = bearer(token("cheshire", "engagement_officer")), bearer(token("cheshire", "admin"))
    first = (await client.post("/v1/consultations", json=SURVEY, headers=officer)).json()["id"]
    await client.post("/v1/consultations", json=SURVEY, headers=admin)
    await client.post(f"/v1/consultations/{first}/publish", headers=officer)

    about_first = (await client.get("/v1/audit", params={"resource": first}, headers=admin)).json()["entries"]
    assert [e["action"] for e in about_first] == ["publish"]
    subject = about_first[0]["subject"]
    by_officer = (await client.get("/v1/audit", params={"actor": subject}, headers=admin)).json()["entries"]
    assert [e["action"] for e in by_officer] == ["publish", "consultations"]
    assert len((await client.get("/v1/audit", params={"limit": 1}, headers=admin)).json()["entries"]) == 1
    later = (await client.get("/v1/audit", params={"since": "2099-01-01T00:00:00Z"}, headers=admin)).json()
    assert later["entries"] == []
    elsewhere = await client.get("/v1/audit", headers=bearer(token("dorset", "admin")))
    assert (elsewhere.status_code, elsewhere.json()["entries"]) == (200, [])
    assert (await client.get("/v1/audit", params={"limit": 501}, headers=admin)).status_code == 422
