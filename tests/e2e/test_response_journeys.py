"""A resident's one-question-a-page journey checks its answers as it goes; staff work through the moderation queue."""

from __future__ import annotations

import pytest

from tests.support.consultations import create_open
from tests.support.platform import Platform
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e


async def test_a_journey_checks_its_answers_page_by_page_until_the_consultation_closes(platform: Platform, token):
    officer = bearer(token("cheshire", "engagement_officer"))
    consultation_id = await create_open(platform, officer)
    path = f"/v1/public/consultations/{consultation_id}/check-answers"

    async def check(answers: dict) -> dict:
        checked = await platform.consultation.post(path, json={"answers": answers})
        assert checked.status_code == 200, checked.text
        return checked.json()

    assert await check({}) == {"errors": [], "next_question": "priority", "all_answered": False}
    assert (await check({"priority": "dragons"}))["errors"][0]["loc"] == ["body", "answers", "priority"]
    assert (await check({"priority": "asb"}))["next_question"] == "comments"
    assert await check({"priority": "asb", "comments": None}) == {"errors": [], "next_question": None,
                                                                  "all_answered": True}
    await platform.consultation.post(f"/v1/consultations/{consultation_id}/close", headers=officer)
    closed = await platform.consultation.post(path, json={"answers": {}})
    assert closed.status_code == 409 and "is closed" in closed.json()["detail"]
    assert "can still be withdrawn" in closed.json()["detail"]


async def test_staff_page_through_the_moderation_queue_and_read_the_log(platform: Platform, token):
    officer = bearer(token("cheshire", "engagement_officer"))
    consultation_id = await create_open(platform, officer)
    texts = ["More patrols", "Private", "Speed cameras on the A49"]
    ids = []
    for text in texts:
        body = {"answers": {"priority": "roads", "comments": text}, "publish_consent": text != "Private"}
        submitted = await platform.consultation.post(f"/v1/consultations/{consultation_id}/responses", json=body)
        ids.append(submitted.json()["id"])
    queue = f"/v1/consultations/{consultation_id}/moderation"
    first = (await platform.consultation.get(queue, params={"limit": 1}, headers=officer)).json()
    assert [item["text"] for item in first["items"]] == ["More patrols"]
    rest = await platform.consultation.get(queue, params={"after": first["next_after"]}, headers=officer)
    assert [(item["response_id"], item["text"]) for item in rest.json()["items"]] == [
        (ids[2], "Speed cameras on the A49")]
    assert rest.json()["next_after"] is None

    decided = await platform.consultation.post(
        f"/v1/consultations/{consultation_id}/responses/{ids[0]}/moderation",
        json={"question": "comments", "decision": "approved", "reason": "no personal details"}, headers=officer)
    assert decided.status_code == 200
    assert [item["response_id"] for item in (await platform.consultation.get(queue, headers=officer)).json()["items"]
            ] == [ids[2]]
    [entry] = (await platform.consultation.get(f"{queue}/log", headers=officer)).json()["items"]
    assert (entry["response_id"], entry["question"], entry["decision"], entry["reason"]) == (
        ids[0], "comments", "approved", "no personal details")
    assert entry["moderator"] and entry["moderated_at"]

    bad = await platform.consultation.get(queue, params={"after": "yesterday"}, headers=officer)
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "after"]
    elsewhere = bearer(token("dyfed-powys", "engagement_officer"))
    assert (await platform.consultation.get(queue, headers=elsewhere)).status_code == 404
    assert (await platform.consultation.get(f"{queue}/log", headers=elsewhere)).status_code == 404
