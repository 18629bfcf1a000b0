"""A staff builder's calls on real PostgreSQL: a draft's questions reordered and routed, a draft Plan's sections
changed with their questions following, a schedule taken away, and what a published consultation refuses."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from peel.consultation.bootstrap import create_app
from peel.consultation.settings import ConsultationSettings
from tests.support.consultations import SURVEY
from tests.support.servers import service_settings, serving
from tests.support.tokens import bearer

pytestmark = pytest.mark.integration
VICTIMS = {"key": "victims", "title": {"en": "Putting victims first", "cy": "Rhoi dioddefwyr yn gyntaf"},
           "summary": {"en": "Support from the first call"}}
ROADS = {"key": "roads", "title": {"en": "Safer roads"}, "summary": {"en": "Fewer deaths"}}
DETAIL = {"key": "detail", "type": "free_text", "text": {"en": "Which roads?", "cy": "Pa ffyrdd?"},
          "required": False, "show_if": {"question": "priority", "equals": "roads"}}


@pytest.fixture
async def consultation(infra, new_database, topic_prefix, key_dir) -> AsyncIterator[httpx.AsyncClient]:
    settings = service_settings(ConsultationSettings, dsn=await new_database(), kafka=infra.kafka_bootstrap,
                                prefix=topic_prefix, key_dir=key_dir)
    async with serving(create_app(settings)) as url, httpx.AsyncClient(base_url=url, timeout=30) as client:
        yield client


async def test_a_builder_reorders_routes_and_reschedules_a_draft(consultation, token):
    officer = bearer(token("cheshire", "engagement_officer"))
    survey = SURVEY | {"opens_at": "2098-01-01T09:00:00Z"}
    consultation_id = (await consultation.post("/v1/consultations", json=survey, headers=officer)).json()["id"]
    priority, comments = SURVEY["questions"]
    path = f"/v1/consultations/{consultation_id}"
    routed = await consultation.patch(path, json={"questions": [comments, priority, DETAIL]}, headers=officer)
    assert [q["key"] for q in routed.json()["questions"]] == ["comments", "priority", "detail"]
    assert routed.json()["questions"][2]["show_if"] == {"question": "priority", "equals": "roads"}
    backwards = await consultation.patch(path, json={"questions": [DETAIL, priority]}, headers=officer)
    assert [e["loc"] for e in backwards.json()["detail"]] == [["body", "questions", 0, "show_if", "question"]]
    unscheduled = await consultation.patch(path, json={"opens_at": None}, headers=officer)
    assert unscheduled.json()["opens_at"] is None
    opened = await consultation.post(f"{path}/publish", headers=officer)
    assert opened.json()["status"] == "open"
    refused = await consultation.patch(path, json={"questions": [priority]}, headers=officer)
    assert refused.status_code == 409


async def test_a_draft_plans_questions_follow_its_sections(consultation, token):
    officer = bearer(token("cheshire", "engagement_officer"))
    body = {"title": {"en": "Draft Plan"}, "kind": "draft_plan", "closes_at": "2099-01-31T23:59:00Z",
            "sections": [VICTIMS]}
    consultation_id = (await consultation.post("/v1/consultations", json=body, headers=officer)).json()["id"]
    path = f"/v1/consultations/{consultation_id}"
    await consultation.patch(path, json={"questions": [SURVEY["questions"][1]]}, headers=officer)
    changed = await consultation.patch(path, json={"sections": [ROADS, VICTIMS]}, headers=officer)
    assert changed.status_code == 200, changed.text
    assert [s["key"] for s in changed.json()["sections"]] == ["roads", "victims"]
    assert [q["key"] for q in changed.json()["questions"]] == [
        "roads_support", "roads_comment", "victims_support", "victims_comment", "comments"]
    not_a_survey_part = await consultation.patch(path, json={"precept": {"band_d_current": "250.00", "options": [
        {"key": "freeze", "change": "0"}, {"key": "plus10", "change": "10"}]}}, headers=officer)
    assert [e["loc"] for e in not_a_survey_part.json()["detail"]] == [["body", "precept"]]
