"""The consultation builder pages: the office's consultations, a new draft, its task list, details, questions,
routing, the Welsh check, the preview and publishing; each allowed and refused, with its empty, error and success
states, and a viewer's forged POST sending nothing to the service."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from peel.web.domain.staff.consultation_questions import as_body
from peel.web.domain.staff.identity import StaffRole
from peel.web.service_layer.ports import InvalidAnswers, Refused
from tests.support.staff_pages import FakeStaffApi, StaffPageClient

ID = "0b5a3f2c-8c4e-4a53-9d43-2b7d8f0c0a11"
BASE = f"/v1/consultations/{ID}"
PAGE = f"/staff/consultations/{ID}"
Q = "/staff/consultations/{consultation_id}/questions"
COVERS = {
    ("GET", "/staff/consultations"), ("GET", "/staff/consultations/new"), ("POST", "/staff/consultations/new"),
    ("GET", "/staff/consultations/{consultation_id}"), ("GET", "/staff/consultations/{consultation_id}/details"),
    ("POST", "/staff/consultations/{consultation_id}/details"),
    ("GET", "/staff/consultations/{consultation_id}/sections"),
    ("POST", "/staff/consultations/{consultation_id}/sections"),
    ("GET", "/staff/consultations/{consultation_id}/precept"),
    ("POST", "/staff/consultations/{consultation_id}/precept"),
    ("GET", Q), ("GET", Q + "/new"), ("POST", Q + "/new"), ("GET", Q + "/{key}"), ("POST", Q + "/{key}"),
    ("POST", Q + "/{key}/move"), ("GET", Q + "/{key}/delete"), ("POST", Q + "/{key}/delete"),
    ("GET", "/staff/consultations/{consultation_id}/routing"), ("GET", Q + "/{key}/routing"),
    ("POST", Q + "/{key}/routing"), ("GET", "/staff/consultations/{consultation_id}/welsh"),
    ("GET", "/staff/consultations/{consultation_id}/preview"),
    ("GET", "/staff/consultations/{consultation_id}/publish"),
    ("POST", "/staff/consultations/{consultation_id}/publish"),
}
SETTINGS = {"ratios": {"A": "6/9", "D": "9/9", "H": "18/9"}, "band_d_current": 250.0, "configured": True,
            "referendum_limit": {"pounds": 14.0, "percent": None, "description": "more than £14.00 a year on Band D"}}
SAFE = {"key": "safe", "type": "single_choice",
        "text": {"en": "Do you feel safe?", "cy": "Ydych chi'n teimlo'n ddiogel?"},
        "required": True, "options": [{"key": "yes", "text": {"en": "Yes", "cy": "Ydw"}},
                                      {"key": "no", "text": {"en": "No", "cy": "Nac ydw"}}],
        "max_length": None, "min_selections": None, "max_selections": None, "min_ranked": None, "scale": None,
        "range": None, "budget": None, "show_if": None}
WHY = {**SAFE, "key": "why", "type": "free_text", "text": {"en": "Why not?"}, "options": [], "max_length": 2000,
       "required": False, "show_if": {"question": "safe", "equals": "no"}}


def a_draft(**changes: Any) -> dict[str, Any]:
    draft = {"id": ID, "office": "cheshire", "tenant": "cheshire", "status": "draft", "kind": "survey",
             "title": {"en": "Feeling safe", "cy": "Teimlo'n ddiogel"}, "summary": None,
             "closes_at": "2030-03-31T22:59:00Z", "opens_at": None, "sections": [], "precept": None,
             "questions": [copy.deepcopy(SAFE), copy.deepcopy(WHY)], "outcome": None,
             "created_at": "2026-12-01T10:00:00Z",
             "version": 1, "requires_welsh": False, "results_embargoed": False, "closed_at": None}
    return draft | changes


@pytest.fixture
def api(staff: StaffPageClient) -> FakeStaffApi:
    fake = staff.staff.consultation
    assert isinstance(fake, FakeStaffApi)
    fake.on("GET", BASE, a_draft()).on("GET", "/v1/precept-settings", SETTINGS)
    fake.on("PATCH", BASE, lambda body, _: a_draft()).on("POST", "/v1/consultations", lambda body, _: a_draft())
    return fake


async def test_the_list_groups_the_offices_consultations_by_status(staff: StaffPageClient, api: FakeStaffApi) -> None:
    assert (await staff.get("/staff/consultations")).status == 303  # refused: no one signed in
    await staff.sign_in(StaffRole.VIEWER)
    api.on("GET", "/v1/consultations", [])
    empty = await staff.get("/staff/consultations")
    assert empty.status == 200 and empty.soup.find(id="no-consultations")
    assert "Create a consultation" not in empty.response.text  # a viewer cannot create one
    api.on("GET", "/v1/consultations", [a_draft(), a_draft(id="x", status="open", title={"en": "Budget"})])
    page = await staff.get("/staff/consultations")
    captions = [c.get_text(strip=True) for c in page.soup.select("caption")]
    assert captions == ["Draft", "Open"]
    assert page.soup.find("a", href=PAGE).get_text() == "Feeling safe"


async def test_a_new_draft_is_created_with_its_bilingual_title(staff: StaffPageClient, api: FakeStaffApi) -> None:
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.get("/staff/consultations/new")).status == 403
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    form = await staff.get("/staff/consultations/new")
    assert form.status == 200 and form.soup.find("input", id="title-cy")["lang"] == "cy"
    page = await staff.post("/staff/consultations/new", {"kind": "survey", "title-en": "Feeling safe",
                                                         "title-cy": "Teimlo'n ddiogel", "closes-day": "31",
                                                         "closes-month": "3", "closes-year": "2030"})
    assert page.status == 303 and page.response.headers["location"] == f"{PAGE}?created=1"
    [body] = api.sent("POST", "/v1/consultations")
    assert body["title"] == {"en": "Feeling safe", "cy": "Teimlo'n ddiogel"} and body["kind"] == "survey"
    assert body["closes_at"] == "2030-03-31T22:59:00+00:00" and body["questions"][0]["key"] == "anything_else"


async def test_a_new_draft_names_each_missing_field(staff: StaffPageClient, api: FakeStaffApi) -> None:
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.post("/staff/consultations/new", {"kind": "survey"})).status == 403
    assert (await staff.post(f"{PAGE}/questions/safe/delete")).status == 403
    assert not api.calls  # a viewer's forged posts reach no service
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.post("/staff/consultations/new", {"closes-day": "31", "closes-month": "2",
                                                         "closes-year": "2030"})
    assert page.status_and_links() == (422, ["#kind", "#title-en", "#closes-day"])
    assert not api.sent("POST", "/v1/consultations")


async def test_a_precept_draft_warns_of_an_option_above_the_referendum_limit(staff: StaffPageClient,
                                                                             api: FakeStaffApi) -> None:
    await staff.sign_in(StaffRole.ADMIN)
    page = await staff.post("/staff/consultations/new", {"kind": "precept", "title-en": "Precept", "options": "15",
                                                         "closes-day": "1", "closes-month": "3", "closes-year": "2030"})
    assert page.status_and_links() == (422, ["#options"])
    assert "Above the limit: needs a referendum" in page.response.text and "18/9" in page.response.text
    checked = await staff.post("/staff/consultations/new", {"kind": "precept", "options": "0, 10, 20",
                                                            "action": "check"})
    assert checked.status == 200 and not api.sent("POST", "/v1/consultations")
    assert [td.get_text(strip=True) for td in checked.soup.select("tbody tr td:first-child")][-3:] == [
        "£0.00", "£10.00", "£20.00"]
    assert "Above the limit: needs a referendum" in checked.response.text
    sent = await staff.post("/staff/consultations/new", {"kind": "precept", "title-en": "Precept", "options": "0, 10",
                                                         "closes-day": "1", "closes-month": "3", "closes-year": "2030"})
    assert sent.status == 303
    assert api.sent("POST", "/v1/consultations")[0]["precept"]["options"][1] == {"key": "option_2", "change": "10.00"}


async def test_the_services_refusal_of_a_new_draft_is_a_422(staff: StaffPageClient, api: FakeStaffApi) -> None:
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    api.on("POST", "/v1/consultations", InvalidAnswers(errors={"closes_at": "too far"}))
    page = await staff.post("/staff/consultations/new", {"kind": "survey", "title-en": "A", "closes-day": "1",
                                                         "closes-month": "3", "closes-year": "2030"})
    assert page.status_and_links() == (422, ["#closes-day"])
    api.on("POST", "/v1/consultations", InvalidAnswers(errors={"band_d_current": "give this year's Band D"}))
    unset = await staff.post("/staff/consultations/new", {"kind": "precept", "title-en": "A", "options": "0, 5",
                                                          "closes-day": "1", "closes-month": "3",
                                                          "closes-year": "2030"})
    assert unset.error_links() == {"#options": "Your office has not set this year's Band D: an administrator sets "
                                               "it in the precept settings"}


async def test_the_task_list_shows_each_tasks_status(staff: StaffPageClient, api: FakeStaffApi) -> None:
    assert (await staff.get(PAGE)).status == 303
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.get(PAGE + "?created=1")
    assert page.status == 200 and page.h1 == "Feeling safe" and "Draft created" in page.response.text
    statuses = {item.select_one("a, div > div").get_text(strip=True): item.select_one(".govuk-task-list__status")
                .get_text(strip=True) for item in page.soup.select(".govuk-task-list__item")}
    assert statuses["Questions"] == "Completed" and statuses["Routing"] == "Completed"
    assert statuses["Check the Welsh"] == "In progress" and statuses["Publish or schedule"] == "Not started"
    await staff.sign_in(StaffRole.VIEWER)
    read_only = await staff.get(PAGE)
    linked = {a.get_text(strip=True) for a in read_only.soup.select(".govuk-task-list__link")}
    assert linked == {"Questions", "Routing", "Check the Welsh", "Preview"}


async def test_an_open_consultation_links_to_its_results_and_after(staff: StaffPageClient, api: FakeStaffApi) -> None:
    await staff.sign_in(StaffRole.ANALYST)
    api.on("GET", BASE, a_draft(status="open"))
    page = await staff.get(PAGE)
    links = {a["href"] for a in page.soup.select("#after-publishing a")}
    assert {f"{PAGE}/results", f"{PAGE}/moderation", f"{PAGE}/outcome", f"{PAGE}/poster",
            f"{PAGE}/responses/new"} <= links


async def test_another_offices_consultation_is_not_found(staff: StaffPageClient, api: FakeStaffApi) -> None:
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    assert (await staff.get("/staff/consultations/9d0c6b86-3a52-4a3c-8b3e-56a6b1f7e001")).status == 404
    assert (await staff.get("/staff/consultations/not-an-id/questions")).status == 404
    assert (await staff.get(f"{PAGE}/questions/nosuch")).status == 404


async def test_the_details_are_saved_to_the_draft(staff: StaffPageClient, api: FakeStaffApi) -> None:
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.get(f"{PAGE}/details")).status == 403
    assert (await staff.post(f"{PAGE}/details", {"title-en": "X"})).status == 403
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    form = await staff.get(f"{PAGE}/details")
    assert form.soup.find("input", id="closes-year")["value"] == "2030"
    bad = await staff.post(f"{PAGE}/details", {"title-en": "", "closes-day": "40"})
    assert bad.status_and_links() == (422, ["#title-en", "#closes-day"])
    past = await staff.post(f"{PAGE}/details", {"title-en": "A", "closes-day": "1", "closes-month": "1",
                                                "closes-year": "2020"})
    assert past.field_messages() == ["The closing date must be in the future"] and not api.sent("PATCH", BASE)
    saved = await staff.post(f"{PAGE}/details", {"title-en": "Safe streets", "summary-en": "About safety",
                                                 "summary-cy": "Am ddiogelwch", "closes-day": "1", "closes-month": "4",
                                                 "closes-year": "2030", "requires-welsh": "yes"})
    assert saved.status == 303
    [body] = api.sent("PATCH", BASE)
    assert body["summary"] == {"en": "About safety", "cy": "Am ddiogelwch"} and body["requires_welsh"] is True


async def test_the_sections_and_precept_pages_show_what_the_kind_adds(staff: StaffPageClient,
                                                                      api: FakeStaffApi) -> None:
    assert (await staff.get(f"{PAGE}/sections")).status == 303
    assert (await staff.get(f"{PAGE}/precept")).status == 303
    await staff.sign_in(StaffRole.VIEWER)
    assert "no Plan sections" in (await staff.get(f"{PAGE}/sections")).response.text
    api.on("GET", BASE, a_draft(kind="precept", precept={
        "band_d_current": 250, "ratios": {"D": "9/9"}, "referendum_limit": "more than £14.00 a year on Band D",
        "options": [{"key": "option_1", "band_d_change": 20, "new_band_d": 270, "percent_increase": 8,
                     "triggers_referendum": True, "bands": []}]}))
    page = await staff.get(f"{PAGE}/precept")
    assert page.status == 200 and "Above the limit: needs a referendum" in page.soup.find(id="precept-options").text


async def test_a_plan_sections_words_and_welsh_are_corrected(staff: StaffPageClient, api: FakeStaffApi) -> None:
    roads = {"key": "roads", "title": {"en": "Roads", "cy": None}, "summary": {"en": "Safer roads", "cy": None}}
    api.on("GET", BASE, a_draft(kind="draft_plan", sections=[roads]))
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.post(f"{PAGE}/sections", {"section-roads-title-cy": "Ffyrdd"})).status == 403
    assert not api.calls
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    form = await staff.get(f"{PAGE}/sections")
    assert form.soup.find("input", id="section-roads-title-cy")["lang"] == "cy"
    page = await staff.post(f"{PAGE}/sections", {"section-roads-title-en": "Roads", "section-roads-title-cy": "Ffyrdd",
                                                 "section-roads-summary-en": "Safer roads"})
    assert page.status == 303 and page.response.headers["location"] == f"{PAGE}/sections?saved=1"
    assert api.sent("PATCH", BASE) == [{"texts": {"sections.roads.title": {"en": "Roads", "cy": "Ffyrdd"}}}]
    api.on("PATCH", BASE, InvalidAnswers(errors={"cy": "too long"}))
    refused = await staff.post(f"{PAGE}/sections", {"section-roads-title-cy": "Ffyrdd"})
    assert refused.status_and_links() == (422, ["#section-roads-title-en"])


async def test_a_question_of_each_type_is_added_to_the_draft(staff: StaffPageClient, api: FakeStaffApi) -> None:
    assert (await staff.get(f"{PAGE}/questions")).status == 303
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    listed = await staff.get(f"{PAGE}/questions")
    assert [h.get_text(strip=True) for h in listed.soup.select("#questions h2")] == ["1. Do you feel safe?",
                                                                                     "2. Why not?"]
    assert (await staff.get(f"{PAGE}/questions/new")).soup.find("input", {"name": "type", "value": "ranking"})
    form = await staff.get(f"{PAGE}/questions/new?type=multi_choice")
    assert form.soup.find("textarea", id="options-cy")["lang"] == "cy"
    page = await staff.post(f"{PAGE}/questions/new", {"type": "multi_choice", "text-en": "Which worries you?",
                                                      "text-cy": "Beth sy'n eich poeni?", "required": "yes",
                                                      "options-en": "Speeding\nBurglary", "options-cy": "Goryrru\n"})
    assert page.status == 303 and page.response.headers["location"].endswith("questions?saved=which_worries_you")
    added = api.sent("PATCH", BASE)[0]["questions"][-1]
    assert added["options"] == [{"key": "speeding", "text": {"en": "Speeding", "cy": "Goryrru"}},
                                {"key": "burglary", "text": {"en": "Burglary"}}]
    assert api.sent("PATCH", BASE)[0]["questions"][1]["show_if"] == {"question": "safe", "equals": "no"}


async def test_a_question_form_names_its_fields(staff: StaffPageClient, api: FakeStaffApi) -> None:
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.get(f"{PAGE}/questions/new?type=rating")).status == 403
    assert (await staff.post(f"{PAGE}/questions/new", {"type": "rating"})).status == 403
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.post(f"{PAGE}/questions/new", {"type": "rating", "scale-min": "5", "scale-max": "1"})
    assert page.status_and_links() == (422, ["#text-en", "#scale-min"])
    assert (await staff.get(f"{PAGE}/questions/new?type=nonsense")).status == 422
    api.on("PATCH", BASE, InvalidAnswers(errors={"options": "bad"}))
    refused = await staff.post(f"{PAGE}/questions/new", {"type": "number", "text-en": "Age", "range-min": "0",
                                                         "range-max": "120"})
    assert refused.status_and_links() == (422, ["#text-en"])


async def test_a_question_is_edited_keeping_its_keys(staff: StaffPageClient, api: FakeStaffApi) -> None:
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.get(f"{PAGE}/questions/safe")).status == 403
    assert (await staff.post(f"{PAGE}/questions/safe", {"text-en": "X"})).status == 403
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    form = await staff.get(f"{PAGE}/questions/safe")
    assert form.soup.find("textarea", id="options-en").text.strip() == "Yes\nNo"
    page = await staff.post(f"{PAGE}/questions/safe", {"text-en": "Do you feel safe at night?", "required": "yes",
                                                       "options-en": "Yes, mostly\nNo", "options-cy": "Ydw\nNac ydw"})
    assert page.status == 303
    edited = api.sent("PATCH", BASE)[0]["questions"][0]
    assert edited["key"] == "safe" and [o["key"] for o in edited["options"]] == ["yes", "no"]


async def test_questions_are_reordered_within_routing(staff: StaffPageClient, api: FakeStaffApi) -> None:
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.post(f"{PAGE}/questions/why/move", {"direction": "up"})).status == 403
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    refused = await staff.post(f"{PAGE}/questions/why/move", {"direction": "up"})
    assert refused.status_and_links() == (422, ["#move-why"]) and not api.sent("PATCH", BASE)
    api.on("GET", BASE, a_draft(questions=[SAFE, {**WHY, "show_if": None}]))
    assert (await staff.post(f"{PAGE}/questions/why/move", {"direction": "up"})).status == 303
    assert [q["key"] for q in api.sent("PATCH", BASE)[0]["questions"]] == ["why", "safe"]


async def test_a_question_others_depend_on_is_not_removed(staff: StaffPageClient, api: FakeStaffApi) -> None:
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.get(f"{PAGE}/questions/why/delete")).status == 403
    assert (await staff.post(f"{PAGE}/questions/why/delete")).status == 403
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    assert (await staff.get(f"{PAGE}/questions/why/delete")).h1 == "Remove this question?"
    refused = await staff.post(f"{PAGE}/questions/safe/delete")
    assert refused.status == 422 and not api.sent("PATCH", BASE)
    assert (await staff.post(f"{PAGE}/questions/why/delete")).status == 303
    assert [q["key"] for q in api.sent("PATCH", BASE)[0]["questions"]] == ["safe"]


async def test_routing_shows_a_question_after_an_earlier_answer(staff: StaffPageClient, api: FakeStaffApi) -> None:
    assert (await staff.get(f"{PAGE}/routing")).status == 303
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.get(f"{PAGE}/questions/why/routing")).status == 403
    assert (await staff.post(f"{PAGE}/questions/why/routing", {"show": "always"})).status == 403
    summary = await staff.get(f"{PAGE}/routing")
    assert "Shown only if the answer to “Do you feel safe?” is “No”" in summary.soup.find(id="routing").text
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    form = await staff.get(f"{PAGE}/questions/why/routing")
    assert form.soup.find("input", {"value": "safe:no"}).has_attr("checked")
    bad = await staff.post(f"{PAGE}/questions/safe/routing", {"show": "why:x"})
    assert bad.status_and_links() == (422, ["#show"])
    assert (await staff.post(f"{PAGE}/questions/why/routing", {"show": "always"})).status == 303
    assert "show_if" not in api.sent("PATCH", BASE)[0]["questions"][1]


async def test_the_welsh_check_lists_each_text_without_welsh(staff: StaffPageClient, api: FakeStaffApi) -> None:
    assert (await staff.get(f"{PAGE}/welsh")).status == 303
    await staff.sign_in(StaffRole.VIEWER)
    page = await staff.get(f"{PAGE}/welsh")
    assert [td.get_text(strip=True) for td in page.soup.select("#welsh-missing td:first-child")] == ["Why not?"]
    api.on("GET", BASE, a_draft(questions=[SAFE]))
    assert (await staff.get(f"{PAGE}/welsh")).soup.find(id="welsh-complete")


async def test_the_preview_shows_a_question_as_residents_see_it(staff: StaffPageClient, api: FakeStaffApi) -> None:
    assert (await staff.get(f"{PAGE}/preview")).status == 303
    await staff.sign_in(StaffRole.VIEWER)
    page = await staff.get(f"{PAGE}/preview")
    assert page.h1 == "Do you feel safe?" and page.soup.select_one("#preview fieldset[disabled]")
    welsh = await staff.get(f"{PAGE}/preview?question=1&language=cy")
    assert welsh.lang == "cy" and welsh.h1 == "Ydych chi'n teimlo'n ddiogel?"
    api.on("GET", BASE, a_draft(questions=[]))
    assert "No questions yet." in (await staff.get(f"{PAGE}/preview")).response.text


async def test_publishing_now_opens_the_draft(staff: StaffPageClient, api: FakeStaffApi) -> None:
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.get(f"{PAGE}/publish")).status == 403
    forged = await staff.post(f"{PAGE}/publish", {"when": "now"})
    assert forged.status == 403 and not api.calls
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    api.on("POST", f"{BASE}/publish", a_draft(status="open"))
    assert (await staff.get(f"{PAGE}/publish")).status == 200
    page = await staff.post(f"{PAGE}/publish", {"when": "now"})
    assert page.status == 303 and page.response.headers["location"] == f"{PAGE}?published=1"
    assert api.sent("POST", f"{BASE}/publish") == [None] and "opens_at" in api.sent("PATCH", BASE)[0]


async def test_scheduling_needs_a_real_future_opening(staff: StaffPageClient, api: FakeStaffApi) -> None:
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    api.on("POST", f"{BASE}/publish", a_draft(status="scheduled"))
    assert (await staff.post(f"{PAGE}/publish", {})).status_and_links() == (422, ["#when"])
    past = await staff.post(f"{PAGE}/publish", {"when": "later", "opens-day": "1", "opens-month": "1",
                                                "opens-year": "2020", "opens-hour": "9"})
    assert past.status_and_links() == (422, ["#opens-day"]) and not api.sent("POST", f"{BASE}/publish")
    too_late = await staff.post(f"{PAGE}/publish", {"when": "later", "opens-day": "1", "opens-month": "4",
                                                    "opens-year": "2030", "opens-hour": "9"})
    assert too_late.field_messages() == ["The opening date must be before the closing date"]
    later = await staff.post(f"{PAGE}/publish", {"when": "later", "opens-day": "1", "opens-month": "3",
                                                 "opens-year": "2030", "opens-hour": "9"})
    assert later.status == 303 and api.sent("PATCH", BASE)[0] == {"opens_at": "2030-03-01T09:00:00+00:00"}


async def test_the_services_refusal_to_publish_is_shown(staff: StaffPageClient, api: FakeStaffApi) -> None:
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    api.on("POST", f"{BASE}/publish", Refused(409, "requires Welsh before publishing; missing: questions.why.text"))
    page = await staff.post(f"{PAGE}/publish", {"when": "now"})
    assert page.status == 409 and "missing: questions.why.text" in page.soup.find(id="refusal").text
    assert page.error_links() == {"#when": "The consultation service refused to publish it"}


async def test_a_kinds_own_questions_come_first_and_are_not_sent_back(staff: StaffPageClient,
                                                                      api: FakeStaffApi) -> None:
    choice = {**SAFE, "key": "precept_option", "text": {"en": "Which change to the policing precept do you prefer?"}}
    api.on("GET", BASE, a_draft(kind="precept", questions=[choice, {**WHY, "show_if": None}]))
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    listed = await staff.get(f"{PAGE}/questions")
    assert "Asked for the precept" in listed.soup.find(id="question-precept_option").text
    assert not listed.soup.select("#question-precept_option a, #move-why button[value=up]")
    assert (await staff.get(f"{PAGE}/questions/precept_option")).status == 404
    routed = await staff.post(f"{PAGE}/questions/why/routing", {"show": "precept_option:no"})
    assert routed.status == 303
    assert api.sent("PATCH", BASE)[-1]["questions"] == [
        {**questions_body(WHY), "show_if": {"question": "precept_option", "equals": "no"}}]
    assert (await staff.post(f"{PAGE}/questions/why/delete")).status == 422


def questions_body(question: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in as_body(question).items() if key != "show_if"}


async def test_a_precept_drafts_options_are_checked_then_changed(staff: StaffPageClient, api: FakeStaffApi) -> None:
    api.on("GET", BASE, a_draft(kind="precept", precept={
        "band_d_current": 250, "ratios": {"D": "9/9"}, "referendum_limit": "more than £14.00 a year on Band D",
        "options": [{"key": "option_1", "band_d_change": 0, "new_band_d": 250, "percent_increase": 0,
                     "triggers_referendum": False, "bands": []},
                    {"key": "option_2", "band_d_change": 14.99, "new_band_d": 264.99, "percent_increase": 6,
                     "triggers_referendum": True, "bands": []}]}))
    await staff.sign_in(StaffRole.VIEWER)
    assert not (await staff.get(f"{PAGE}/precept")).soup.find("input", id="options")
    assert (await staff.post(f"{PAGE}/precept", {"options": "0, 5"})).status == 403
    assert not [call for call in api.calls if call[0] != "GET"]
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    assert (await staff.get(f"{PAGE}/precept")).soup.find("input", id="options")["value"] == "0, 14.99"
    checked = await staff.post(f"{PAGE}/precept", {"options": "0, 5, 15", "action": "check"})
    assert checked.status == 200 and "Above the limit: needs a referendum" in checked.response.text
    assert not api.sent("PATCH", BASE)
    assert (await staff.post(f"{PAGE}/precept", {"options": "5"})).status_and_links() == (422, ["#options"])
    saved = await staff.post(f"{PAGE}/precept", {"options": "0, 5"})
    assert saved.status == 303 and saved.response.headers["location"] == f"{PAGE}/precept?saved=1"
    assert api.sent("PATCH", BASE) == [{"precept": {"options": [{"key": "option_1", "change": "0.00"},
                                                                {"key": "option_2", "change": "5.00"}]}}]
