"""The actions an email's links lead to, as their pages will use them: the token in the query, in a JSON body
or in a form, with the same checks; a GET on an action points at its pages instead of a bare 405."""

from __future__ import annotations

import random

import pytest

from tests.support.platform import Scheduling
from tests.support.scheduling_assemblies import Clock, register, set_up, volunteer
from tests.support.scheduling_surgeries import book, schedule
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e


async def test_a_booking_is_moved_and_cancelled_with_the_token_in_the_body(scheduling: Scheduling, token):
    client = scheduling.client
    session = await schedule(client, bearer(token("cheshire", "admin")))
    booked = (await book(client, session["id"], 1)).json()
    path, secret = f"/v1/bookings/{booked['id']}", booked["token"]
    moved = await client.post(f"{path}/reschedule", json={"slot": 2, "token": secret})
    assert moved.status_code == 200 and moved.json()["slot"]["number"] == 2, moved.text
    moved_by_form = await client.post(f"{path}/reschedule", data={"slot": "0", "token": secret})
    assert moved_by_form.status_code == 200 and moved_by_form.json()["slot"]["number"] == 0, moved_by_form.text

    wrong = await client.post(f"{path}/cancel", data={"token": "x" * 43})
    assert wrong.status_code == 404
    for refused in (await client.post(f"{path}/cancel", data={"token": "short"}),
                    await client.post(f"{path}/cancel", json={"token": 12}), await client.post(f"{path}/cancel")):
        assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == ["body", "token"], refused.text
    differing = await client.post(f"{path}/cancel", params={"token": secret}, data={"token": "y" * 43})
    assert differing.status_code == 422 and differing.json()["detail"][0]["loc"] == ["body", "token"]
    cancelled = await client.post(f"{path}/cancel", data={"token": secret})
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"


async def test_a_get_on_an_action_answers_405_with_its_pages(scheduling: Scheduling, token):
    client = scheduling.client
    session = await schedule(client, bearer(token("cheshire", "admin")))
    booked = (await book(client, session["id"], 1)).json()
    pointed = await client.get(f"/v1/bookings/{booked['id']}/cancel", params={"token": booked["token"]})
    assert pointed.status_code == 405 and pointed.headers["allow"] == "POST"
    assert pointed.json()["pages"] == {
        "en": {"cancel": f"/en/bookings/{booked['id']}/cancel?token={booked['token']}"},
        "cy": {"cancel": f"/cy/bookings/{booked['id']}/cancel?token={booked['token']}"}}
    assert "POST" in pointed.json()["detail"]
    still = await client.get(f"/v1/bookings/{booked['id']}", params={"token": booked["token"]})
    assert still.json()["status"] == "confirmed"


async def test_a_registrant_withdraws_with_a_form_and_a_get_on_the_reply_points_at_its_pages(scheduling: Scheduling,
                                                                                            token):
    staff, clock = bearer(token("cheshire", "engagement_officer")), Clock(scheduling)
    assembly, codes = await set_up(scheduling, staff, households=2)
    registered = (await register(scheduling, clock, assembly["id"], volunteer(0, codes[0], random.Random(1)))).json()
    page = f"/v1/public/assemblies/{assembly['id']}/registrations/{registered['registrant_id']}"
    pointed = await scheduling.client.get(f"{page}/reply")
    assert pointed.status_code == 405 and pointed.headers["allow"] == "POST"
    assert set(pointed.json()["pages"]["cy"]) == {"confirm", "decline"}
    assert pointed.json()["pages"]["cy"]["decline"].startswith(
        f"/cy/assemblies/{assembly['id']}/registrations/{registered['registrant_id']}/decline-place?token=")
    not_selected = await scheduling.client.post(f"{page}/reply", data={"token": registered["withdrawal_token"],
                                                                        "confirmed": "true"})
    assert not_selected.status_code == 409
    withdrawn = await scheduling.client.post(f"{page}/withdraw", data={"token": registered["withdrawal_token"]})
    assert withdrawn.status_code == 200 and withdrawn.json() == {"status": "withdrawn"}
