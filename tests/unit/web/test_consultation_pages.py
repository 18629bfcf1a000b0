"""The consultation pages: start, every question type, routing as the service says, errors then a fix, the optional
pages, check answers with Change, sending once, confirmation, withdrawal, and the closed, not yet open and results
pages; in English and Welsh."""

from __future__ import annotations

import pytest

from peel.web.service_layer.ports import NotFoundThere, Refused, ServiceUnavailable, WebPorts
from tests.support.web_pages import Html, PageClient
from tests.unit.web.consultation_fixtures import (
    EARLIER,
    OFFICE,
    PLAN,
    PRECEPT,
    SURVEY_ID,
    consultation,
    serve,
)

BASE = "/{lang}/{tenant}/consultations/{consultation_id}"
COVERS = {
    ("GET", BASE), ("GET", BASE + "/questions/{key}"), ("POST", BASE + "/questions/{key}"),
    ("GET", BASE + "/details/{step}"), ("POST", BASE + "/details/{step}"),
    ("GET", BASE + "/check-answers"), ("POST", BASE + "/check-answers"), ("GET", BASE + "/confirmation"),
    ("GET", BASE + "/responses/{response_id}/withdraw"), ("POST", BASE + "/responses/{response_id}/withdraw"),
    ("GET", BASE + "/responses/{response_id}/withdrawn"),
}
LANGS = ["en", "cy"]
RESPONSE_ID = "3c4d5e6f-7081-4920-a3b4-c5d6e7f80912"
RECEIPT = {"id": RESPONSE_ID, "consultation_id": SURVEY_ID, "submitted_at": "2026-12-07T10:00:00Z",
           "withdrawal_token": "wt-0123456789abcdef"}
EVERY_ANSWER = [("priority", {"answer": "roads"}), ("also", {"answer": ["asb", "rural"]}),
                ("safety", {"answer": "4"}),
                ("order", {"rank-1": "roads", "rank-2": "asb", "rank-3": "rural"}), ("years", {"answer": "12"}),
                ("budget", {"line-patrols": "-5", "line-cyber": "0", "precept-change": "0"}),
                ("comments", {"answer": "More patrols, please."})]


def href(lang: str, *parts: str) -> str:
    return "/".join([f"/{lang}/cheshire/consultations/{SURVEY_ID}", *parts]).rstrip("/")


def location(page: Html) -> str:
    return page.response.headers.get("location", "")


async def answer(pages: PageClient, lang: str, key: str, form: dict, query: str = "") -> Html:
    await pages.get(href(lang, "questions", key) + query)
    return await pages.post(href(lang, "questions", key) + query, form)


async def answer_all(pages: PageClient, lang: str) -> None:
    for key, form in EVERY_ANSWER:
        assert (await answer(pages, lang, key, form)).status == 303, key


@pytest.mark.parametrize(("lang", "who"), [("en", "Police and Crime Commissioner for Cheshire"),
                                           ("cy", "Comisiynydd yr Heddlu a Throseddu Cheshire")])
async def test_the_start_page_says_who_is_consulting_and_until_when(pages: PageClient, ports: WebPorts, lang: str,
                                                                    who: str) -> None:
    serve(ports, consultation())
    page = await pages.get(href(lang))
    assert (page.status, page.lang) == (200, lang)
    assert page.h1 == ("Policing priorities" if lang == "en" else "Blaenoriaethau plismona")
    assert who in page.text()
    start = page.soup.select_one("a.govuk-button--start")
    assert start["href"] == href(lang, "questions", "priority")
    assert not page.soup.find("a", href=href(lang, "check-answers"))


async def test_a_resident_who_has_started_can_continue_where_they_left_off(pages: PageClient,
                                                                           ports: WebPorts) -> None:
    serve(ports, consultation())
    await answer(pages, "en", "priority", {"answer": "asb"})
    page = await pages.get(href("en"))
    assert page.soup.find("a", href=href("en", "check-answers"))
    onward = await pages.get(href("en", "check-answers"), follow_redirects=False)
    assert location(onward) == href("en", "questions", "also")
    back = await pages.get(href("en", "questions", "priority"))
    assert back.soup.select_one("input[value=asb]").has_attr("checked")


@pytest.mark.parametrize("lang", LANGS)
async def test_another_offices_consultation_is_not_found(pages: PageClient, ports: WebPorts, lang: str) -> None:
    ports.consultation.on("GET", OFFICE + SURVEY_ID, NotFoundThere("another office's"))
    page = await pages.get(href(lang))
    assert (page.status, page.lang) == (404, lang)
    assert "Policing priorities" not in page.response.text


@pytest.mark.parametrize(("lang", "status", "says"), [
    ("en", "scheduled", "This consultation is not open yet."), ("cy", "scheduled", "Nid yw'r ymgynghoriad hwn ar agor"),
    ("en", "closed", "This consultation has closed."), ("cy", "closed", "Mae'r ymgynghoriad hwn wedi cau."),
])
async def test_a_consultation_not_open_says_so_and_its_questions_lead_back(pages: PageClient, ports: WebPorts,
                                                                          lang: str, status: str, says: str) -> None:
    serve(ports, consultation(status=status))
    page = await pages.get(href(lang))
    assert page.status == 200 and says in page.text()
    assert not page.soup.select("a.govuk-button--start")
    question = await pages.get(href(lang, "questions", "priority"), follow_redirects=False)
    assert location(question) == href(lang)


async def test_an_open_consultation_past_its_closing_date_is_closed(pages: PageClient, ports: WebPorts) -> None:
    serve(ports, consultation(closes_at=EARLIER))
    assert "This consultation has closed." in (await pages.get(href("en"))).text()


@pytest.mark.parametrize(("lang", "heading"), [("en", "What we did"), ("cy", "Beth wnaethom ni")])
async def test_we_asked_you_said_we_did(pages: PageClient, ports: WebPorts, lang: str, heading: str) -> None:
    serve(ports, consultation(status="results_published", closes_at=EARLIER,
                              outcome={"en": "We put more officers on patrol.", "cy": "Rhoesom fwy o swyddogion."}))
    ports.reporting.on("GET", f"/v1/public/consultations/{SURVEY_ID}/results", {
        "consultation_id": SURVEY_ID, "title": {"en": "Policing priorities"}, "kind": "survey", "responses": 120,
        "questions": [{"key": "priority", "type": "single_choice", "text": {"en": "Which matters most to you?"},
                       "answered": 120, "summary": None, "options": [
                           {"key": "asb", "text": {"en": "Anti-social behaviour"}, "count": 70, "share": 0.58},
                           {"key": "rural", "text": {"en": "Rural crime"}, "count": None, "share": None}]}]})
    page = await pages.get(href(lang))
    assert page.status == 200
    assert heading in page.text()
    assert ("We put more officers on patrol." if lang == "en" else "Rhoesom fwy o swyddogion.") in page.text()
    assert "70 (58%)" in page.text()


async def test_results_not_yet_published_show_the_outcome_alone(pages: PageClient, ports: WebPorts) -> None:
    serve(ports, consultation(status="closed", closes_at=EARLIER, outcome={"en": "We listened.", "cy": None}))
    page = await pages.get(href("cy"))
    assert page.soup.find(string="We listened.").parent.get("lang") == "en"
    assert "Nid yw'r canlyniadau wedi'u cyhoeddi eto." in page.text()


@pytest.mark.parametrize("lang", LANGS)
async def test_each_question_type_has_its_page(pages: PageClient, ports: WebPorts, lang: str) -> None:
    serve(ports, consultation())
    fields = {"priority": "input[type=radio][name=answer]", "also": "input[type=checkbox][name=answer]",
              "safety": "input[type=radio][value='5']", "order": "select#rank-3", "years": "input#answer",
              "budget": "input#line-cyber", "comments": "textarea#answer"}
    for key, selector in fields.items():
        page = await pages.get(href(lang, "questions", key))
        assert (page.status, page.lang) == (200, lang), key
        assert page.soup.select_one(selector), key
        assert page.soup.select_one("h1") and page.csrf(), key


async def test_the_welsh_character_count_has_all_six_forms(pages: PageClient, ports: WebPorts) -> None:
    serve(ports, consultation())
    page = await pages.get(href("cy", "questions", "comments"))
    count = page.soup.select_one("[data-module=govuk-character-count]")
    forms = {name.rsplit(".", 1)[1] for name in count.attrs if name.startswith("data-i18n.characters-under-limit.")}
    assert forms == {"zero", "one", "two", "few", "many", "other"}
    assert count["data-maxlength"] == "200"
    assert "%{count}" in count["data-i18n.characters-under-limit.other"]


async def test_a_welsh_page_marks_english_only_options(pages: PageClient, ports: WebPorts) -> None:
    serve(ports, consultation())
    page = await pages.get(href("cy", "questions", "rural"))
    assert page.soup.find(string="Wildlife crime").parent.get("lang") == "en"


@pytest.mark.parametrize(("lang", "message"), [("en", "Select an answer"), ("cy", "Dewiswch ateb")])
async def test_a_question_left_blank_shows_the_services_verdict_then_takes_the_fix(
        pages: PageClient, ports: WebPorts, lang: str, message: str) -> None:
    serve(ports, consultation())
    page = await answer(pages, lang, "priority", {})
    assert (page.status, page.lang) == (422, lang)
    assert page.error_links() == {"#answer": message}
    assert page.title.startswith("Error:" if lang == "en" else "Gwall:")
    assert message in page.soup.select_one(".govuk-error-message").get_text()
    fixed = await pages.post(href(lang, "questions", "priority"), {"answer": "asb"})
    assert location(fixed) == href(lang, "questions", "also")


async def test_the_check_call_gets_the_answers_so_far_with_blank_ones_as_null(pages: PageClient,
                                                                             ports: WebPorts) -> None:
    serve(ports, consultation())
    await answer(pages, "en", "priority", {"answer": "asb"})
    await answer(pages, "en", "also", {})
    checked = ports.consultation.posted(f"/v1/public/consultations/{SURVEY_ID}/check-answers")
    assert checked[-1] == {"answers": {"priority": "asb", "also": None}}


@pytest.mark.parametrize("lang", LANGS)
async def test_a_routed_away_question_is_skipped_because_the_service_says_so(pages: PageClient, ports: WebPorts,
                                                                            lang: str) -> None:
    serve(ports, consultation())
    assert location(await answer(pages, lang, "priority", {"answer": "roads"})) == href(lang, "questions", "also")
    assert location(await answer(pages, lang, "priority", {"answer": "rural"})) == href(lang, "questions", "rural")


async def test_changing_an_answer_lets_go_of_answers_routing_no_longer_shows(pages: PageClient,
                                                                            ports: WebPorts) -> None:
    serve(ports, consultation())
    await answer(pages, "en", "priority", {"answer": "rural"})
    await answer(pages, "en", "rural", {"answer": "farms"})
    await answer(pages, "en", "priority", {"answer": "roads"})
    await answer(pages, "en", "also", {})
    checked = ports.consultation.posted(f"/v1/public/consultations/{SURVEY_ID}/check-answers")
    assert "rural" not in checked[-1]["answers"]


@pytest.mark.parametrize(("lang", "message"), [("en", "Enter a number"), ("cy", "Rhowch rif")])
async def test_a_number_that_is_not_a_number_is_refused_without_asking_the_service(
        pages: PageClient, ports: WebPorts, lang: str, message: str) -> None:
    serve(ports, consultation())
    page = await answer(pages, lang, "years", {"answer": "twelve"})
    assert page.status == 422 and page.error_links() == {"#answer": message}
    assert page.soup.select_one("input#answer")["value"] == "twelve"
    assert not ports.consultation.posted(f"/v1/public/consultations/{SURVEY_ID}/check-answers")


async def test_an_out_of_range_number_gets_the_questions_range(pages: PageClient, ports: WebPorts) -> None:
    serve(ports, consultation())
    ports.consultation.on("POST", f"/v1/public/consultations/{SURVEY_ID}/check-answers", {
        "errors": [{"loc": ["body", "answers", "years"], "msg": "must be between 0 and 100", "type": "invalid"}],
        "next_question": "years", "all_answered": False})
    page = await answer(pages, "cy", "years", {"answer": "150"})
    assert page.error_links() == {"#answer": "Rhowch rif cyfan rhwng 0 a 100"}


@pytest.mark.parametrize("lang", LANGS)
async def test_the_budget_shows_its_running_total_and_the_services_balance_rule(pages: PageClient, ports: WebPorts,
                                                                               lang: str) -> None:
    serve(ports, consultation())
    form = {"line-patrols": "-5", "line-cyber": "10", "precept-change": "0"}
    total = await answer(pages, lang, "budget", form | {"action": "total"})
    assert total.status == 200
    rows = [row.get_text(" ", strip=True) for row in total.soup.select("#running-total div")]
    assert rows[0].endswith("£0.00") and rows[-1].endswith("£50,000.00")  # -£50,000 + £50,000; £50,000 to save
    assert total.soup.select_one("input#line-cyber")["value"] == "10"
    unbalanced = await pages.post(href(lang, "questions", "budget"), form)
    assert unbalanced.status == 422 and list(unbalanced.error_links()) == ["#line-patrols"]
    balanced = await pages.post(href(lang, "questions", "budget"), form | {"line-cyber": "0"})
    assert location(balanced) == href(lang, "questions", "priority")  # the first question not yet asked


async def test_a_budget_line_the_service_refuses_is_marked_on_that_line(pages: PageClient, ports: WebPorts) -> None:
    serve(ports, consultation())
    ports.consultation.on("POST", f"/v1/public/consultations/{SURVEY_ID}/check-answers", {
        "errors": [{"loc": ["body", "answers", "budget", "changes_percent", "cyber"], "msg": "steps of 10%",
                    "type": "invalid"}], "next_question": "budget", "all_answered": False})
    page = await answer(pages, "en", "budget", {"line-patrols": "-5", "line-cyber": "5"})
    assert page.error_links() == {"#line-cyber": "Enter a change between -20% and 20%, in steps of 10%"}


async def test_a_ranking_with_an_option_twice_is_refused(pages: PageClient, ports: WebPorts) -> None:
    serve(ports, consultation())
    page = await answer(pages, "en", "order", {"rank-1": "asb", "rank-2": "asb", "rank-3": "roads"})
    assert list(page.error_links()) == ["#rank-2"]
    assert page.soup.select_one("select#rank-3 option[selected]")["value"] == "roads"


@pytest.mark.parametrize("lang", LANGS)
async def test_a_draft_plan_section_shows_the_section_with_its_rating(pages: PageClient, ports: WebPorts,
                                                                      lang: str) -> None:
    serve(ports, PLAN)
    page = await pages.get(f"/{lang}/cheshire/consultations/{PLAN['id']}/questions/roads_support")
    assert ("Safer roads" if lang == "en" else "Ffyrdd mwy diogel") in page.h1
    assert ("Fewer deaths on our roads" if lang == "en" else "Llai o farwolaethau") in page.text()
    assert len(page.soup.select("input[type=radio][name=answer]")) == 5


@pytest.mark.parametrize("lang", LANGS)
async def test_precept_options_show_the_band_table(pages: PageClient, ports: WebPorts, lang: str) -> None:
    serve(ports, PRECEPT)
    page = await pages.get(f"/{lang}/cheshire/consultations/{PRECEPT['id']}/questions/precept_option")
    assert len(page.soup.select("input[type=radio][name=answer]")) == 2
    rows = page.soup.select("table")[1].select("tbody tr")
    assert [row.th.get_text() for row in rows] == list("ABCDEFGH")
    assert "£24.00" in rows[-1].get_text() and "£0.46" in rows[-1].get_text()


@pytest.mark.parametrize("lang", LANGS)
async def test_the_optional_pages_then_check_answers(pages: PageClient, ports: WebPorts, lang: str) -> None:
    serve(ports, consultation())
    await answer_all(pages, lang)
    steps = [("postcode", {"answer": "cw1 2ab"}), ("email", {"answer": "resident@example.com"}),
             ("publish", {"answer": "yes"}), ("equality", {"answer": "yes"}), ("age_band", {"answer": "35_44"}),
             ("sex", {}), ("ethnicity", {"answer": "prefer_not_to_say"}), ("disability", {"answer": "no"})]
    for (step, form), following in zip(steps, [*[s for s, _ in steps[1:]], None], strict=True):
        page = await pages.get(href(lang, "details", step))
        assert (page.status, page.lang) == (200, lang) and page.h1, step
        moved = await pages.post(href(lang, "details", step), form)
        assert location(moved) == (href(lang, "details", following) if following else href(lang, "check-answers"))
    check = await pages.get(href(lang, "check-answers"))
    assert check.status == 200 and check.soup.select_one("input[name=idempotency_key]")["value"]
    assert "CW1 2AB" in check.text()


@pytest.mark.parametrize(("lang", "message"), [("en", "Enter a full UK postcode, like CW1 2AB"),
                                               ("cy", "Rhowch god post llawn yn y DU, fel CW1 2AB")])
async def test_a_postcode_that_is_not_one_is_refused(pages: PageClient, ports: WebPorts, lang: str,
                                                     message: str) -> None:
    serve(ports, consultation())
    await pages.get(href(lang, "details", "postcode"))
    page = await pages.post(href(lang, "details", "postcode"), {"answer": "not a postcode"})
    assert page.status == 422 and page.error_links() == {"#answer": message}


async def test_the_publish_question_is_asked_only_after_free_text(pages: PageClient, ports: WebPorts) -> None:
    serve(ports, consultation())
    for key, form in [*EVERY_ANSWER[:-1], ("comments", {})]:
        await answer(pages, "en", key, form)
    await pages.get(href("en", "details", "email"))
    assert location(await pages.post(href("en", "details", "email"), {})) == href("en", "details", "equality")


@pytest.mark.parametrize("lang", LANGS)
async def test_change_goes_to_the_question_and_back_to_check_answers(pages: PageClient, ports: WebPorts,
                                                                     lang: str) -> None:
    serve(ports, consultation())
    await answer_all(pages, lang)
    check = await pages.get(href(lang, "check-answers"))
    change = check.soup.find("a", href=href(lang, "questions", "safety") + "?change=true")
    assert change and change.select_one(".govuk-visually-hidden")
    page = await pages.get(change["href"])
    assert page.soup.select_one("input[value='4']").has_attr("checked")
    assert page.soup.select_one("main .govuk-back-link")["href"] == href(lang, "check-answers")
    moved = await pages.post(change["href"], {"answer": "2"})
    assert location(moved) == href(lang, "check-answers")
    again = await pages.get(href(lang, "check-answers"))
    rows = again.soup.select(".govuk-summary-list__row")
    values = {row.dt.get_text(strip=True): row.dd.get_text(strip=True) for row in rows}
    assert values["How safe do you feel?" if lang == "en" else "Pa mor ddiogel ydych chi'n teimlo?"] == "2"


async def test_a_change_that_routes_to_a_new_question_asks_it_before_check_answers(pages: PageClient,
                                                                                   ports: WebPorts) -> None:
    serve(ports, consultation())
    await answer_all(pages, "en")
    moved = await answer(pages, "en", "priority", {"answer": "rural"}, "?change=true")
    assert location(moved) == href("en", "questions", "rural") + "?change=true"
    assert location(await answer(pages, "en", "rural", {"answer": "farms"}, "?change=true")) == href(
        "en", "check-answers")


async def test_check_answers_sends_back_to_an_unanswered_question(pages: PageClient, ports: WebPorts) -> None:
    serve(ports, consultation())
    await answer(pages, "en", "priority", {"answer": "asb"})
    page = await pages.get(href("en", "check-answers"), follow_redirects=False)
    assert location(page) == href("en", "questions", "also")


@pytest.mark.parametrize("lang", LANGS)
async def test_send_posts_the_response_once_with_its_idempotency_key(pages: PageClient, ports: WebPorts,
                                                                     lang: str) -> None:
    serve(ports, consultation())
    ports.consultation.on("POST", f"/v1/consultations/{SURVEY_ID}/responses", RECEIPT)
    await answer_all(pages, lang)
    for step, form in [("postcode", {"answer": "CW1 2AB"}), ("email", {}), ("publish", {"answer": "no"}),
                       ("equality", {"answer": "yes"}), ("age_band", {"answer": "75_plus"}), ("sex", {}),
                       ("ethnicity", {}), ("disability", {"answer": "prefer_not_to_say"})]:
        await pages.get(href(lang, "details", step))
        await pages.post(href(lang, "details", step), form)
    check = await pages.get(href(lang, "check-answers"))
    key = check.soup.select_one("input[name=idempotency_key]")["value"]
    first = await pages.post(href(lang, "check-answers"), {"idempotency_key": key})
    again = await pages.post(href(lang, "check-answers"), {"idempotency_key": key})
    assert location(first) == location(again) == href(lang, "confirmation")
    calls = [call for call in ports.consultation.calls if call[1] == f"/v1/consultations/{SURVEY_ID}/responses"]
    assert len(calls) == 1 and calls[0][3]["Idempotency-Key"] == key
    assert calls[0][2] == {
        "answers": {"priority": "roads", "also": ["asb", "rural"], "safety": 4, "order": ["roads", "asb", "rural"],
                    "years": 12, "budget": {"changes_percent": {"patrols": -5, "cyber": 0}, "precept_change": 0},
                    "comments": "More patrols, please."},
        "postcode": "CW1 2AB", "publish_consent": False,
        "equality": {"consent": True, "age_band": "75_plus", "sex": None, "ethnicity": None,
                     "disability": "prefer_not_to_say"}}
    confirmation = await pages.get(href(lang, "confirmation"))
    assert (confirmation.status, confirmation.lang) == (200, lang)
    assert RESPONSE_ID in confirmation.soup.select_one(".govuk-panel").get_text()
    assert confirmation.soup.find("code").get_text() == RECEIPT["withdrawal_token"]
    link = href(lang, "responses", RESPONSE_ID, "withdraw") + "?token=" + RECEIPT["withdrawal_token"]
    assert confirmation.soup.find("a", href=link)


async def test_a_send_the_service_refuses_as_closed_leads_to_the_start_page(pages: PageClient,
                                                                            ports: WebPorts) -> None:
    serve(ports, consultation())
    ports.consultation.on("POST", f"/v1/consultations/{SURVEY_ID}/responses", Refused(409, "closed"))
    await answer_all(pages, "en")
    await pages.get(href("en", "check-answers"))
    assert location(await pages.post(href("en", "check-answers"))) == href("en")


async def test_the_confirmation_without_a_response_leads_to_the_start_page(pages: PageClient,
                                                                           ports: WebPorts) -> None:
    serve(ports, consultation())
    assert location(await pages.get(href("en", "confirmation"), follow_redirects=False)) == href("en")


@pytest.mark.parametrize(("lang", "heading"), [("en", "Your response has been withdrawn"),
                                               ("cy", "Mae eich ymateb wedi'i dynnu'n ôl")])
async def test_withdrawing_a_response(pages: PageClient, ports: WebPorts, lang: str, heading: str) -> None:
    serve(ports, consultation())
    path = f"/v1/consultations/{SURVEY_ID}/responses/{RESPONSE_ID}/withdraw"
    ports.consultation.on("POST", path, {"status": "withdrawn"})
    page = await pages.get(href(lang, "responses", RESPONSE_ID, "withdraw") + "?token=wt-0123456789abcdef")
    assert (page.status, page.lang) == (200, lang) and page.csrf()
    assert page.soup.select_one("input#token")["value"] == "wt-0123456789abcdef"
    moved = await pages.post(href(lang, "responses", RESPONSE_ID, "withdraw"), {"token": "wt-0123456789abcdef"})
    assert location(moved) == href(lang, "responses", RESPONSE_ID, "withdrawn")
    assert ports.consultation.posted(path) == [{"withdrawal_token": "wt-0123456789abcdef"}]
    done = await pages.get(location(moved))
    assert (done.status, done.h1) == (200, heading)


@pytest.mark.parametrize("lang", LANGS)
async def test_a_wrong_withdrawal_code_says_so(pages: PageClient, ports: WebPorts, lang: str) -> None:
    serve(ports, consultation())
    await pages.get(href(lang, "responses", RESPONSE_ID, "withdraw"))
    blank = await pages.post(href(lang, "responses", RESPONSE_ID, "withdraw"), {"token": ""})
    assert blank.status == 422 and list(blank.error_links()) == ["#token"]
    wrong = await pages.post(href(lang, "responses", RESPONSE_ID, "withdraw"), {"token": "not-the-right-one"})
    assert wrong.status == 422 and list(wrong.error_links()) == ["#token"]


async def test_a_post_without_the_form_token_stores_nothing(pages: PageClient, ports: WebPorts) -> None:
    serve(ports, consultation())
    page = await pages.post(href("en", "questions", "priority"), {"answer": "asb"}, csrf=False)
    assert page.status == 400
    assert ports.consultation.calls == []


@pytest.mark.parametrize("lang", LANGS)
async def test_with_the_consultation_service_down_a_question_is_the_503_page(pages: PageClient, ports: WebPorts,
                                                                           lang: str) -> None:
    ports.consultation.on("GET", OFFICE + SURVEY_ID, ServiceUnavailable("down"))
    page = await pages.get(href(lang, "questions", "priority"))
    assert (page.status, page.lang) == (503, lang)


@pytest.mark.parametrize("lang", ["en", "cy"])
async def test_the_other_language_of_a_change_page_is_still_a_change(pages: PageClient, ports: WebPorts,
                                                                     lang: str) -> None:
    serve(ports, consultation())
    page = await pages.get(href(lang, "questions", "safety") + "?change=true")
    other = "cy" if lang == "en" else "en"
    assert page.soup.find("a", hreflang=other, rel="alternate")["href"] == href(other, "questions", "safety") + \
        "?change=true"
