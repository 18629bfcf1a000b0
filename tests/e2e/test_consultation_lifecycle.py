"""Issue contract additions over HTTP: close, the clock, Idempotency-Key, erasure reaching reporting."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta

import pytest

from tests.support.consultations import SURVEY
from tests.support.platform import Platform
from tests.support.servers import eventually
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e


async def open_survey(platform: Platform, officer: dict, **changes) -> str:
    body = copy.deepcopy(SURVEY) | changes
    created = await platform.consultation.post("/v1/consultations", json=body, headers=officer)
    assert created.status_code == 201, created.text
    consultation_id = created.json()["id"]
    assert (await platform.consultation.post(f"/v1/consultations/{consultation_id}/publish",
                                             headers=officer)).status_code == 200
    return consultation_id


async def respond(platform: Platform, consultation_id: str, answers: dict, **extra):
    return await platform.consultation.post(f"/v1/consultations/{consultation_id}/responses",
                                            json={"answers": answers, **extra.pop("body", {})}, **extra)


async def counted(platform: Platform, consultation_id: str, analyst: dict, expected: int) -> dict | None:
    found = await platform.reporting.get(f"/v1/consultations/{consultation_id}/results", headers=analyst)
    return found.json() if found.status_code == 200 and found.json()["responses"] == expected else None


async def test_closing_refuses_later_responses(platform: Platform, token):
    officer = bearer(token("cheshire", "engagement_officer"))
    consultation_id = await open_survey(platform, officer)
    closed = await platform.consultation.post(f"/v1/consultations/{consultation_id}/close", headers=officer)
    assert (closed.status_code, closed.json()["status"]) == (200, "closed")
    late = await respond(platform, consultation_id, {"priority": "asb"})
    assert late.status_code == 409 and "closed" in late.json()["detail"]


async def test_the_clock_closes_a_consultation_at_its_closing_time(platform: Platform, token):
    officer = bearer(token("cheshire", "engagement_officer"))
    closes_at = (datetime.now(UTC) + timedelta(seconds=2)).isoformat()
    consultation_id = await open_survey(platform, officer, closes_at=closes_at)

    async def closed() -> bool:
        found = await platform.consultation.get(f"/v1/consultations/{consultation_id}", headers=officer)
        return found.json()["status"] == "closed"

    await eventually(closed, within=30, every=0.5)


async def test_a_retried_submission_returns_the_same_response_and_counts_once(platform: Platform, token):
    officer, analyst = bearer(token("cheshire", "engagement_officer")), bearer(token("cheshire", "analyst"))
    consultation_id = await open_survey(platform, officer)
    key = {"Idempotency-Key": "b0a5e5c2-retry-1"}
    first = await respond(platform, consultation_id, {"priority": "roads"}, headers=key)
    again = await respond(platform, consultation_id, {"priority": "roads"}, headers=key)
    assert (first.status_code, again.status_code) == (201, 201)
    assert first.json()["id"] == again.json()["id"]
    reused = await respond(platform, consultation_id, {"priority": "asb"}, headers=key)
    assert reused.status_code == 409
    await respond(platform, consultation_id, {"priority": "asb"})
    results = await eventually(lambda: counted(platform, consultation_id, analyst, 2))
    assert [o["count"] for o in results["questions"][0]["options"]] == [1, 1]


async def test_erasure_reaches_reporting(platform: Platform, token):
    officer, admin = bearer(token("cheshire", "engagement_officer")), bearer(token("cheshire", "admin"))
    consultation_id = await open_survey(platform, officer)
    kept = await respond(platform, consultation_id, {"priority": "asb"})
    erased = await respond(platform, consultation_id, {"priority": "roads"})
    withdrawn = await respond(platform, consultation_id, {"priority": "roads"})
    await eventually(lambda: counted(platform, consultation_id, admin, 3))
    base = f"/v1/consultations/{consultation_id}/responses"
    assert (await platform.consultation.post(f"{base}/{erased.json()['id']}/erase", headers=officer)).status_code == 403
    assert (await platform.consultation.post(f"{base}/{erased.json()['id']}/erase", headers=admin)).status_code == 200
    token_body = {"withdrawal_token": withdrawn.json()["withdrawal_token"]}
    assert (await platform.consultation.post(f"{base}/{withdrawn.json()['id']}/withdraw",
                                             json=token_body)).status_code == 200
    results = await eventually(lambda: counted(platform, consultation_id, admin, 1))
    assert [(o["key"], o["count"]) for o in results["questions"][0]["options"]] == [("asb", 1), ("roads", 0)]
    assert kept.status_code == 201


async def test_areas_from_csv_and_moderation(platform: Platform, token):
    admin = bearer(token("cheshire", "admin"))
    csv = "postcode_district,area_key,area_name\nCW1,cheshire_east,Cheshire East\nWA1,warrington,Warrington\n"
    loaded = await platform.consultation.put("/v1/areas", content=csv, headers=admin | {"content-type": "text/csv"})
    assert loaded.json() == {"postcode_districts": 2}
    bad = await platform.consultation.put("/v1/areas", content="district\nCW1\n", headers=admin)
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "csv", 1]
    assert [a["area_key"] for a in (await platform.consultation.get("/v1/areas", headers=admin)).json()] == [
        "cheshire_east", "warrington"]
    consultation_id = await open_survey(platform, admin)
    response = await respond(platform, consultation_id, {"priority": "asb", "comments": "More patrols please"},
                             body={"postcode": "cw1 2ab", "publish_consent": True,
                                   "equality": {"consent": True, "age_band": "35_44"}})
    assert response.status_code == 201, response.text
    no_consent = await respond(platform, consultation_id, {"priority": "asb"},
                               body={"equality": {"consent": False, "age_band": "35_44"}})
    assert no_consent.status_code == 422 and no_consent.json()["detail"][0]["loc"][-1] == "consent"
    moderated = await platform.consultation.post(
        f"/v1/consultations/{consultation_id}/responses/{response.json()['id']}/moderation",
        json={"question": "comments", "decision": "approved", "reason": "no personal details"}, headers=admin)
    assert moderated.json() == {"status": "approved"}


async def test_a_correction_keeps_the_welsh_and_its_history_is_kept(platform: Platform, token):
    officer = bearer(token("cheshire", "engagement_officer"))
    consultation_id = await open_survey(platform, officer, summary={"en": "Tell us", "cy": "Dywedwch wrthym"})
    url = f"/v1/consultations/{consultation_id}"
    corrected = await platform.consultation.patch(url, headers=officer, json={
        "title": {"en": "Our policing priorities"}, "texts": {"questions.priority.options.asb": {"cy": "Ymddygiad"}}})
    assert corrected.status_code == 200, corrected.text
    assert corrected.json()["title"] == {"en": "Our policing priorities", "cy": "Blaenoriaethau plismona"}
    unknown = await platform.consultation.patch(url, headers=officer, json={"texts": {"nothing.here": {"en": "x"}}})
    assert unknown.status_code == 422 and unknown.json()["detail"][0]["loc"] == ["body", "texts", "nothing.here"]
    history = (await platform.consultation.get(f"{url}/corrections", headers=officer)).json()
    assert [(c["field"], c["before"]["en"], c["after"]["cy"]) for c in history] == [
        ("questions.priority.options.asb", "Anti-social behaviour", "Ymddygiad"),
        ("title", "Policing priorities", "Blaenoriaethau plismona")]
    assert len({(c["editor"], c["version"]) for c in history}) == 1
    form = (await platform.consultation.get(f"/v1/public/offices/cheshire/consultations/{consultation_id}")).json()
    assert (form["office"], form["summary"]["cy"]) == ("cheshire", "Dywedwch wrthym")
    assert form["questions"][0]["options"][0]["text"] == {"en": "Anti-social behaviour", "cy": "Ymddygiad"}
    elsewhere = await platform.consultation.get(f"/v1/public/offices/dyfed-powys/consultations/{consultation_id}")
    assert elsewhere.status_code == 404


async def test_an_open_consultation_is_extended_and_its_outcome_shown_after_closing(platform: Platform, token):
    officer = bearer(token("cheshire", "engagement_officer"))
    consultation_id = await open_survey(platform, officer)
    url = f"/v1/consultations/{consultation_id}"
    extended = await platform.consultation.post(f"{url}/closing/extend", headers=officer,
                                                json={"closes_at": "2099-03-31T23:59:00Z"})
    assert (extended.status_code, extended.json()["closes_at"]) == (200, "2099-03-31T23:59:00Z"), extended.text
    earlier = await platform.consultation.post(f"{url}/closing/extend", headers=officer,
                                               json={"closes_at": "2099-02-01T00:00:00Z"})
    assert earlier.status_code == 422 and earlier.json()["detail"][0]["loc"] == ["body", "closes_at"]
    await platform.consultation.post(f"{url}/close", headers=officer)
    closed = await platform.consultation.post(f"{url}/closing/extend", headers=officer,
                                              json={"closes_at": "2099-04-30T23:59:00Z"})
    assert closed.status_code == 409 and "is closed" in closed.json()["detail"]
    outcome = {"en": "We added patrols", "cy": "Fe wnaethom ychwanegu patrolau"}
    assert (await platform.consultation.post(f"{url}/outcome", headers=officer,
                                             json={"outcome": outcome})).status_code == 200
    form = (await platform.consultation.get(f"/v1/public/consultations/{consultation_id}")).json()
    assert form["outcome"] == outcome
