"""The pages an office's emails link to: unsubscribing (and RFC 8058 one-click from a mail client), fewer emails,
preferences, a council's acknowledgement of a bulletin and a clerk's details, in English and Welsh, with the
notifications service faked at the web boundary."""

from __future__ import annotations

import httpx
import pytest

from peel.web.service_layer.ports import InvalidAnswers, NotFoundThere, Refused, ServiceUnavailable, WebPorts
from tests.support.notification_pages import (
    FORGED,
    TENANT,
    TOKEN,
    acknowledgement,
    api_path,
    council_details,
    notification_ports,
    opens,
    preferences,
    subscription,
)
from tests.support.web_pages import IN_BOTH_LANGUAGES, PageClient

UNSUBSCRIBE, PREFERENCES = "/{lang}/{tenant}/unsubscribe/{token}", "/{lang}/{tenant}/preferences/{token}"
ACKNOWLEDGE, DETAILS = "/{lang}/{tenant}/acknowledge/{token}", "/{lang}/{tenant}/council-details/{token}"
COVERS = {
    ("GET", UNSUBSCRIBE), ("POST", UNSUBSCRIBE), ("POST", UNSUBSCRIBE + "/fewer"),
    ("GET", PREFERENCES), ("POST", PREFERENCES), ("GET", ACKNOWLEDGE), ("POST", ACKNOWLEDGE),
    ("GET", DETAILS), ("POST", DETAILS),
}
OPENED = {"unsubscribe": subscription, "preferences": preferences, "acknowledge": acknowledgement,
          "council-details": council_details}
HEADINGS = {"unsubscribe": ("Unsubscribe from these emails", "Dad-danysgrifio o'r negeseuon e-bost hyn"),
            "preferences": ("Your email preferences", "Eich dewisiadau e-bost"),
            "acknowledge": ("What has your council done with this bulletin?",
                            "Beth mae eich cyngor wedi'i wneud gyda'r bwletin hwn?"),
            "council-details": ("Are these details correct?",
                                "Ydy'r manylion hyn yn gywir?")}
ONE_CLICK = {"List-Unsubscribe": "One-Click"}


@pytest.fixture
def ports() -> WebPorts:
    return notification_ports()


def href(lang: str, page: str, *more: str, tenant: str = TENANT, token: str = TOKEN) -> str:
    return "/".join([f"/{lang}/{tenant}/{page}/{token}", *more])


@IN_BOTH_LANGUAGES
@pytest.mark.parametrize("kind", sorted(OPENED))
async def test_a_link_opens_its_page_in_its_language_and_is_never_cached(pages: PageClient, ports: WebPorts,
                                                                         lang: str, kind: str) -> None:
    opens(ports, kind, OPENED[kind]())
    page = await pages.get(href(lang, kind))
    assert (page.status, page.lang, page.h1) == (200, lang, HEADINGS[kind][lang == "cy"])
    assert page.response.headers["cache-control"] == "no-store"
    other = "cy" if lang == "en" else "en"
    assert page.soup.find("link", hreflang=other, rel="alternate")["href"] == href(other, kind)


@IN_BOTH_LANGUAGES
@pytest.mark.parametrize("kind", sorted(OPENED))
async def test_a_forged_malformed_or_other_offices_link_is_the_404_page(pages: PageClient, ports: WebPorts,
                                                                       lang: str, kind: str) -> None:
    opens(ports, kind, OPENED[kind]())
    forged = await pages.get(href(lang, kind, token=FORGED))
    malformed = await pages.get(href(lang, kind, token="a..b"))
    elsewhere = await pages.get(href(lang, kind, tenant="cheshire"))
    assert [forged.status, malformed.status, elsewhere.status] == [404, 404, 404]
    assert forged.lang == lang
    assert [call[1] for call in ports.notifications.calls] == [api_path(kind, FORGED), api_path(kind)]


async def test_opening_the_unsubscribe_page_never_unsubscribes(pages: PageClient, ports: WebPorts) -> None:
    opens(ports, "unsubscribe", subscription())
    page = await pages.get(href("en", "unsubscribe"), headers={"user-agent": "link-scanner"})
    assert page.status == 200
    assert "Consultations" in page.text() and "Office" in page.text()
    assert {call[0] for call in ports.notifications.calls} == {"GET"}


@IN_BOTH_LANGUAGES
async def test_a_mail_clients_one_click_post_unsubscribes_without_cookie_or_form_token(
        pages: PageClient, ports: WebPorts, lang: str) -> None:
    opens(ports, "unsubscribe", subscription())
    ports.notifications.on("POST", api_path("unsubscribe"), {"result": "unsubscribed"})
    page = await pages.post(href(lang, "unsubscribe"), ONE_CLICK, csrf=False,
                            headers={"origin": "https://mail.example"})
    assert (page.status, page.lang) == (200, lang)
    assert page.h1 == ("You have unsubscribed", "Rydych chi wedi dad-danysgrifio")[lang == "cy"]
    assert ports.notifications.sent("POST", api_path("unsubscribe")) == ["List-Unsubscribe=One-Click"]


async def test_a_one_click_post_sent_as_multipart_form_data_unsubscribes_too(pages: PageClient,
                                                                             ports: WebPorts) -> None:
    opens(ports, "unsubscribe", subscription())
    ports.notifications.on("POST", api_path("unsubscribe"), {"result": "unsubscribed"})
    page = await pages.post(href("en", "unsubscribe"), csrf=False, files={"List-Unsubscribe": (None, "One-Click")})
    assert page.status == 200
    assert ports.notifications.sent("POST", api_path("unsubscribe")) == ["List-Unsubscribe=One-Click"]


async def test_one_click_is_refused_when_the_link_is_forged_or_another_offices(pages: PageClient,
                                                                              ports: WebPorts) -> None:
    opens(ports, "unsubscribe", subscription())
    ports.notifications.on("POST", api_path("unsubscribe", FORGED), NotFoundThere("forged"))
    forged = await pages.post(href("en", "unsubscribe", token=FORGED), ONE_CLICK, csrf=False)
    elsewhere = await pages.post(href("en", "unsubscribe", tenant="cheshire"), ONE_CLICK, csrf=False)
    assert (forged.status, elsewhere.status) == (404, 404)
    assert ports.notifications.sent("POST", api_path("unsubscribe")) == []


async def test_only_the_unsubscribe_page_takes_a_one_click_post(pages: PageClient, ports: WebPorts) -> None:
    opens(ports, "preferences", preferences())
    ports.notifications.on("PUT", api_path("preferences"), {})
    page = await pages.post(href("en", "preferences"), ONE_CLICK, csrf=False)
    assert page.status == 400
    assert ports.notifications.sent("PUT", api_path("preferences")) == []


@pytest.mark.parametrize("body", [{}, {"List-Unsubscribe": "One-Click", "more": "1"},
                                  {"List-Unsubscribe": "one-click"}, {"unsubscribe": "One-Click"}])
async def test_any_other_post_without_the_form_token_is_refused(pages: PageClient, ports: WebPorts,
                                                                body: dict) -> None:
    opens(ports, "unsubscribe", subscription())
    ports.notifications.on("POST", api_path("unsubscribe"), {"result": "unsubscribed"})
    page = await pages.post(href("en", "unsubscribe"), body, csrf=False)
    assert page.status == 400
    assert ports.notifications.sent("POST", api_path("unsubscribe")) == []


@IN_BOTH_LANGUAGES
async def test_the_unsubscribe_button_unsubscribes_and_confirms(pages: PageClient, ports: WebPorts,
                                                               lang: str) -> None:
    opens(ports, "unsubscribe", subscription(preferences_token="p" * 40))
    ports.notifications.on("POST", api_path("unsubscribe"), {"result": "unsubscribed"})
    await pages.get(href(lang, "unsubscribe"))
    page = await pages.post(href(lang, "unsubscribe"))
    assert page.status == 200
    assert page.soup.select_one(".govuk-panel__title").get_text(strip=True) == (
        "You have unsubscribed", "Rydych chi wedi dad-danysgrifio")[lang == "cy"]
    assert page.soup.find("a", href=f"/{lang}/{TENANT}/preferences/{'p' * 40}")
    assert ports.notifications.sent("POST", api_path("unsubscribe")) == [None]


async def test_a_form_posted_from_another_site_is_refused(pages: PageClient, ports: WebPorts) -> None:
    opens(ports, "unsubscribe", subscription())
    await pages.get(href("en", "unsubscribe"))
    page = await pages.post(href("en", "unsubscribe"), headers={"origin": "https://elsewhere.example"})
    assert page.status == 403
    assert ports.notifications.sent("POST", api_path("unsubscribe")) == []


async def test_an_unsubscribed_link_says_so_and_offers_no_button(pages: PageClient, ports: WebPorts) -> None:
    opens(ports, "unsubscribe", subscription(unsubscribed=True))
    page = await pages.get(href("en", "unsubscribe"))
    assert page.status == 200 and page.soup.select_one(".govuk-panel__title").get_text(strip=True) == \
        "You are unsubscribed"
    assert not page.soup.find("form")


@IN_BOTH_LANGUAGES
async def test_fewer_emails_needs_a_choice_then_keeps_the_subscription_as_a_digest(pages: PageClient,
                                                                                   ports: WebPorts,
                                                                                   lang: str) -> None:
    opens(ports, "unsubscribe", subscription())
    ports.notifications.on("POST", api_path("unsubscribe", TOKEN, "fewer"), {})
    await pages.get(href(lang, "unsubscribe"))
    unchosen = await pages.post(href(lang, "unsubscribe", "fewer"))
    assert unchosen.status_and_links() == (422, ["#frequency"])
    chosen = await pages.post(href(lang, "unsubscribe", "fewer"), {"frequency": "weekly"})
    assert chosen.status == 200 and ("one email a week", "un e-bost yr wythnos")[lang == "cy"] in chosen.text()
    assert ports.notifications.sent("POST", api_path("unsubscribe", TOKEN, "fewer")) == [{"frequency": "weekly"}]
    assert ports.notifications.sent("POST", api_path("unsubscribe")) == []


async def test_the_preferences_page_shows_what_is_set(pages: PageClient, ports: WebPorts) -> None:
    opens(ports, "preferences", preferences(weekly_cap=3))
    page = await pages.get(href("en", "preferences"))
    checked = {field["name"]: field["value"] for field in page.soup.select("input[type=radio][checked]")}
    assert checked == {"frequency-0": "immediately", "frequency-1": "weekly"}
    shown = {field["name"]: field.get("value") for field in page.soup.select("input[type=text]")}
    assert shown == {"quiet-email-starts": None, "quiet-email-ends": None, "quiet-sms-starts": "21:00",
                     "quiet-sms-ends": "07:30", "weekly_cap": "3"}


@IN_BOTH_LANGUAGES
async def test_preferences_are_saved_as_the_form_says(pages: PageClient, ports: WebPorts, lang: str) -> None:
    opens(ports, "preferences", preferences())
    ports.notifications.on("PUT", api_path("preferences"), {})
    await pages.get(href(lang, "preferences"))
    page = await pages.post(href(lang, "preferences"), {
        "frequency-0": "daily", "frequency-1": "unsubscribe", "quiet-email-starts": "9.30",
        "quiet-email-ends": "7:00", "quiet-sms-starts": "", "quiet-sms-ends": "", "weekly_cap": " 4 "})
    assert page.status == 200
    assert page.h1 == ("Your preferences are saved", "Mae eich dewisiadau wedi'u cadw")[lang == "cy"]
    assert ports.notifications.sent("PUT", api_path("preferences")) == [{
        "subscriptions": [{"sender": "office", "topic": "consultations", "frequency": "daily", "channels": ["email"]},
                          {"sender": "force", "topic": "neighbourhood-alerts", "frequency": "weekly",
                           "channels": []}],
        "quiet_hours": [{"channel": "email", "starts": "09:30", "ends": "07:00"}], "weekly_cap": 4}]


@IN_BOTH_LANGUAGES
async def test_preferences_with_problems_are_shown_again_and_not_saved(pages: PageClient, ports: WebPorts,
                                                                       lang: str) -> None:
    opens(ports, "preferences", preferences())
    await pages.get(href(lang, "preferences"))
    page = await pages.post(href(lang, "preferences"), {
        "frequency-0": "hourly", "frequency-1": "weekly", "quiet-email-starts": "25:00",
        "quiet-sms-starts": "22:00", "quiet-sms-ends": "22:00", "weekly_cap": "101"})
    assert page.status_and_links() == (422, ["#frequency-0", "#quiet-email-starts", "#quiet-email-ends",
                                             "#quiet-sms-ends", "#weekly_cap"])
    assert page.soup.find("input", {"name": "quiet-email-starts"})["value"] == "25:00"
    assert ports.notifications.sent("PUT", api_path("preferences")) == []


@pytest.mark.parametrize("cap", ["²", "٣", "1e2", "-1"])
async def test_a_weekly_cap_that_is_not_a_plain_number_is_a_problem_not_a_crash(pages: PageClient, ports: WebPorts,
                                                                               cap: str) -> None:
    opens(ports, "preferences", preferences())
    await pages.get(href("en", "preferences"))
    page = await pages.post(href("en", "preferences"), {"frequency-0": "immediately", "frequency-1": "weekly",
                                                         "weekly_cap": cap})
    assert page.status_and_links() == (422, ["#weekly_cap"])


@pytest.mark.parametrize(("kind", "method", "answer", "form", "refused"), [
    ("preferences", "PUT", preferences, {"frequency-0": "daily", "frequency-1": "weekly", "weekly_cap": "40"},
     {"weekly_cap": "too many"}),
    ("council-details", "POST", council_details, {"correct": "no", "email": "a@b.example", "mobile": "01632 960 001"},
     {"mobile": "not a mobile"}),
])
async def test_the_services_refusal_of_an_answer_is_shown_by_its_field(pages: PageClient, ports: WebPorts, kind: str,
                                                                       method: str, answer, form: dict,
                                                                       refused: dict) -> None:
    opens(ports, kind, answer())
    ports.notifications.on(method, api_path(kind), InvalidAnswers(refused))
    await pages.get(href("en", kind))
    page = await pages.post(href("en", kind), form)
    assert page.status_and_links() == (422, [f"#{field}" for field in refused])


@IN_BOTH_LANGUAGES
@pytest.mark.parametrize(("form", "links"), [
    ({}, ["#state"]),
    ({"state": "on_agenda"}, ["#agenda_date-day"]),
    ({"state": "on_agenda", "agenda_date-day": "31", "agenda_date-month": "2", "agenda_date-year": "2027"},
     ["#agenda_date-day"]),
    ({"state": "received", "note": "x" * 1001}, ["#note"]),
])
async def test_an_acknowledgement_with_problems_is_not_sent(pages: PageClient, ports: WebPorts, lang: str,
                                                           form: dict, links: list[str]) -> None:
    opens(ports, "acknowledge", acknowledgement())
    await pages.get(href(lang, "acknowledge"))
    page = await pages.post(href(lang, "acknowledge"), form)
    assert page.status_and_links() == (422, links)
    assert ports.notifications.sent("POST", api_path("acknowledge")) == []


@IN_BOTH_LANGUAGES
@pytest.mark.parametrize(("form", "sent", "shown"), [
    ({"state": "on_agenda", "agenda_date-day": "14", "agenda_date-month": "4", "agenda_date-year": "2027",
      "note": " Item 6 "},
     {"state": "on_agenda", "agenda_date": "2027-04-14", "note": "Item 6"}, ("14 April 2027", "14 Ebrill 2027")),
    ({"state": "shared", "agenda_date-day": "99"}, {"state": "shared", "agenda_date": None, "note": None},
     ("shared", "rhannu")),
])
async def test_a_council_acknowledges_a_bulletin(pages: PageClient, ports: WebPorts, lang: str, form: dict,
                                                 sent: dict, shown: tuple[str, str]) -> None:
    opens(ports, "acknowledge", acknowledgement())
    ports.notifications.on("POST", api_path("acknowledge"), {})
    await pages.get(href(lang, "acknowledge"))
    page = await pages.post(href(lang, "acknowledge"), form)
    assert page.status == 200 and shown[lang == "cy"] in page.soup.find(id="recorded").get_text()
    assert ports.notifications.sent("POST", api_path("acknowledge")) == [sent]


async def test_an_answer_behind_the_councils_last_is_explained(pages: PageClient, ports: WebPorts) -> None:
    opens(ports, "acknowledge", acknowledgement(state="shared"))
    ports.notifications.on("POST", api_path("acknowledge"), Refused(409, "the state would move back"))
    await pages.get(href("cy", "acknowledge"))
    page = await pages.post(href("cy", "acknowledge"), {"state": "received"})
    assert page.status_and_links() == (422, ["#state"])
    assert page.field_messages() == ["Mae eich cyngor eisoes wedi dweud wrthym ei fod wedi gwneud mwy na hyn. "
                                     "Dewiswch gam diweddarach"]


async def test_an_earlier_acknowledgement_is_shown_to_change(pages: PageClient, ports: WebPorts) -> None:
    opens(ports, "acknowledge", acknowledgement(state="on_agenda", agenda_date="2027-04-14"))
    page = await pages.get(href("en", "acknowledge"))
    assert page.soup.select_one("input[name=state][checked]")["value"] == "on_agenda"
    assert [page.soup.find("input", {"name": f"agenda_date-{part}"})["value"] for part in ("day", "month", "year")] \
        == ["14", "4", "2027"]
    assert "Rural crime plan" in page.text()


@IN_BOTH_LANGUAGES
@pytest.mark.parametrize(("form", "links", "sent"), [
    ({}, ["#correct"], None),
    ({"correct": "no", "email": "", "mobile": ""}, ["#email"], None),
    ({"correct": "no", "email": "clerk@", "mobile": "12"}, ["#email", "#mobile"], None),
    ({"correct": "yes", "email": "ignored"}, [], {"confirmed": True}),
    ({"correct": "no", "email": "new.clerk@llanfoist.example", "mobile": "07700 900 456"}, [],
     {"email": "new.clerk@llanfoist.example", "mobile": "07700 900 456"}),
])
async def test_a_clerk_confirms_or_corrects_the_councils_details(pages: PageClient, ports: WebPorts, lang: str,
                                                                 form: dict, links: list[str],
                                                                 sent: dict | None) -> None:
    opens(ports, "council-details", council_details())
    ports.notifications.on("POST", api_path("council-details"), {})
    await pages.get(href(lang, "council-details"))
    page = await pages.post(href(lang, "council-details"), form)
    assert page.status_and_links() == (422 if links else 200, links)
    assert ports.notifications.sent("POST", api_path("council-details")) == ([sent] if sent else [])


async def test_the_clerks_page_shows_the_details_held(pages: PageClient, ports: WebPorts) -> None:
    opens(ports, "council-details", council_details())
    page = await pages.get(href("en", "council-details"))
    rows = {row.select_one("dt").get_text(strip=True): row.select_one("dd").get_text(" ", strip=True)
            for row in page.soup.select("#details .govuk-summary-list__row")}
    assert rows == {"Council": "Llanfoist Community Council", "Area": "Monmouthshire", "Role": "Clerk",
                    "Name": "Rhian Price", "Email address": "clerk@llanfoist.example",
                    "Mobile number": "07700 900 123", "Last confirmed": "1 February 2026"}


@IN_BOTH_LANGUAGES
@pytest.mark.parametrize("kind", sorted(OPENED))
async def test_service_trouble_is_the_unavailable_page(pages: PageClient, ports: WebPorts, lang: str,
                                                       kind: str) -> None:
    ports.notifications.on("GET", api_path(kind), ServiceUnavailable("down"))
    page = await pages.get(href(lang, kind))
    assert (page.status, page.lang, page.response.headers["retry-after"]) == (503, lang, "30")


async def test_without_a_notifications_api_the_pages_are_unavailable_not_broken(ports: WebPorts) -> None:
    from tests.support.web_pages import app_with, fake_ports

    app = app_with(fake_ports())
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://peel.test") as client:
            response = await client.get(href("en", "preferences"))
    assert response.status_code == 503
