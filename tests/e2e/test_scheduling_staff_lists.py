"""The staff lists over HTTP: sessions between two days, with a 422 naming a bad day; assemblies with their
staff-only counts, which the public list never shows. The counting itself is in
tests/integration/test_scheduling_staff_lists.py."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.support.platform import Scheduling
from tests.support.scheduling_assemblies import set_up
from tests.support.scheduling_surgeries import schedule
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e


async def test_sessions_are_listed_between_two_days_and_bad_days_are_named(scheduling: Scheduling, token):
    client, officer = scheduling.client, bearer(token("cheshire", "engagement_officer"))
    viewer = bearer(token("cheshire", "viewer"))
    first = date.today() + timedelta(days=20)
    for offset in (0, 1, 2):
        await schedule(scheduling.client, officer, day=(first + timedelta(days=offset)).isoformat())
    between = await client.get("/v1/scheduling/sessions", headers=viewer,
                               params={"from": first.isoformat(), "to": (first + timedelta(days=1)).isoformat()})
    assert between.status_code == 200
    assert [s["day"] for s in between.json()] == [first.isoformat(), (first + timedelta(days=1)).isoformat()]
    assert len((await client.get("/v1/scheduling/sessions", headers=viewer)).json()) == 3

    async def refused(**days: str) -> list:
        answer = await client.get("/v1/scheduling/sessions", headers=viewer, params=days)
        assert answer.status_code == 422, answer.text
        return [error["loc"] for error in answer.json()["detail"]]

    assert await refused(**{"from": "2027-02-30"}) == [["query", "from"]]
    assert await refused(to="next week") == [["query", "to"]]
    assert await refused(**{"from": "2027-03-10", "to": "2027-03-09"}) == [["query", "to"]]
    assert (await client.get("/v1/scheduling/sessions")).status_code == 401


async def test_staff_see_each_assemblys_counts_and_the_public_do_not(scheduling: Scheduling, token):
    officer = bearer(token("cheshire", "engagement_officer"))
    assembly, _ = await set_up(scheduling, officer, households=2)
    listed = await scheduling.client.get("/v1/scheduling/assemblies", headers=bearer(token("cheshire", "viewer")))
    assert [(a["id"], a["offers_awaiting_reply"], a["recommendations_awaiting_response"])
            for a in listed.json()] == [(assembly["id"], 0, 0)]
    public = (await scheduling.client.get("/v1/public/cheshire/assemblies")).json()
    assert [a["id"] for a in public] == [assembly["id"]] and "offers_awaiting_reply" not in public[0]
    assert (await scheduling.client.get("/v1/scheduling/assemblies",
                                        headers=bearer(token("gwent", "admin")))).json() == []
