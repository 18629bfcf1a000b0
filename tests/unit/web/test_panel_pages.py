"""Questions to the Police and Crime Panel: the meetings, a meeting's rules and answers, asking, checking, sent."""

from __future__ import annotations

import pytest

from peel.web.service_layer.ports import InvalidAnswers, Refused, WebPorts
from tests.support.web_pages import IN_BOTH_LANGUAGES, PageClient, headed

MEETING_ID = "5d1e4c1a-8f0b-4c39-9a53-2f4e6b7d8c90"
BASE = "/{lang}/{tenant}/panel/meetings/{meeting_id}"
COVERS = {
    ("GET", "/{lang}/{tenant}/panel"), ("GET", BASE), ("GET", BASE + "/question"), ("POST", BASE + "/question"),
    ("GET", BASE + "/details"), ("POST", BASE + "/details"), ("GET", BASE + "/check"), ("POST", BASE + "/check"),
    ("GET", BASE + "/sent"),
}
API = f"/v1/public/panel/meetings/{MEETING_ID}"
ASK = f"/v1/panel/meetings/{MEETING_ID}/questions"


def meeting(**changes: object) -> dict:
    return {"id": MEETING_ID, "tenant": "cheshire", "starts_at": "2027-02-10T18:00:00Z", "meeting_date": "2027-02-10",
            "title": {"en": "Police and Crime Panel, February", "cy": "Panel Heddlu a Throseddu, Chwefror"},
            "venue": {"en": "Wyvern House, Winsford", "cy": None}, "submissions_close_on": "2027-02-01",
            "word_limit": 5, "open_for_questions": True, "links": {}, **changes}


def answered(*answers: dict) -> dict:
    return {"meeting_id": MEETING_ID, "meeting_date": "2027-02-10", "title": meeting()["title"],
            "answers": list(answers), "links": {}}


ANSWER = {"id": "a1", "question": "Why was the station closed?", "response": {"en": "It moved.", "cy": "Symudodd."},
          "submitted_on": "2026-10-01", "answered_on": "2026-11-01", "published_on": "2026-11-02"}


def panel_api(ports: WebPorts, **changes: object) -> None:
    ports.consultation.on("GET", API, meeting(**changes))
    ports.consultation.on("GET", API + "/answered", answered(ANSWER))
    ports.consultation.on("GET", "/v1/public/cheshire/panel/meetings", [meeting(**changes)])


async def fill_in(pages: PageClient, lang: str, question: str = "Why are there fewer patrols?") -> None:
    base = f"/{lang}/cheshire/panel/meetings/{MEETING_ID}"
    await pages.get(base + "/question")
    await pages.post(base + "/question", {"question": question})
    await pages.post(base + "/details", {"name": "Ada Jones", "email": "ada@example.org", "area": "CW1"})


@headed("Ask the Police and Crime Panel a question", "Gofyn cwestiwn i'r Panel Heddlu a Throseddu")
async def test_the_meetings_taking_questions(pages: PageClient, ports: WebPorts, lang: str, heading: str) -> None:
    panel_api(ports)
    page = await pages.get(f"/{lang}/cheshire/panel")
    assert (page.status, page.lang, page.h1) == (200, lang, heading)
    assert page.soup.find("a", href=f"/{lang}/cheshire/panel/meetings/{MEETING_ID}")


@IN_BOTH_LANGUAGES
async def test_a_meeting_shows_the_rules_and_the_answered_questions(pages: PageClient, ports: WebPorts,
                                                                    lang: str) -> None:
    panel_api(ports)
    page = await pages.get(f"/{lang}/cheshire/panel/meetings/{MEETING_ID}")
    assert (page.status, page.lang) == (200, lang)
    assert page.h1 == ("Police and Crime Panel, February" if lang == "en" else "Panel Heddlu a Throseddu, Chwefror")
    assert page.soup.find("a", href=f"/{lang}/cheshire/panel/meetings/{MEETING_ID}/question")
    assert "5 words" in page.text() if lang == "en" else "5 gair" in page.text()
    assert "Why was the station closed?" in page.text()
    assert ("It moved." if lang == "en" else "Symudodd.") in page.text()
    venue = page.soup.find(string=lambda text: text.strip() == "Wyvern House, Winsford")
    assert venue.parent.get("lang") == ("en" if lang == "cy" else None)


async def test_a_closed_meeting_takes_no_question_but_shows_its_answers(pages: PageClient, ports: WebPorts) -> None:
    panel_api(ports, open_for_questions=False)
    page = await pages.get(f"/en/cheshire/panel/meetings/{MEETING_ID}")
    assert not page.soup.find("a", href=f"/en/cheshire/panel/meetings/{MEETING_ID}/question")
    assert "stopped taking questions" in page.text() and "Why was the station closed?" in page.text()
    for step in ("question", "check"):
        asking = await pages.get(f"/en/cheshire/panel/meetings/{MEETING_ID}/{step}")
        assert (asking.status, asking.h1) == (409, "This meeting is no longer taking questions")


@pytest.mark.parametrize("path", ["", "/question", "/details", "/check", "/sent"])
async def test_another_offices_meeting_is_not_found(pages: PageClient, ports: WebPorts, path: str) -> None:
    panel_api(ports, tenant="gwent")
    page = await pages.get(f"/en/cheshire/panel/meetings/{MEETING_ID}{path}")
    assert page.status == 404


async def test_without_the_meetings_office_only_a_meeting_the_office_lists_is_shown(pages: PageClient,
                                                                                  ports: WebPorts) -> None:
    panel_api(ports)
    ports.consultation.on("GET", API, {key: value for key, value in meeting().items() if key != "tenant"})
    assert (await pages.get(f"/en/cheshire/panel/meetings/{MEETING_ID}")).status == 200
    ports.consultation.on("GET", "/v1/public/gwent/panel/meetings", [])
    assert (await pages.get(f"/en/gwent/panel/meetings/{MEETING_ID}")).status == 404


async def test_a_malformed_meeting_id_is_not_found(pages: PageClient) -> None:
    assert (await pages.get("/cy/cheshire/panel/meetings/not-a-meeting")).status == 404


@pytest.mark.parametrize(("lang", "heading", "error"), [
    ("en", "What is your question?", "Enter your question"),
    ("cy", "Beth yw eich cwestiwn?", "Rhowch eich cwestiwn"),
])
async def test_the_question_page_counts_words_and_needs_a_question(pages: PageClient, ports: WebPorts, lang: str,
                                                                   heading: str, error: str) -> None:
    panel_api(ports)
    page = await pages.get(f"/{lang}/cheshire/panel/meetings/{MEETING_ID}/question")
    assert (page.status, page.lang, page.h1) == (200, lang, heading)
    assert page.csrf()
    counted = page.soup.find(attrs={"data-module": "govuk-character-count"})
    assert counted["data-maxwords"] == "5"
    if lang == "cy":
        assert counted["data-i18n.words-under-limit.few"] == "Mae gennych %{count} gair yn weddill"
    empty = await pages.post(f"/{lang}/cheshire/panel/meetings/{MEETING_ID}/question", {"question": "  "})
    assert (empty.status, empty.error_links()) == (422, {"#question": error})
    assert empty.title.startswith("Error: " if lang == "en" else "Gwall: ")


async def test_a_question_over_the_word_limit_is_kept_and_refused(pages: PageClient, ports: WebPorts) -> None:
    panel_api(ports)
    await pages.get(f"/en/cheshire/panel/meetings/{MEETING_ID}/question")
    page = await pages.post(f"/en/cheshire/panel/meetings/{MEETING_ID}/question",
                            {"question": "one two three four five six"})
    assert page.error_links() == {"#question": "Your question must be 5 words or fewer"}
    assert page.soup.find("textarea").get_text() == "one two three four five six"


@headed("Your details", "Eich manylion")
async def test_the_details_page_needs_a_name_and_a_good_email(pages: PageClient, ports: WebPorts, lang: str,
                                                              heading: str) -> None:
    panel_api(ports)
    page = await pages.get(f"/{lang}/cheshire/panel/meetings/{MEETING_ID}/details")
    assert (page.status, page.lang, page.h1) == (200, lang, heading)
    assert page.csrf()
    wrong = await pages.post(f"/{lang}/cheshire/panel/meetings/{MEETING_ID}/details",
                             {"name": "", "email": "ada.example.org", "area": "CW1 2AB"})
    assert wrong.status == 422
    assert list(wrong.error_links()) == ["#name", "#email", "#area"]
    assert wrong.field_messages() == list(wrong.error_links().values())
    assert wrong.soup.find("input", {"name": "email"})["value"] == "ada.example.org"


@IN_BOTH_LANGUAGES
async def test_check_change_and_send(pages: PageClient, ports: WebPorts, lang: str) -> None:
    panel_api(ports)
    ports.consultation.on("POST", ASK, {"id": "q1", "meeting_id": MEETING_ID, "status": "received",
                                        "word_count": 5, "submitted_at": "2026-12-07T10:00:00Z"})
    await fill_in(pages, lang)
    base = f"/{lang}/cheshire/panel/meetings/{MEETING_ID}"
    check = await pages.get(base + "/check")
    assert (check.status, check.lang) == (200, lang)
    assert check.h1 == ("Check your question before sending it" if lang == "en" else
                        "Gwiriwch eich cwestiwn cyn ei anfon")
    assert check.soup.find("a", href=base + "/question")
    changed = await pages.post(base + "/question", {"question": "Why are patrols fewer?"}, follow_redirects=False)
    assert changed.response.headers["location"] == base + "/check"
    sent = await pages.post(base + "/check", {}, follow_redirects=True)
    assert ports.consultation.posted(ASK) == [{"name": "Ada Jones", "email": "ada@example.org", "area": "CW1",
                                               "question": "Why are patrols fewer?"}]
    assert (sent.status, sent.lang) == (200, lang)
    assert sent.h1 == ("Question sent" if lang == "en" else "Cwestiwn wedi'i anfon")
    again = await pages.get(base + "/sent")
    assert again.status == 200
    twice = await pages.post(base + "/check", {}, follow_redirects=False)
    assert twice.response.headers["location"] == base + "/sent" and len(ports.consultation.posted(ASK)) == 1


async def test_the_check_page_waits_for_the_answers(pages: PageClient, ports: WebPorts) -> None:
    panel_api(ports)
    page = await pages.get(f"/en/cheshire/panel/meetings/{MEETING_ID}/check", follow_redirects=False)
    assert page.response.headers["location"] == f"/en/cheshire/panel/meetings/{MEETING_ID}/question"
    sent = await pages.get(f"/en/cheshire/panel/meetings/{MEETING_ID}/sent", follow_redirects=False)
    assert sent.response.headers["location"] == f"/en/cheshire/panel/meetings/{MEETING_ID}"


async def test_one_question_per_person(pages: PageClient, ports: WebPorts) -> None:
    panel_api(ports)
    ports.consultation.on("POST", ASK, Refused(409, "this email address has already been used"))
    await fill_in(pages, "cy")
    page = await pages.post(f"/cy/cheshire/panel/meetings/{MEETING_ID}/check", {})
    assert page.status_and_links() == (409, [f"/cy/cheshire/panel/meetings/{MEETING_ID}/details"])


async def test_past_the_deadline_nothing_is_sent(pages: PageClient, ports: WebPorts) -> None:
    panel_api(ports)
    await fill_in(pages, "en")

    def closes(_body: object, _headers: object) -> Refused:
        panel_api(ports, open_for_questions=False)
        return Refused(409, "submissions closed")

    ports.consultation.on("POST", ASK, closes)
    page = await pages.post(f"/en/cheshire/panel/meetings/{MEETING_ID}/check", {})
    assert (page.status, page.h1) == (409, "This meeting is no longer taking questions")


async def test_fields_the_service_refuses_lead_back_to_their_page(pages: PageClient, ports: WebPorts) -> None:
    panel_api(ports)
    ports.consultation.on("POST", ASK, InvalidAnswers({"email": "value is not a valid email address"}))
    await fill_in(pages, "en")
    page = await pages.post(f"/en/cheshire/panel/meetings/{MEETING_ID}/check", {})
    assert page.status == 422
    assert page.error_links() == {f"/en/cheshire/panel/meetings/{MEETING_ID}/details":
                                  "Enter an email address in the correct format, like name@example.com"}


async def test_a_forged_question_is_refused_and_nothing_is_sent(pages: PageClient, ports: WebPorts) -> None:
    panel_api(ports)
    ports.consultation.on("POST", ASK, {"id": "q1"})
    await fill_in(pages, "en")
    page = await pages.post(f"/en/cheshire/panel/meetings/{MEETING_ID}/check", {"csrf_token": "forged"})
    assert page.status == 400 and ports.consultation.posted(ASK) == []
