"""The staff overview on real PostgreSQL with 100,000 responses: each consultation's responses and free texts
awaiting moderation, the Panel questions awaiting a decision, due and overdue; every staff role, one office."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import asyncpg
import httpx
import pytest

from peel.common.working_days import local_date
from peel.consultation.adapters.overview import AWAITING_MODERATION
from peel.consultation.bootstrap import create_app
from peel.consultation.settings import ConsultationSettings
from tests.support.consultations import SURVEY
from tests.support.servers import service_settings, serving
from tests.support.tokens import bearer

pytestmark = pytest.mark.integration
RESPONSES = 100_000
PUBLISHABLE_EVERY = 1_000  # one response in a thousand gives a comment for publishing
CHOICE = json.dumps([{"question": "priority", "type": "single_choice", "options": ["asb"]}])
COMMENT = json.dumps([{"question": "priority", "type": "single_choice", "options": ["roads"]},
                      {"question": "comments", "type": "free_text", "text": "More patrols", "publishable": True}])


@dataclass
class Consultation:
    client: httpx.AsyncClient
    dsn: str


@pytest.fixture
async def service(infra, new_database, topic_prefix, key_dir) -> AsyncIterator[Consultation]:
    dsn = await new_database()
    settings = service_settings(ConsultationSettings, dsn=dsn, kafka=infra.kafka_bootstrap, prefix=topic_prefix,
                                key_dir=key_dir)
    async with serving(create_app(settings)) as url, httpx.AsyncClient(base_url=url, timeout=30) as client:
        yield Consultation(client, dsn)


async def open_survey(client: httpx.AsyncClient, officer: dict) -> str:
    consultation_id = (await client.post("/v1/consultations", json=SURVEY, headers=officer)).json()["id"]
    await client.post(f"/v1/consultations/{consultation_id}/publish", headers=officer)
    return consultation_id


async def many_responses(connection: asyncpg.Connection, consultation_id: str) -> None:
    await connection.execute(
        "INSERT INTO responses (id, consultation_id, tenant, answers, submitted_at) "
        "SELECT gen_random_uuid(), $1, 'cheshire', (CASE WHEN i % $3 = 0 THEN $4 ELSE $5 END)::jsonb, "
        "now() - make_interval(secs => i) FROM generate_series(1, $2) AS i",
        uuid.UUID(consultation_id), RESPONSES, PUBLISHABLE_EVERY, COMMENT, CHOICE)
    await connection.execute("VACUUM ANALYZE responses")


async def panel_questions(connection: asyncpg.Connection, tenant: str = "cheshire") -> dict[str, uuid.UUID]:
    """A meeting with two questions received, one answer due today, one overdue and one answered."""
    meeting, today = uuid.uuid4(), local_date(datetime.now(UTC))
    await connection.execute(
        "INSERT INTO panel_meetings (id, tenant, starts_at, title, venue, notice_working_days, word_limit, "
        "answer_working_days, submissions_close_on, created_at) VALUES ($1, $2, now() + interval '20 days', "
        "$3::jsonb, $3::jsonb, 5, 250, 10, $4, now())",
        meeting, tenant, json.dumps({"en": "June Panel", "cy": "Panel Mehefin"}), today + timedelta(days=13))
    fates = {"received_1": ("received", None), "received_2": ("received", None), "due": ("accepted", today),
             "overdue": ("accepted", today - timedelta(days=1)), "answered": ("answered", today)}
    ids = {name: uuid.uuid4() for name in fates}
    for name, (status, due) in fates.items():
        await connection.execute(
            "INSERT INTO panel_questions (id, meeting_id, tenant, meeting_date, text, word_count, status, "
            "submitted_at, answer_due) VALUES ($1, $2, $3, $4, 'Why?', 1, $5, now(), $6)",
            ids[name], meeting, tenant, today + timedelta(days=20), status, due)
    return ids | {"meeting": meeting}


async def test_the_overview_counts_a_hundred_thousand_responses_for_every_staff_role(service, token):
    officer = bearer(token("cheshire", "engagement_officer"))
    busy, quiet = await open_survey(service.client, officer), await open_survey(service.client, officer)
    connection = await asyncpg.connect(service.dsn)
    try:
        await many_responses(connection, busy)
        panel = await panel_questions(connection)
        plan = "\n".join(row[0] for row in await connection.fetch(
            f"EXPLAIN {AWAITING_MODERATION}", [uuid.UUID(busy)]))
        first_comment = await connection.fetchval(
            "SELECT id FROM responses WHERE consultation_id = $1 AND answers @> $2::jsonb LIMIT 1",
            uuid.UUID(busy), json.dumps([{"type": "free_text", "publishable": True}]))
    finally:
        await connection.close()
    assert "responses_publishable_texts" in plan  # only the responses with a comment to publish are read
    moderated = await service.client.post(
        f"/v1/consultations/{busy}/responses/{first_comment}/moderation",
        json={"question": "comments", "decision": "approved", "reason": "Fine to publish"}, headers=officer)
    assert moderated.status_code == 200, moderated.text

    for role in ("viewer", "analyst", "panel_clerk", "engagement_officer", "admin"):
        found = await service.client.get("/v1/consultations/overview", headers=bearer(token("cheshire", role)))
        assert found.status_code == 200, (role, found.text)
    overview = found.json()
    counts = {c["id"]: (c["responses"], c["awaiting_moderation"], c["status"]) for c in overview["consultations"]}
    assert counts == {busy: (RESPONSES, RESPONSES // PUBLISHABLE_EVERY - 1, "open"), quiet: (0, 0, "open")}
    assert overview["panel"]["awaiting_decision"] == 2
    assert [q["id"] for q in overview["panel"]["due"]] == [str(panel["due"])]
    assert [q["id"] for q in overview["panel"]["overdue"]] == [str(panel["overdue"])]
    assert overview["panel"]["due"][0]["meeting_title"] == {"en": "June Panel", "cy": "Panel Mehefin"}


async def test_another_office_sees_none_of_it(service, token):
    await open_survey(service.client, bearer(token("cheshire", "engagement_officer")))
    connection = await asyncpg.connect(service.dsn)
    try:
        await panel_questions(connection)
    finally:
        await connection.close()
    found = await service.client.get("/v1/consultations/overview", headers=bearer(token("lancashire", "viewer")))
    assert found.json() == {"consultations": [], "panel": {"awaiting_decision": 0, "due": [], "overdue": []}}
    anonymous = await service.client.get("/v1/consultations/overview")
    assert anonymous.status_code == 401
