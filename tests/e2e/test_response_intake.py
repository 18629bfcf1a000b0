"""Responses arriving together share statements; each is stored once, with its event, or refused."""

from __future__ import annotations

import asyncio

import pytest

from tests.support.consultations import create_open
from tests.support.platform import Platform
from tests.support.servers import eventually
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e


async def submit_together(platform: Platform, consultation_id: str, bodies: list[dict],
                          headers: list[dict] | None = None) -> list:
    path = f"/v1/consultations/{consultation_id}/responses"
    headers = headers or [{} for _ in bodies]
    return await asyncio.gather(*(platform.consultation.post(path, json=body, headers=extra)
                                  for body, extra in zip(bodies, headers, strict=True)))


async def test_responses_sent_together_are_each_counted_once(platform: Platform, token):
    officer, analyst = bearer(token("cheshire", "engagement_officer")), bearer(token("cheshire", "analyst"))
    consultation_id = await create_open(platform, officer)
    first = await platform.consultation.post(f"/v1/consultations/{consultation_id}/responses",
                                             json={"answers": {"priority": "roads"}})
    assert first.status_code == 201  # the definition is now known: the rest go many to a statement
    bodies = [{"answers": {"priority": "asb" if n % 3 else "roads"},
               "equality": {"consent": True, "age_band": "35_44"} if n % 2 else None} for n in range(60)]
    replies = await submit_together(platform, consultation_id, bodies)
    assert [reply.status_code for reply in replies] == [201] * 60
    assert len({reply.json()["id"] for reply in replies}) == 60

    async def all_counted() -> dict | None:
        found = await platform.reporting.get(f"/v1/consultations/{consultation_id}/results", headers=analyst)
        return found.json() if found.status_code == 200 and found.json()["responses"] == 61 else None

    results = await eventually(all_counted)
    assert [(o["key"], o["count"]) for o in results["questions"][0]["options"]] == [("asb", 40), ("roads", 21)]


async def test_one_key_sent_many_times_at_once_gives_one_response(platform: Platform, token):
    officer, analyst = bearer(token("cheshire", "engagement_officer")), bearer(token("cheshire", "analyst"))
    consultation_id = await create_open(platform, officer)
    await platform.consultation.post(f"/v1/consultations/{consultation_id}/responses",
                                     json={"answers": {"priority": "roads"}})
    body = {"answers": {"priority": "asb"}}
    replies = await submit_together(platform, consultation_id, [body] * 12,
                                    [{"Idempotency-Key": "same-key"}] * 12)
    assert {reply.status_code for reply in replies} == {201}
    assert len({reply.json()["id"] for reply in replies}) == 1

    async def two_counted() -> bool:
        found = await platform.reporting.get(f"/v1/consultations/{consultation_id}/results", headers=analyst)
        return found.status_code == 200 and found.json()["responses"] == 2

    await eventually(two_counted)
    await asyncio.sleep(1)  # a duplicate would arrive with the others
    found = await platform.reporting.get(f"/v1/consultations/{consultation_id}/results", headers=analyst)
    assert found.json()["responses"] == 2


async def test_after_closing_no_response_is_taken_even_from_a_known_definition(platform: Platform, token):
    officer = bearer(token("cheshire", "engagement_officer"))
    consultation_id = await create_open(platform, officer)
    path = f"/v1/consultations/{consultation_id}/responses"
    assert (await platform.consultation.post(path, json={"answers": {"priority": "asb"}})).status_code == 201
    closing = platform.consultation.post(f"/v1/consultations/{consultation_id}/close", headers=officer)
    during = submit_together(platform, consultation_id, [{"answers": {"priority": "asb"}}] * 20)
    closed, replies = await asyncio.gather(closing, during)
    assert closed.status_code == 200
    assert {reply.status_code for reply in replies} <= {201, 409}
    after = await submit_together(platform, consultation_id, [{"answers": {"priority": "roads"}}] * 5)
    assert [reply.status_code for reply in after] == [409] * 5
    assert all("closed" in reply.json()["detail"] for reply in after)
