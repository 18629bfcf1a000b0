"""Staff create and publish a consultation, residents respond, reporting shows the counts."""

from __future__ import annotations

import copy

import pytest

from tests.support.consultations import SURVEY, create_open
from tests.support.platform import Platform
from tests.support.servers import eventually
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e


async def test_a_response_reaches_the_results_in_reporting(platform: Platform, token):
    officer, analyst = bearer(token("cheshire", "engagement_officer")), bearer(token("cheshire", "analyst"))
    consultation_id = await create_open(platform, officer)
    for answers in ({"priority": "asb", "comments": "More patrols"}, {"priority": "asb"}, {"priority": "roads"}):
        submitted = await platform.consultation.post(f"/v1/consultations/{consultation_id}/responses",
                                                     json={"answers": answers})
        assert submitted.status_code == 201, submitted.text
        assert submitted.json()["id"]

    async def three_responses() -> dict | None:
        found = await platform.reporting.get(f"/v1/consultations/{consultation_id}/results", headers=analyst)
        return found.json() if found.status_code == 200 and found.json()["responses"] == 3 else None

    results = await eventually(three_responses)
    assert results["consultation_id"] == consultation_id
    priority, comments = results["questions"]
    assert [(o["key"], o["count"]) for o in priority["options"]] == [("asb", 2), ("roads", 1)]
    assert (comments["key"], comments["answered"]) == ("comments", 1)


async def test_bad_answers_get_422_naming_each_field(platform: Platform, token):
    consultation_id = await create_open(platform, bearer(token("cheshire", "admin")))
    refused = await platform.consultation.post(
        f"/v1/consultations/{consultation_id}/responses",
        json={"answers": {"priority": "dragons", "comments": "x" * 2001, "shoe_size": 9}},
    )
    assert refused.status_code == 422
    reasons = {tuple(error["loc"]): error["msg"] for error in refused.json()["detail"]}
    assert reasons == {
        ("body", "answers", "shoe_size"): "no such question",
        ("body", "answers", "priority"): "'dragons' is not an option; choose from ['asb', 'roads']",
        ("body", "answers", "comments"): "is 2001 characters long; the limit is 2000",
    }


async def test_malformed_bodies_get_422_naming_the_field(platform: Platform, token):
    officer = bearer(token("cheshire", "engagement_officer"))
    body = copy.deepcopy(SURVEY)
    body["questions"][0]["options"] = [{"key": "asb", "text": {"en": "Only one"}}]
    body["closes_at"] = "next tuesday"
    refused = await platform.consultation.post("/v1/consultations", json=body, headers=officer)
    assert refused.status_code == 422
    locations = {tuple(error["loc"]) for error in refused.json()["detail"]}
    assert ("body", "closes_at") in locations
    assert ("body", "questions", 0, "single_choice", "options") in locations
    not_json = await platform.consultation.post("/v1/consultations/00000000-0000-0000-0000-000000000000/responses",
                                                content=b"{", headers={"content-type": "application/json"})
    assert not_json.status_code == 422


async def test_drafts_refuse_responses_with_409_and_unknown_ids_404(platform: Platform, token):
    officer = bearer(token("cheshire", "engagement_officer"))
    draft = (await platform.consultation.post("/v1/consultations", json=SURVEY, headers=officer)).json()["id"]
    refused = await platform.consultation.post(f"/v1/consultations/{draft}/responses",
                                               json={"answers": {"priority": "asb"}})
    assert refused.status_code == 409 and "draft" in refused.json()["detail"]
    assert (await platform.consultation.get(f"/v1/public/consultations/{draft}")).status_code == 404
    twice = await platform.consultation.post(f"/v1/consultations/{draft}/publish", headers=officer)
    assert twice.status_code == 200
    again = await platform.consultation.post(f"/v1/consultations/{draft}/publish", headers=officer)
    assert again.status_code == 409
    unknown = await platform.consultation.post("/v1/consultations/5f0c3b5e-0000-4000-8000-000000000000/responses",
                                               json={"answers": {}})
    assert unknown.status_code == 404
    not_a_uuid = await platform.consultation.post("/v1/consultations/banana/responses", json={"answers": {}})
    assert not_a_uuid.status_code == 422


async def test_residents_see_the_published_form_and_bulletins_queue_it(platform: Platform, token):
    officer = bearer(token("cheshire", "engagement_officer"))
    consultation_id = await create_open(platform, officer)
    form = await platform.consultation.get(f"/v1/public/consultations/{consultation_id}")
    assert form.status_code == 200
    assert form.json()["title"] == {"en": "Policing priorities", "cy": "Blaenoriaethau plismona"}
    assert "tenant" not in form.json()

    async def queued() -> list | None:
        items = (await platform.notifications.get("/v1/bulletins/next/items", headers=officer)).json()
        return items or None

    [item] = await eventually(queued)
    assert (item["source_id"], item["kind"]) == (consultation_id, "consultation_opened")


async def test_health_readiness_and_openapi(platform: Platform):
    for client in (platform.consultation, platform.reporting, platform.notifications):
        assert (await client.get("/healthz")).json() == {"status": "ok"}
        ready = await eventually(lambda client=client: _ready(client))
        assert ready["checks"] == {"database": "ok", "kafka": "ok"}
        assert (await client.get("/openapi.json")).status_code == 200
        assert (await client.get("/docs")).status_code == 200


async def _ready(client) -> dict | None:
    response = await client.get("/readyz")
    return response.json() if response.status_code == 200 else None
