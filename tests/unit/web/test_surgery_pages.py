"""Surgery pages: an office's sessions, a session, and booking one with triage first (an emergency books nothing),
or joining a full session's waiting list."""

from __future__ import annotations

import pytest

from peel.web.service_layer.ports import InvalidAnswers, Refused, WebPorts
from tests.support.web_pages import PageClient, headed

SESSION_ID = "7f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b"
SLOTS = ["5b0c1d2e-3f40-4516-a7b8-c9d0e1f2a3b4", "6c1d2e3f-4051-4627-b8c9-d0e1f2a3b4c5"]
BOOK = "/{lang}/{tenant}/surgeries/{session_id}"
COVERS = {
    ("GET", "/{lang}/{tenant}/surgeries"), ("GET", BOOK), ("GET", BOOK + "/book/call-999"),
    ("GET", BOOK + "/book/guidance/{route}"), ("GET", BOOK + "/book/check"), ("POST", BOOK + "/book/check"),
    ("GET", BOOK + "/booked"), ("GET", BOOK + "/book/{step}"), ("POST", BOOK + "/book/{step}"),
}
LANGS = ["en", "cy"]
PERSON = {"name": "Jo Bloggs", "email": "jo@example.org", "phone": "", "area": "CW1",
          "topic_category": "road_safety", "topic": "Speeding on Nantwich Road"}


def session(tenant: str = "cheshire", free: tuple[bool, ...] = (True, False)) -> dict:
    slots = [{"id": SLOTS[number], "number": number, "starts_at": f"2027-01-12T10:{number}0:00+00:00",
              "ends_at": f"2027-01-12T10:{number}9:00+00:00", "free": is_free} for number, is_free in enumerate(free)]
    return {"id": SESSION_ID, "tenant": tenant, "host": "Police and Crime Commissioner", "status": "scheduled",
            "online": False, "venue": {"id": "v1", "name": "Crewe Library", "address": "Prince Albert Street, Crewe",
                                       "policing_area": "Crewe", "accessibility": {}},
            "policing_area": "Crewe", "day": "2027-01-12", "starts_at": "2027-01-12T10:00:00+00:00",
            "ends_at": "2027-01-12T10:20:00+00:00", "slot_minutes": 10, "slot_count": len(slots),
            "free_slot_count": sum(free), "slots": slots}


def offered(ports: WebPorts, **changes: object) -> dict:
    shown = session(**changes)  # type: ignore[arg-type]
    ports.scheduling.on("GET", f"/v1/public/surgeries/{SESSION_ID}", shown)
    return shown


def step(lang: str, name: str) -> str:
    return f"/{lang}/cheshire/surgeries/{SESSION_ID}/book/{name}"


async def answer_all(pages: PageClient, lang: str, *, full: bool = False, victim: str = "no") -> None:
    await pages.get(step(lang, "emergency"))
    for name, form in [("emergency", {"answer": "no"}), ("complaint", {"answer": "no"}), ("victim", {"answer": victim}),
                       *([] if full else [("slot", {"slot_id": SLOTS[0]})]), ("name", {"name": PERSON["name"]}),
                       ("contact", {"email": PERSON["email"], "phone": ""}), ("area", {"area": PERSON["area"]}),
                       ("topic", {"topic_category": PERSON["topic_category"], "topic": PERSON["topic"]})]:
        answered = await pages.post(step(lang, name), form, follow_redirects=False)
        assert answered.status == 303, (name, answered.text())


@headed("Book a surgery appointment", "Trefnu apwyntiad cymhorthfa")
async def test_the_offices_surgeries_with_free_appointments(pages: PageClient, ports: WebPorts, lang: str,
                                                            heading: str) -> None:
    cancelled = session() | {"id": "c0ffee00-0000-4000-8000-000000000000", "status": "cancelled"}
    ports.scheduling.on("GET", "/v1/public/cheshire/surgeries", [session(), cancelled])
    page = await pages.get(f"/{lang}/cheshire/surgeries")
    assert (page.status, page.lang, page.h1) == (200, lang, heading)
    assert page.title.startswith(f"{heading} \N{EN DASH} ")
    assert page.soup.find("a", href=f"/{lang}/cheshire/surgeries/{SESSION_ID}")
    assert not page.soup.find("a", href=f"/{lang}/cheshire/surgeries/{cancelled['id']}")


@pytest.mark.parametrize("lang", LANGS)
async def test_a_session_shows_its_free_times_and_starts_with_triage(pages: PageClient, ports: WebPorts,
                                                                      lang: str) -> None:
    offered(ports)
    page = await pages.get(f"/{lang}/cheshire/surgeries/{SESSION_ID}")
    assert (page.status, page.lang) == (200, lang)
    assert "Crewe Library" in page.text() and "10:00" in page.text()
    assert page.soup.find("a", href=step(lang, "emergency"))


@pytest.mark.parametrize("lang", LANGS)
async def test_another_offices_session_is_not_found(pages: PageClient, ports: WebPorts, lang: str) -> None:
    offered(ports, tenant="gwent")
    page = await pages.get(f"/{lang}/cheshire/surgeries/{SESSION_ID}")
    booking = await pages.get(step(lang, "emergency"))
    assert (page.status, page.lang, booking.status) == (404, lang, 404)


@pytest.mark.parametrize("lang", LANGS)
async def test_an_emergency_sees_the_999_page_and_books_nothing(pages: PageClient, ports: WebPorts,
                                                                lang: str) -> None:
    offered(ports)
    question = await pages.get(step(lang, "emergency"))
    assert (question.status, question.lang) == (200, lang)
    assert question.csrf()
    answered = await pages.post(step(lang, "emergency"), {"answer": "yes"}, follow_redirects=False)
    assert answered.response.headers["location"] == step(lang, "call-999")
    page = await pages.get(step(lang, "call-999"))
    assert (page.status, page.lang, page.h1) == (200, lang, {"en": "Call 999 now", "cy": "Ffoniwch 999 nawr"}[lang])
    assert "999" in page.text()
    later = await pages.get(step(lang, "name"), follow_redirects=False)
    assert later.response.headers["location"] == step(lang, "call-999")
    confirmed = await pages.post(step(lang, "check"), {}, follow_redirects=False)
    assert confirmed.response.headers["location"] == step(lang, "call-999")
    assert not [call for call in ports.scheduling.calls if call[0] == "POST"]


@pytest.mark.parametrize("lang", LANGS)
async def test_an_unanswered_question_is_an_error_linked_to_its_field(pages: PageClient, ports: WebPorts,
                                                                      lang: str) -> None:
    offered(ports)
    await pages.get(step(lang, "emergency"))
    page = await pages.post(step(lang, "emergency"), {})
    assert (page.status, page.lang) == (422, lang)
    assert page.title.startswith({"en": "Error:", "cy": "Gwall:"}[lang])
    assert list(page.error_links()) == ["#answer"]
    assert page.soup.find(id="answer")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("route", ["complaint", "victim"])
async def test_a_complaint_or_a_victim_is_shown_guidance_and_may_still_book(pages: PageClient, ports: WebPorts,
                                                                            lang: str, route: str) -> None:
    offered(ports)
    await pages.get(step(lang, "emergency"))
    await pages.post(step(lang, "emergency"), {"answer": "no"})
    if route == "victim":
        await pages.post(step(lang, "complaint"), {"answer": "no"})
    answered = await pages.post(step(lang, route), {"answer": "yes"}, follow_redirects=False)
    assert answered.response.headers["location"] == step(lang, f"guidance/{route}")
    page = await pages.get(step(lang, f"guidance/{route}"))
    assert (page.status, page.lang) == (200, lang)
    onward = "victim" if route == "complaint" else "slot"
    assert page.soup.find("a", href=step(lang, onward))
    assert bool(page.soup.select_one(".govuk-exit-this-page .govuk-visually-hidden")) == (route == "victim")


@pytest.mark.parametrize("lang", LANGS)
async def test_a_question_answered_too_early_leads_back_to_the_first_unanswered(pages: PageClient, ports: WebPorts,
                                                                                lang: str) -> None:
    offered(ports)
    page = await pages.get(step(lang, "topic"), follow_redirects=False)
    assert page.response.headers["location"] == step(lang, "emergency")
    unknown = await pages.get(step(lang, "nothing-like-this"))
    assert unknown.status == 404


@pytest.mark.parametrize("lang", LANGS)
async def test_booking_posts_the_answers_and_confirms(pages: PageClient, ports: WebPorts, lang: str) -> None:
    offered(ports)
    ports.scheduling.on("POST", f"/v1/surgeries/{SESSION_ID}/bookings", {
        "id": "b0000000-0000-4000-8000-000000000001", "tenant": "cheshire", "token": "t" * 43, "session_id": SESSION_ID,
        "status": "confirmed", "slot": session()["slots"][0], "guidance": []})
    await answer_all(pages, lang)
    check = await pages.get(step(lang, "check"))
    assert (check.status, check.lang) == (200, lang)
    assert "Jo Bloggs" in check.text() and "Speeding on Nantwich Road" in check.text()
    assert check.soup.find("a", href=step(lang, "name") + "?change=true")
    assert check.csrf()
    done = await pages.post(step(lang, "check"), {}, follow_redirects=False)
    assert done.response.headers["location"] == f"/{lang}/cheshire/surgeries/{SESSION_ID}/booked"
    assert ports.scheduling.posted(f"/v1/surgeries/{SESSION_ID}/bookings") == [{
        "name": "Jo Bloggs", "email": "jo@example.org", "phone": None, "area": "CW1",
        "topic_category": "road_safety", "topic": "Speeding on Nantwich Road",
        "triage": {"emergency": False, "complaint_about_officer": False, "victim_of_crime": False},
        "slot_id": SLOTS[0]}]
    again = await pages.post(step(lang, "check"), {}, follow_redirects=False)
    assert again.response.headers["location"] == done.response.headers["location"]
    assert len(ports.scheduling.posted(f"/v1/surgeries/{SESSION_ID}/bookings")) == 1
    page = await pages.get(f"/{lang}/cheshire/surgeries/{SESSION_ID}/booked")
    assert (page.status, page.lang) == (200, lang)
    assert page.soup.select_one(".govuk-panel")
    assert page.soup.find("a", href=f"/{lang}/bookings/b0000000-0000-4000-8000-000000000001?token={'t' * 43}")


@pytest.mark.parametrize("lang", LANGS)
async def test_a_time_taken_before_the_check_is_chosen_again(pages: PageClient, ports: WebPorts, lang: str) -> None:
    offered(ports, free=(True, True))
    await answer_all(pages, lang)
    offered(ports, free=(False, True))
    check = await pages.get(step(lang, "check"), follow_redirects=False)
    assert check.response.headers["location"] == step(lang, "slot") + "?change=true"


@pytest.mark.parametrize("lang", LANGS)
async def test_a_change_link_returns_to_the_check(pages: PageClient, ports: WebPorts, lang: str) -> None:
    offered(ports)
    await answer_all(pages, lang)
    page = await pages.get(step(lang, "name") + "?change=true")
    assert page.soup.find("input", {"name": "name"})["value"] == "Jo Bloggs"
    changed = await pages.post(step(lang, "name") + "?change=true", {"name": "Jo Jones"}, follow_redirects=False)
    assert changed.response.headers["location"] == step(lang, "check")
    assert "Jo Jones" in (await pages.get(step(lang, "check"))).text()


@pytest.mark.parametrize("lang", LANGS)
async def test_the_details_are_checked_before_anything_is_sent(pages: PageClient, ports: WebPorts,
                                                               lang: str) -> None:
    offered(ports)
    await answer_all(pages, lang)
    contact = await pages.post(step(lang, "contact"), {"email": "not an address", "phone": ""})
    area = await pages.post(step(lang, "area"), {"area": "CW1 2DH"})
    topic = await pages.post(step(lang, "topic"), {"topic_category": "", "topic": ""})
    assert contact.status_and_links() == (422, ["#email"])
    assert contact.field_messages() == list(contact.error_links().values())
    assert area.status_and_links() == (422, ["#area"])
    assert area.field_messages() == list(area.error_links().values())
    assert (topic.status, sorted(topic.error_links())) == (422, ["#topic", "#topic_category"])
    assert contact.soup.find("input", {"name": "email"})["value"] == "not an address"


@pytest.mark.parametrize("lang", LANGS)
async def test_a_full_session_offers_its_waiting_list(pages: PageClient, ports: WebPorts, lang: str) -> None:
    offered(ports, free=(False, False))
    place = "a0000000-0000-4000-8000-000000000002"
    ports.scheduling.on("POST", f"/v1/surgeries/{SESSION_ID}/waitlist", {
        "id": place, "session_id": SESSION_ID, "status": "waiting", "token": "w" * 43,
        "joined_at": "2027-01-01T09:00:00Z", "links": {}, "guidance": [{"route": "victim_services", "text": "..."}]})
    ports.scheduling.on("GET", f"/v1/waitlist/{place}", {"id": place, "tenant": "cheshire", "session_id": SESSION_ID,
                                                          "status": "waiting", "joined_at": "2027-01-01T09:00:00Z",
                                                          "position": 3})
    shown = await pages.get(f"/{lang}/cheshire/surgeries/{SESSION_ID}")
    assert shown.soup.find("a", href=step(lang, "emergency"))
    await answer_all(pages, lang, full=True, victim="yes")
    check = await pages.get(step(lang, "check"))
    assert not check.soup.find("a", href=step(lang, "slot") + "?change=true")
    await pages.post(step(lang, "check"), {})
    [body] = ports.scheduling.posted(f"/v1/surgeries/{SESSION_ID}/waitlist")
    assert "slot_id" not in body and body["triage"]["victim_of_crime"] is True
    page = await pages.get(f"/{lang}/cheshire/surgeries/{SESSION_ID}/booked")
    assert (page.status, page.lang) == (200, lang)
    assert "3" in page.soup.select_one(".govuk-panel").get_text()
    assert page.soup.find("a", href=f"/{lang}/waitlist/{place}?token={'w' * 43}")


@pytest.mark.parametrize("lang", LANGS)
async def test_a_time_taken_meanwhile_is_chosen_again(pages: PageClient, ports: WebPorts, lang: str) -> None:
    offered(ports, free=(True, True))
    ports.scheduling.on("POST", f"/v1/surgeries/{SESSION_ID}/bookings",
                        Refused(409, "slot 0 has just been taken; choose another slot"))
    await answer_all(pages, lang)
    page = await pages.post(step(lang, "check"), {})
    assert (page.status, page.lang, list(page.error_links())) == (409, lang, ["#slot_id"])


@pytest.mark.parametrize("lang", LANGS)
async def test_a_second_booking_is_explained(pages: PageClient, ports: WebPorts, lang: str) -> None:
    offered(ports)
    ports.scheduling.on("POST", f"/v1/surgeries/{SESSION_ID}/bookings",
                        Refused(409, "you already have a booking (or a waitlist place) for this session"))
    await answer_all(pages, lang)
    page = await pages.post(step(lang, "check"), {})
    assert (page.status, page.lang) == (409, lang)
    assert page.h1 == {"en": "You already have a booking for this surgery",
                       "cy": "Mae gennych apwyntiad yn y gymhorthfa hon yn barod"}[lang]


async def test_the_services_own_objection_shows_its_question_again(pages: PageClient, ports: WebPorts) -> None:
    offered(ports)
    ports.scheduling.on("POST", f"/v1/surgeries/{SESSION_ID}/bookings", InvalidAnswers({"area": "a full postcode"}))
    await answer_all(pages, "en")
    page = await pages.post(step("en", "check"), {})
    assert page.status_and_links() == (422, ["#area"])
    assert page.field_messages() == list(page.error_links().values())
