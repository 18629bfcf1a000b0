"""Every service answers text PostgreSQL cannot store with a 422 naming the field, and stores nothing; the same
request without it succeeds."""

from __future__ import annotations

import json

import pytest

from tests.support.consultations import SURVEY, create_open
from tests.support.platform import Platform, Scheduling
from tests.support.receipts import VALUES
from tests.support.scheduling_surgeries import PERSON, VENUE, book, schedule
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
CSV = {"content-type": "text/csv"}
JSON = {"content-type": "application/json"}
FORM = {"content-type": "application/x-www-form-urlencoded"}
MOST_BYTES = 10 * 2**20
TOO_LARGE = f"the request body is larger than {MOST_BYTES} bytes, the most this service accepts"
AREAS = "postcode_district,area_key,area_name\nCW1,cheshire_east,Cheshire{nul} East\n"
POPULATION = "area,dimension,category,count\nhalton,sex,female,600\nhal{nul}ton,sex,male,400\n"


def escaped(body: dict) -> bytes:
    """JSON as most clients write it, every character outside ASCII as a ``\\u`` escape (a lone surrogate too)."""
    return json.dumps(body).encode()


def raw(body: dict) -> bytes:
    """JSON written as UTF-8 bytes, a lone surrogate too (as ``\\xed\\xa0\\x80``, which is not UTF-8)."""
    return json.dumps(body, ensure_ascii=False).encode("utf-8", "surrogatepass")


def refused_at(response, *location: str | int) -> None:
    assert response.status_code == 422, response.text
    assert [error["loc"] for error in response.json()["detail"]] == [list(location)]


async def test_consultation_refuses_nul_in_a_free_text_answer_a_title_and_a_csv(platform: Platform, token):
    officer, admin = bearer(token("cheshire", "engagement_officer")), bearer(token("cheshire", "admin"))
    consultation_id = await create_open(platform, officer)
    responses = f"/v1/consultations/{consultation_id}/responses"

    def answer(comments: str) -> dict:
        return {"answers": {"priority": "asb", "comments": comments}, "publish_consent": True}

    for bad in ("More\x00 patrols", "More \ud800patrols"):
        refused_at(await platform.consultation.post(responses, content=escaped(answer(bad)), headers=JSON),
                   "body", "answers", "comments")
    assert (await platform.consultation.post(responses, json=answer("More patrols"))).status_code == 201
    waiting = (await platform.consultation.get(f"/v1/consultations/{consultation_id}/moderation", headers=officer))
    assert [item["text"] for item in waiting.json()["items"]] == ["More patrols"]

    titled = SURVEY | {"title": {"en": "Policing\x00 priorities"}}
    refused_at(await platform.consultation.post("/v1/consultations", json=titled, headers=officer),
               "body", "title", "en")
    assert len((await platform.consultation.get("/v1/consultations", headers=officer)).json()) == 1

    areas = await platform.consultation.put("/v1/areas", content=AREAS.format(nul="\x00"), headers=admin | CSV)
    refused_at(areas, "body", "csv", 2, "area_name")
    assert (await platform.consultation.get("/v1/areas", headers=admin)).json() == []
    assert (await platform.consultation.put("/v1/areas", content=AREAS.format(nul=""), headers=admin | CSV)).json() == {
        "postcode_districts": 1}


async def test_scheduling_refuses_nul_in_a_bookings_topic_and_a_venues_name(scheduling: Scheduling, token):
    client, admin = scheduling.client, bearer(token("cheshire", "admin"))
    session = await schedule(client, admin)
    refused_at(await book(client, session["id"], 0, topic="Speeding\x00"), "body", "topic")
    bookings = f"/v1/surgeries/{session['id']}/bookings"
    refused_at(await client.post(bookings, content=escaped(PERSON | {"slot": 0, "name": "Jo\udfffBloggs"}),
                                 headers=JSON), "body", "name")
    refused_at(await client.post(bookings, content=raw(PERSON | {"slot": 0, "name": "Jo\ud800Bloggs"}),
                                 headers=JSON), "body", "name")
    refused_at(await client.post(bookings, content=escaped(PERSON | {"slot": 0, "name": "Ann\x00"}), headers=FORM),
               "body", "name")
    not_json = await client.post(bookings, content=escaped(PERSON | {"slot": 0}), headers=FORM)
    assert not_json.status_code == 422 and not_json.json()["detail"][0]["loc"] == ["body"]  # as FastAPI's own
    assert (await book(client, session["id"], 0)).status_code == 201  # the slot was still free

    refused_at(await client.post("/v1/scheduling/venues", json=VENUE | {"name": "Crewe\x00"}, headers=admin),
               "body", "name")
    assert (await client.get("/v1/scheduling/venues", headers=admin)).json() == []
    assert (await client.post("/v1/scheduling/venues", json=VENUE, headers=admin)).status_code == 201


async def test_notifications_refuses_nul_in_a_messages_personalisation(platform: Platform, token):
    sender = bearer(token("cheshire", scopes=("notifications:send",)))
    message = {"template": "consultation_receipt", "email_address": "resident@example.org", "reference": "r-1",
               "personalisation": VALUES | {"consultation_title": "Policing\x00 priorities"}}
    refused_at(await platform.notifications.post("/v1/messages", json=message, headers=sender),
               "body", "personalisation", "consultation_title")
    clean = message | {"personalisation": VALUES}
    assert (await platform.notifications.post("/v1/messages", json=clean, headers=sender)).status_code == 201


async def test_reporting_refuses_nul_in_population_figures(platform: Platform, token):
    analyst = bearer(token("cheshire", "analyst"))
    uploaded = await platform.reporting.put("/v1/populations", content=POPULATION.format(nul="\x00"),
                                            headers=analyst | CSV)
    refused_at(uploaded, "body", "csv", 3, "area")
    assert (await platform.reporting.get("/v1/populations", headers=analyst)).json() == []
    clean = await platform.reporting.put("/v1/populations", content=POPULATION.format(nul=""), headers=analyst | CSV)
    assert clean.status_code == 200, clean.text


async def test_a_body_past_the_limit_is_refused_with_a_413(platform: Platform, token):
    analyst = bearer(token("cheshire", "analyst"))
    too_large = await platform.consultation.post("/v1/consultations", content=b"x" * (MOST_BYTES + 1), headers=JSON)
    assert too_large.status_code == 413 and too_large.json() == {"detail": TOO_LARGE}

    async def chunks():
        for _ in range(11):
            yield b"x" * 2**20

    streamed = await platform.reporting.put("/v1/populations", content=chunks(), headers=analyst | CSV)
    assert streamed.status_code == 413 and streamed.json() == {"detail": TOO_LARGE}
    over_five_mb = await platform.reporting.put("/v1/populations", content=b"x" * (5 * 2**20 + 1),
                                                headers=analyst | CSV)
    assert over_five_mb.status_code == 413 and over_five_mb.json() == {
        "detail": "population figures are limited to 5 MB"}
