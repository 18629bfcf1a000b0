"""The web pages in front of the real services: an office's home page, how an admin sets the office's look, and
what a resident sees when a service is down."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import httpx
import pytest
from bs4 import BeautifulSoup

from peel.consultation.bootstrap import create_app as consultation_app
from peel.consultation.settings import ConsultationSettings
from peel.web.bootstrap import create_app as web_app
from tests.support.consultations import SURVEY
from tests.support.servers import service_settings, serving
from tests.support.tokens import bearer
from tests.support.web_platform import WebPlatform, web_platform, web_settings_for

DISPLAY = {
    "name": {"en": "Cheshire Police and Crime Commissioner", "cy": "Comisiynydd Heddlu a Throseddu Swydd Gaer"},
    "head_title": {"en": "Police and Crime Commissioner for Cheshire",
                   "cy": "Comisiynydd yr Heddlu a Throseddu ar gyfer Swydd Gaer"},
    "brand_colour": "#005ea5", "privacy_url": "https://www.cheshire-pcc.example/privacy",
    "accessibility_url": None, "contact_email": "engage@cheshire-pcc.example",
}


@pytest.fixture
async def running(infra, new_database, topic_prefix, key_dir) -> AsyncIterator[WebPlatform]:
    async with web_platform(infra, new_database, topic_prefix, key_dir) as platform:
        yield platform


def soup(response: httpx.Response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


async def test_the_home_page_shows_the_offices_open_consultation_in_both_languages(running: WebPlatform,
                                                                                   token) -> None:
    officer = bearer(token("cheshire", "engagement_officer"))
    created = await running.consultation.post("/v1/consultations", json=SURVEY, headers=officer)
    consultation_id = created.json()["id"]
    await running.consultation.post(f"/v1/consultations/{consultation_id}/publish", headers=officer)
    for lang, title in (("en", "Policing priorities"), ("cy", "Blaenoriaethau plismona")):
        page = await running.web.get(f"/{lang}/cheshire/")
        link = soup(page).find("a", href=f"/{lang}/cheshire/consultations/{consultation_id}")
        assert (page.status_code, link.get_text(strip=True)) == (200, title)
    elsewhere = await running.web.get("/en/north-wales/")
    assert "Policing priorities" not in elsewhere.text


async def test_an_admin_sets_how_the_offices_pages_look(running: WebPlatform, token) -> None:
    admin = bearer(token("cheshire", "admin"))
    saved = await running.web.put("/v1/tenants/cheshire/display", json=DISPLAY, headers=admin)
    assert saved.status_code == 200, saved.text
    welsh = soup(await running.web.get("/cy/cheshire/privacy"))
    assert welsh.select_one(".govuk-generic-header__homepage-link").get_text(strip=True) == DISPLAY["name"]["cy"]
    assert welsh.find("a", href=DISPLAY["privacy_url"])
    assert (await running.web.get("/v1/tenants/cheshire/display", headers=admin)).json()["brand_colour"] == "#005ea5"
    connection = await asyncpg.connect(running.web_settings.dsn)
    try:
        [entry] = await connection.fetch("SELECT tenant, method, action, resource_ids FROM audit_log")
    finally:
        await connection.close()
    assert (entry["tenant"], entry["method"], entry["action"]) == ("cheshire", "PUT", "display")


async def test_only_the_offices_own_admin_may_set_its_look(running: WebPlatform, token) -> None:
    put = running.web.put
    officer, other = bearer(token("cheshire", "engagement_officer")), bearer(token("north-wales", "admin"))
    assert (await put("/v1/tenants/cheshire/display", json=DISPLAY)).status_code == 401
    assert (await put("/v1/tenants/cheshire/display", json=DISPLAY, headers=officer)).status_code == 403
    assert (await put("/v1/tenants/cheshire/display", json=DISPLAY, headers=other)).status_code == 404
    bad = await put("/v1/tenants/cheshire/display", json=DISPLAY | {"brand_colour": "red"},
                    headers=bearer(token("cheshire", "admin")))
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "brand_colour"]
    pale = await put("/v1/tenants/cheshire/display", json=DISPLAY | {"brand_colour": "#ffdd00"},
                     headers=bearer(token("cheshire", "admin")))
    assert (pale.status_code, pale.json()["detail"][0]["loc"]) == (422, ["body", "brand_colour"])


async def test_each_resident_has_their_own_allowance_and_one_over_it_sees_how_long_to_wait(
        infra, new_database, topic_prefix, key_dir) -> None:
    limited = {"public_rate_limit_per_minute": 4}  # the home page asks consultation twice
    async with web_platform(infra, new_database, topic_prefix, key_dir, consultation=limited) as running:
        first = {"X-Forwarded-For": "203.0.113.7"}  # as a proxy the web service trusts would send it
        assert [(await running.web.get("/en/cheshire/", headers=first)).status_code for _ in range(2)] == [200, 200]
        over = await running.web.get("/cy/cheshire/", headers=first)
        other = await running.web.get("/en/cheshire/", headers={"X-Forwarded-For": "198.51.100.9"})
    assert (over.status_code, soup(over).html["lang"], other.status_code) == (429, "cy", 200)
    assert int(over.headers["retry-after"]) > 0
    assert soup(over).h1.get_text(strip=True) == "Gormod o ymdrechion"
    assert f"Arhoswch {over.headers['retry-after']} eiliad" in soup(over).main.get_text(" ", strip=True)


async def test_with_the_consultation_service_stopped_its_pages_answer_503_in_their_language(
        infra, new_database, topic_prefix, key_dir) -> None:
    common = {"kafka": infra.kafka_bootstrap, "prefix": topic_prefix, "key_dir": key_dir}
    consultation = serving(consultation_app(service_settings(ConsultationSettings, dsn=await new_database(),
                                                             **common)))
    consultation_url = await consultation.__aenter__()
    settings = web_settings_for({"consultation": consultation_url}, dsn=await new_database(), common=common,
                                api_timeout_seconds=2)
    page = "/cy/cheshire/consultations/0b9c5a52-3f7e-4f47-9c8e-1f0c7a5d2e11"
    async with serving(web_app(settings)) as url, httpx.AsyncClient(base_url=url) as web:
        try:
            assert (await web.get(page)).status_code == 404  # the service answers: no such consultation
        finally:
            await consultation.__aexit__(None, None, None)  # the consultation service stops
        down = await web.get(page)
    assert (down.status_code, soup(down).html["lang"]) == (503, "cy")
    assert soup(down).h1.get_text(strip=True) == "Mae'n ddrwg gennym, nid yw'r gwasanaeth ar gael"
    assert "Traceback" not in down.text
