"""The pages a booking's or waitlist place's emailed link opens: shown in the booking office's look, the token
sent back with each action, and a link that opens nothing is the 404 page."""

from __future__ import annotations

import pytest

from peel.scheduling.surgeries.domain.links import BOOKING_PAGES, WAITLIST_PAGES
from peel.web.domain.tenants import TenantDisplay
from peel.web.service_layer.ports import NotFoundThere, Refused, WebPorts
from tests.support.web_pages import PageClient, app_with, fake_ports, headed, page_routes
from tests.unit.web.test_surgery_pages import SESSION_ID, SLOTS, session

BOOKING_ID, PLACE_ID = "b0000000-0000-4000-8000-000000000001", "a0000000-0000-4000-8000-000000000002"
TOKEN, WRONG = "k" * 43, "x" * 43
COVERS = {
    ("GET", "/{lang}/bookings/{booking_id}"), ("GET", "/{lang}/bookings/{booking_id}/calendar.ics"),
    ("GET", "/{lang}/bookings/{booking_id}/cancel"), ("POST", "/{lang}/bookings/{booking_id}/cancel"),
    ("GET", "/{lang}/bookings/{booking_id}/move"), ("POST", "/{lang}/bookings/{booking_id}/move"),
    ("GET", "/{lang}/bookings/{booking_id}/erase"), ("POST", "/{lang}/bookings/{booking_id}/erase"),
    ("GET", "/{lang}/waitlist/{place_id}"), ("GET", "/{lang}/waitlist/{place_id}/leave"),
    ("POST", "/{lang}/waitlist/{place_id}/leave"),
}
LANGS = ["en", "cy"]
HEADINGS = {"": ("Your surgery appointment", "Eich apwyntiad cymhorthfa"),
            "/cancel": ("Are you sure you want to cancel your appointment?",
                        "Ydych chi'n siŵr eich bod am ganslo eich apwyntiad?"),
            "/erase": ("Delete your personal information", "Dileu eich gwybodaeth bersonol"),
            "/move": ("Choose a new time", "Dewiswch amser newydd")}


def booking(status: str = "confirmed") -> dict:
    return {"id": BOOKING_ID, "tenant": "gwent", "session_id": SESSION_ID, "status": status, "slot_id": SLOTS[1],
            "slot": {"id": SLOTS[1], "number": 1, "starts_at": "2027-01-12T10:10:00+00:00",
                     "ends_at": "2027-01-12T10:19:00+00:00"}, "host": "Police and Crime Commissioner",
            "online": False, "from_waitlist": False}


def linked(ports: WebPorts, status: str = "confirmed") -> None:
    """A booking of Gwent's, opened by TOKEN only, in a session with one other free time."""
    ports.scheduling.on("GET", f"/v1/bookings/{BOOKING_ID}",
                        lambda params, _: booking(status) if params["token"] == TOKEN else NotFoundThere("no"))
    ports.scheduling.on("GET", f"/v1/public/surgeries/{SESSION_ID}", session("gwent"))
    ports.tenants.displays["gwent"] = TenantDisplay(name={"en": "Gwent's Commissioner", "cy": "Comisiynydd Gwent"},
                                                    head_title={"en": "Commissioner", "cy": "Comisiynydd"})


def place(status: str = "waiting", position: int | None = 2) -> dict:
    return {"id": PLACE_ID, "tenant": "gwent", "session_id": SESSION_ID, "status": status,
            "joined_at": "2027-01-01T09:00:00Z", "position": position}


def waiting(ports: WebPorts, status: str = "waiting") -> None:
    ports.scheduling.on("GET", f"/v1/waitlist/{PLACE_ID}",
                        lambda params, _: place(status) if params["token"] == TOKEN else NotFoundThere("no"))
    ports.scheduling.on("GET", f"/v1/public/surgeries/{SESSION_ID}", session("gwent"))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("action", sorted(HEADINGS))
async def test_a_link_opens_its_page_in_the_bookings_office(pages: PageClient, ports: WebPorts, lang: str,
                                                            action: str) -> None:
    linked(ports)
    page = await pages.get(f"/{lang}/bookings/{BOOKING_ID}{action}?token={TOKEN}")
    assert (page.status, page.lang, page.h1) == (200, lang, HEADINGS[action][lang == "cy"])
    assert {"en": "Gwent's Commissioner", "cy": "Comisiynydd Gwent"}[lang] in page.title
    other = "cy" if lang == "en" else "en"
    assert page.soup.find("a", hreflang=other, rel="alternate")["href"] == \
        f"/{other}/bookings/{BOOKING_ID}{action}?token={TOKEN}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("action", [*sorted(HEADINGS), "/calendar.ics"])
async def test_a_wrong_or_missing_token_is_the_404_page(pages: PageClient, ports: WebPorts, lang: str,
                                                        action: str) -> None:
    linked(ports)
    ports.scheduling.on("GET", f"/v1/bookings/{BOOKING_ID}/calendar.ics", NotFoundThere("no"))
    wrong = await pages.get(f"/{lang}/bookings/{BOOKING_ID}{action}?token={WRONG}")
    missing = await pages.get(f"/{lang}/bookings/{BOOKING_ID}{action}")
    assert (wrong.status, wrong.lang, missing.status) == (404, lang, 404)
    assert {"en": "it may have expired or already been used", "cy": "wedi dod i ben"}[lang] in wrong.text()


@pytest.mark.parametrize("lang", LANGS)
async def test_the_booking_page_links_to_its_actions_with_the_token(pages: PageClient, ports: WebPorts,
                                                                    lang: str) -> None:
    linked(ports)
    page = await pages.get(f"/{lang}/bookings/{BOOKING_ID}?token={TOKEN}")
    for action in ("cancel", "move", "erase", "calendar.ics"):
        assert page.soup.find("a", href=f"/{lang}/bookings/{BOOKING_ID}/{action}?token={TOKEN}"), action
    assert "Crewe Library" in page.text()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("action", "api", "done"), [("cancel", "cancel", "cancelled"), ("erase", "erase", "erased")])
async def test_cancelling_or_erasing_sends_the_token_and_says_it_is_done(pages: PageClient, ports: WebPorts,
                                                                         lang: str, action: str, api: str,
                                                                         done: str) -> None:
    linked(ports)
    ports.scheduling.on("POST", f"/v1/bookings/{BOOKING_ID}/{api}", booking("cancelled"))
    form = await pages.get(f"/{lang}/bookings/{BOOKING_ID}/{action}?token={TOKEN}")
    assert form.csrf() and form.soup.find("input", {"name": "token"})["value"] == TOKEN
    sent = await pages.post(f"/{lang}/bookings/{BOOKING_ID}/{action}", {"token": TOKEN}, follow_redirects=False)
    assert sent.response.headers["location"] == f"/{lang}/bookings/{BOOKING_ID}?token={TOKEN}&done={done}"
    assert ports.scheduling.posted(f"/v1/bookings/{BOOKING_ID}/{api}") == [{"token": TOKEN}]
    page = await pages.get(sent.response.headers["location"])
    assert (page.status, page.lang) == (200, lang)
    assert page.soup.select_one(".govuk-notification-banner--success .govuk-notification-banner__heading")


@pytest.mark.parametrize("lang", LANGS)
async def test_a_wrong_token_posted_is_the_404_page(pages: PageClient, ports: WebPorts, lang: str) -> None:
    linked(ports)
    ports.scheduling.on("POST", f"/v1/bookings/{BOOKING_ID}/cancel", NotFoundThere("no"))
    await pages.get(f"/{lang}/bookings/{BOOKING_ID}/cancel?token={TOKEN}")
    page = await pages.post(f"/{lang}/bookings/{BOOKING_ID}/cancel", {"token": WRONG})
    short = await pages.post(f"/{lang}/bookings/{BOOKING_ID}/erase", {"token": "short"})
    assert (page.status, page.lang, short.status) == (404, lang, 404)
    assert not ports.scheduling.posted(f"/v1/bookings/{BOOKING_ID}/erase")


@pytest.mark.parametrize("lang", LANGS)
async def test_moving_offers_the_other_free_times_and_sends_the_choice(pages: PageClient, ports: WebPorts,
                                                                       lang: str) -> None:
    linked(ports)
    ports.scheduling.on("POST", f"/v1/bookings/{BOOKING_ID}/reschedule", booking())
    form = await pages.get(f"/{lang}/bookings/{BOOKING_ID}/move?token={TOKEN}")
    assert [radio["value"] for radio in form.soup.find_all("input", {"name": "slot_id"})] == [SLOTS[0]]
    unchosen = await pages.post(f"/{lang}/bookings/{BOOKING_ID}/move", {"token": TOKEN})
    assert unchosen.status_and_links() == (422, ["#slot_id"])
    assert unchosen.field_messages() == list(unchosen.error_links().values())
    moved = await pages.post(f"/{lang}/bookings/{BOOKING_ID}/move", {"token": TOKEN, "slot_id": SLOTS[0]},
                             follow_redirects=False)
    assert moved.response.headers["location"] == f"/{lang}/bookings/{BOOKING_ID}?token={TOKEN}&done=moved"
    assert ports.scheduling.posted(f"/v1/bookings/{BOOKING_ID}/reschedule") == [
        {"token": TOKEN, "slot_id": SLOTS[0]}]


@pytest.mark.parametrize("lang", LANGS)
async def test_a_time_taken_meanwhile_is_chosen_again_when_moving(pages: PageClient, ports: WebPorts,
                                                                  lang: str) -> None:
    linked(ports)
    ports.scheduling.on("POST", f"/v1/bookings/{BOOKING_ID}/reschedule", Refused(409, "slot 0 has just been taken"))
    await pages.get(f"/{lang}/bookings/{BOOKING_ID}/move?token={TOKEN}")
    page = await pages.post(f"/{lang}/bookings/{BOOKING_ID}/move", {"token": TOKEN, "slot_id": SLOTS[0]})
    assert (page.status, page.lang, list(page.error_links())) == (409, lang, ["#slot_id"])


@pytest.mark.parametrize("lang", LANGS)
async def test_a_cancelled_booking_offers_no_cancelling_or_moving(pages: PageClient, ports: WebPorts,
                                                                  lang: str) -> None:
    linked(ports, status="cancelled")
    page = await pages.get(f"/{lang}/bookings/{BOOKING_ID}?token={TOKEN}")
    cancel = await pages.get(f"/{lang}/bookings/{BOOKING_ID}/cancel?token={TOKEN}")
    assert not page.soup.find("a", href=f"/{lang}/bookings/{BOOKING_ID}/cancel?token={TOKEN}")
    assert not cancel.soup.find("input", {"name": "token"})


@pytest.mark.parametrize("lang", LANGS)
async def test_the_calendar_file(pages: PageClient, ports: WebPorts, lang: str) -> None:
    ics = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    ports.scheduling.on("GET", f"/v1/bookings/{BOOKING_ID}/calendar.ics",
                        lambda params, _: ics if params["token"] == TOKEN else NotFoundThere("no"))
    page = await pages.get(f"/{lang}/bookings/{BOOKING_ID}/calendar.ics?token={TOKEN}")
    assert page.status == 200
    assert page.response.headers["content-type"].startswith("text/calendar")
    assert page.response.content == ics


@headed("Your place on the waiting list", "Eich lle ar y rhestr aros")
async def test_a_waitlist_place_shows_its_position(pages: PageClient, ports: WebPorts, lang: str,
                                                   heading: str) -> None:
    waiting(ports)
    page = await pages.get(f"/{lang}/waitlist/{PLACE_ID}?token={TOKEN}")
    assert (page.status, page.lang, page.h1) == (200, lang, heading)
    assert "2" in page.soup.select_one(".govuk-body-l").get_text()
    assert page.soup.find("a", href=f"/{lang}/waitlist/{PLACE_ID}/leave?token={TOKEN}")
    wrong = await pages.get(f"/{lang}/waitlist/{PLACE_ID}?token={WRONG}")
    assert (wrong.status, wrong.lang) == (404, lang)


@pytest.mark.parametrize("lang", LANGS)
async def test_a_promoted_place_leads_to_its_booking(pages: PageClient, ports: WebPorts, lang: str) -> None:
    waiting(ports, status="promoted")
    page = await pages.get(f"/{lang}/waitlist/{PLACE_ID}?token={TOKEN}")
    assert page.soup.find("a", href=f"/{lang}/bookings/{PLACE_ID}?token={TOKEN}")


@pytest.mark.parametrize("lang", LANGS)
async def test_leaving_the_waitlist(pages: PageClient, ports: WebPorts, lang: str) -> None:
    waiting(ports)
    ports.scheduling.on("POST", f"/v1/waitlist/{PLACE_ID}/leave",
                        lambda body, _: place("withdrawn", None) if body["token"] == TOKEN else NotFoundThere("no"))
    form = await pages.get(f"/{lang}/waitlist/{PLACE_ID}/leave?token={TOKEN}")
    assert (form.status, form.lang) == (200, lang) and form.csrf()
    assert (await pages.get(f"/{lang}/waitlist/{PLACE_ID}/leave?token={WRONG}")).status == 404
    left = await pages.post(f"/{lang}/waitlist/{PLACE_ID}/leave", {"token": TOKEN}, follow_redirects=False)
    assert left.response.headers["location"] == f"/{lang}/waitlist/{PLACE_ID}?token={TOKEN}&done=left"
    assert ports.scheduling.posted(f"/v1/waitlist/{PLACE_ID}/leave") == [{"token": TOKEN}]
    waiting(ports, status="withdrawn")
    page = await pages.get(left.response.headers["location"])
    assert page.soup.select_one(".govuk-notification-banner--success .govuk-notification-banner__heading")
    assert not page.soup.find("a", href=f"/{lang}/waitlist/{PLACE_ID}/leave?token={TOKEN}")
    refused = await pages.post(f"/{lang}/waitlist/{PLACE_ID}/leave", {"token": WRONG})
    assert (refused.status, refused.lang) == (404, lang)


def test_every_page_the_scheduling_emails_link_to_is_a_page_here() -> None:
    routes = {path for method, path in page_routes(app_with(fake_ports())) if method == "GET"}
    pages = [*BOOKING_PAGES.values(), *WAITLIST_PAGES.values()]
    linked_to = {path.replace("{entry_id}", "{place_id}") for path in pages}
    assert linked_to <= routes, linked_to - routes
