"""The public lists residents' pages are built on: an office's published consultations (open, upcoming and
recently closed, never drafts or another office's) and every area's last and next neighbourhood meetings."""

from __future__ import annotations

import copy
from datetime import datetime

import pytest

from tests.support.consultations import SURVEY, create_open
from tests.support.platform import Platform, Scheduling
from tests.support.scheduling_meetings import add, at_start
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
URL = "/v1/consultations"


async def survey(platform: Platform, officer: dict, title: str, **changes: object) -> str:
    body = copy.deepcopy(SURVEY) | {"title": {"en": title, "cy": f"{title} (cy)"}} | changes
    created = await platform.consultation.post(URL, json=body, headers=officer)
    assert created.status_code == 201, created.text
    return created.json()["id"]


async def publish(platform: Platform, officer: dict, consultation_id: str, expected: str) -> dict:
    published = await platform.consultation.post(f"{URL}/{consultation_id}/publish", headers=officer)
    assert (published.status_code, published.json()["status"]) == (200, expected), published.text
    return published.json()


async def closed_with_outcome(platform: Platform, officer: dict) -> str:
    consultation_id = await create_open(platform, officer)
    client = platform.consultation
    assert (await client.post(f"{URL}/{consultation_id}/close", headers=officer)).status_code == 200
    assert (await client.post(f"{URL}/{consultation_id}/results/publish", headers=officer)).status_code == 200
    outcome = {"outcome": {"en": "You said roads; we added patrols", "cy": "Dywedoch ffyrdd"}}
    assert (await client.post(f"{URL}/{consultation_id}/outcome", json=outcome, headers=officer)).status_code == 200
    return consultation_id


async def test_an_office_lists_its_open_upcoming_and_closed_consultations_and_nobody_elses(platform: Platform,
                                                                                          token):
    officer = bearer(token("cheshire", "engagement_officer"))
    later = await survey(platform, officer, "Closes later", closes_at="2099-06-30T23:59:00Z")
    sooner = await survey(platform, officer, "Closes sooner", closes_at="2099-01-31T23:59:00Z",
                          summary={"en": "Tell us what matters"})
    upcoming = await survey(platform, officer, "Opens later", opens_at="2098-01-01T09:00:00Z")
    for consultation_id in (later, sooner):
        await publish(platform, officer, consultation_id, "open")
    await publish(platform, officer, upcoming, "scheduled")
    finished = await closed_with_outcome(platform, officer)
    await survey(platform, officer, "Still a draft")
    elsewhere = await create_open(platform, bearer(token("dyfed-powys", "engagement_officer")))

    listed = await platform.consultation.get("/v1/public/offices/cheshire/consultations")

    assert listed.status_code == 200, listed.text
    body = listed.json()
    assert body["office"] == "cheshire"
    assert [c["id"] for c in body["open"]] == [sooner, later]
    assert [c["id"] for c in body["upcoming"]] == [upcoming]
    assert [c["id"] for c in body["closed"]] == [finished]
    assert elsewhere not in listed.text and "Still a draft" not in listed.text
    first = body["open"][0]
    assert first["title"] == {"en": "Closes sooner", "cy": "Closes sooner (cy)"}
    assert first["summary"]["en"] == "Tell us what matters" and first["kind"] == "survey"
    assert first["closes_at"] == "2099-01-31T23:59:00Z" and first["updated_at"] == first["opens_at"]
    assert body["upcoming"][0]["opens_at"] == "2098-01-01T09:00:00Z"
    [closed] = body["closed"]
    assert closed["status"] == "results_published" and closed["results_published"] and closed["outcome_published"]
    assert datetime.fromisoformat(closed["updated_at"]) > datetime.fromisoformat(closed["closed_at"])
    assert body["updated_at"] == closed["updated_at"]
    assert not first["results_published"] and not first["outcome_published"]
    assert "questions" not in first

    theirs = (await platform.consultation.get("/v1/public/offices/dyfed-powys/consultations")).json()
    assert [c["id"] for c in theirs["open"]] == [elsewhere] and theirs["closed"] == theirs["upcoming"] == []


async def test_an_office_with_nothing_published_lists_nothing(platform: Platform, token):
    await survey(platform, bearer(token("cheshire", "engagement_officer")), "Still a draft")
    listed = await platform.consultation.get("/v1/public/offices/cheshire/consultations")
    assert listed.status_code == 200
    assert listed.json() == {"office": "cheshire", "open": [], "upcoming": [], "closed": [], "updated_at": None}
    assert (await platform.consultation.get("/v1/public/offices/Not An Office/consultations")).status_code == 422


async def test_every_area_has_its_last_and_next_public_meetings_in_area_name_order(scheduling: Scheduling, token):
    at_start(scheduling)
    staff = bearer(token("cheshire", "engagement_officer"))
    held = await add(scheduling, staff, area="Crewe", day="2027-02-10")
    coming = await add(scheduling, staff, area="crewe ", day="2027-03-22")
    await add(scheduling, staff, area="Crewe", day="2027-04-20")
    await add(scheduling, staff, area="Nantwich", day="2027-03-05", public=False)
    chester = await add(scheduling, staff, area="Chester", day="2027-03-12")
    widnes = await add(scheduling, staff, area="Widnes", day="2027-01-05")
    cancelled = await add(scheduling, staff, area="Macclesfield", day="2027-03-07")
    await scheduling.client.post(f"/v1/scheduling/meetings/{cancelled['id']}/cancel", json={"reason": "Flooded"},
                                 headers=staff)
    await add(scheduling, bearer(token("dyfed-powys", "engagement_officer")), area="Aberystwyth", day="2027-03-08")

    listed = await scheduling.client.get("/v1/public/cheshire/meeting-areas")

    assert listed.status_code == 200, listed.text
    areas = [(a["area"], a["last"] and a["last"]["id"], a["next"] and a["next"]["id"]) for a in listed.json()]
    assert areas == [("Chester", None, chester["id"]), ("Crewe", held["id"], coming["id"]),
                     ("Widnes", widnes["id"], None)]
    one = (await scheduling.client.get("/v1/public/cheshire/meeting-areas/crewe")).json()
    assert listed.json()[1] == one
    assert "Pryce" not in listed.text and "example.org" not in listed.text
    assert (await scheduling.client.get("/v1/public/dyfed-powys/meeting-areas")).json()[0]["area"] == "Aberystwyth"
