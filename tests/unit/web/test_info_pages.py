"""The office's own pages (home, area meetings, feed, cookies, accessibility, privacy) and the error pages."""

from __future__ import annotations

import pytest

from peel.web.service_layer.ports import ServiceUnavailable, WebPorts
from tests.support.web_pages import PageClient

COVERS = {
    ("GET", "/{lang}/{tenant}/"), ("GET", "/{lang}/{tenant}/meetings/{area}"), ("GET", "/{lang}/{tenant}/feed.atom"),
    ("GET", "/{lang}/{tenant}/cookies"), ("GET", "/{lang}/{tenant}/accessibility"), ("GET", "/{lang}/{tenant}/privacy"),
}
OPEN = {"id": "0b9c5a52-3f7e-4f47-9c8e-1f0c7a5d2e11", "office": "cheshire", "kind": "survey", "status": "open",
        "title": {"en": "Policing priorities", "cy": "Blaenoriaethau plismona"},
        "summary": {"en": "Tell us what matters", "cy": None},
        "opens_at": "2026-12-01T09:00:00Z", "closes_at": "2027-01-31T17:00:00Z"}
ASSEMBLY = {"id": "5d0c1c6e-8f43-4c55-9a57-3b1f0f9f1e21", "tenant": "cheshire",
            "title": {"en": "Safer nights", "cy": "Nosweithiau mwy diogel"}, "remit": {"en": "Night-time economy"},
            "areas": ["crewe"], "status": "recruiting", "registration_closes_at": "2027-03-01T17:00:00Z",
            "registration_open": True}
TITLES = {
    "cookies": ("Cookies", "Cwcis"), "accessibility": ("Accessibility statement", "Datganiad hygyrchedd"),
    "privacy": ("Privacy notice", "Hysbysiad preifatrwydd"),
}


def office(ports: WebPorts) -> None:
    ports.consultation.on("GET", "/v1/public/offices/cheshire/consultations",
                          {"open": [OPEN], "upcoming": [], "closed": []})
    ports.consultation.on("GET", "/v1/public/cheshire/panel/meetings", [])
    ports.scheduling.on("GET", "/v1/public/cheshire/surgeries", [])
    ports.scheduling.on("GET", "/v1/public/cheshire/meeting-areas", [
        {"area": "Crewe", "last": None, "next": {"id": "m1", "type": "pact", "area": "Crewe", "day": "2027-01-12",
                                                 "starts_at": "2027-01-12T19:00:00Z",
                                                 "ends_at": "2027-01-12T20:30:00Z", "venue": "Crewe Library"}}])
    ports.scheduling.on("GET", "/v1/public/cheshire/assemblies", [ASSEMBLY])
    ports.scheduling.on("GET", "/v1/public/cheshire/meeting-areas/Crewe", {
        "area": "Crewe", "last": None, "next": {"id": "m1", "type": "pact", "area": "Crewe", "day": "2027-01-12",
                                                "starts_at": "2027-01-12T19:00:00Z",
                                                "ends_at": "2027-01-12T20:30:00Z", "venue": "Crewe Library"}})


@pytest.mark.parametrize(("lang", "heading"), [("en", "Have your say"), ("cy", "Dweud eich dweud")])
async def test_the_home_page_lists_what_residents_can_take_part_in(pages: PageClient, ports: WebPorts, lang: str,
                                                                    heading: str) -> None:
    office(ports)
    page = await pages.get(f"/{lang}/cheshire/")
    assert (page.status, page.lang, page.h1) == (200, lang, heading)
    assert page.soup.find("a", href=f"/{lang}/cheshire/consultations/{OPEN['id']}")
    assert page.soup.find("a", href=f"/{lang}/cheshire/meetings/Crewe")
    assert page.soup.find("a", href=f"/{lang}/cheshire/assemblies/{ASSEMBLY['id']}")
    assert page.soup.find("a", hreflang="cy" if lang == "en" else "en", rel="alternate")


async def test_welsh_pages_mark_the_offices_english_only_text(pages: PageClient, ports: WebPorts) -> None:
    office(ports)
    page = await pages.get("/cy/cheshire/")
    summary = page.soup.find(string="Tell us what matters")
    assert summary.parent.get("lang") == "en"
    assert page.soup.find(string="Blaenoriaethau plismona").parent.get("lang") is None


async def test_a_section_whose_service_is_down_says_so_and_the_rest_still_shows(pages: PageClient,
                                                                                ports: WebPorts) -> None:
    office(ports)
    ports.scheduling.on("GET", "/v1/public/cheshire/surgeries", ServiceUnavailable("down"))
    page = await pages.get("/en/cheshire/")
    assert page.status == 200
    assert "Surgeries cannot be shown just now" in page.text()
    assert "Policing priorities" in page.text()


@pytest.mark.parametrize("lang", ["en", "cy"])
async def test_an_areas_meetings(pages: PageClient, ports: WebPorts, lang: str) -> None:
    office(ports)
    page = await pages.get(f"/{lang}/cheshire/meetings/Crewe")
    assert page.status == 200
    assert "Crewe Library" in page.text()
    assert page.soup.select_one("main .govuk-back-link")["href"] == f"/{lang}/cheshire/"


@pytest.mark.parametrize("lang", ["en", "cy"])
async def test_the_atom_feed_lists_open_consultations(pages: PageClient, ports: WebPorts, lang: str) -> None:
    office(ports)
    page = await pages.get(f"/{lang}/cheshire/feed.atom")
    assert page.response.headers["content-type"].startswith("application/atom+xml")
    assert f"http://peel.test/{lang}/cheshire/consultations/{OPEN['id']}" in page.response.text
    assert f'xml:lang="{lang}"' in page.response.text
    asked = {path for _, path, _, _ in ports.scheduling.calls}
    assert asked == {"/v1/public/cheshire/surgeries"}  # nothing the feed does not list


@pytest.mark.parametrize("lang", ["en", "cy"])
@pytest.mark.parametrize("name", sorted(TITLES))
async def test_the_offices_own_pages(pages: PageClient, lang: str, name: str) -> None:
    page = await pages.get(f"/{lang}/cheshire/{name}")
    heading = TITLES[name][lang == "cy"]
    assert (page.status, page.lang, page.h1) == (200, lang, heading)
    assert page.title.startswith(f"{heading} \N{EN DASH} ")


async def test_the_bare_address_leads_to_the_default_office_in_the_preferred_language(pages: PageClient) -> None:
    english = await pages.get("/", follow_redirects=False)
    welsh = await pages.get("/", headers={"Accept-Language": "cy-GB,cy;q=0.9,en;q=0.5"}, follow_redirects=False)
    assert (english.response.headers["location"], welsh.response.headers["location"]) == (
        "/en/cheshire/", "/cy/cheshire/")


@pytest.mark.parametrize(("lang", "heading"), [("en", "Page not found"), ("cy", "Heb ddod o hyd i'r dudalen")])
async def test_an_unknown_page_is_a_404_page_in_its_language(pages: PageClient, lang: str, heading: str) -> None:
    page = await pages.get(f"/{lang}/cheshire/no-such-page")
    assert (page.status, page.lang, page.h1) == (404, lang, heading)


async def test_a_service_that_is_down_is_a_503_page_never_a_stack_trace(pages: PageClient, ports: WebPorts) -> None:
    ports.scheduling.on("GET", "/v1/public/cheshire/meeting-areas/Crewe", ServiceUnavailable("down"))
    page = await pages.get("/cy/cheshire/meetings/Crewe")
    assert (page.status, page.lang) == (503, "cy")
    assert page.response.headers["retry-after"] == "30"
    assert "Traceback" not in page.response.text
