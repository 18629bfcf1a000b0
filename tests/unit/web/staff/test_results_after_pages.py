"""After the responses: the moderation queue and log, "we asked, you said, we did", the poster with its QR code,
and assisted entry of a paper or telephone response with its channel."""

from __future__ import annotations

import httpx

from peel.web.domain.staff.identity import StaffRole
from peel.web.service_layer.ports import InvalidAnswers, Refused
from tests.support.staff_pages import StaffPageClient, fake_ports_with_staff
from tests.support.web_pages import app_with
from tests.unit.web.staff.results_data import CONSULTATION, RESPONSE, consultation

BASE = f"/staff/consultations/{CONSULTATION}"
API = f"/v1/consultations/{CONSULTATION}"
COVERS = {
    ("GET", "/staff/consultations/{consultation_id}/moderation"),
    ("POST", "/staff/consultations/{consultation_id}/moderation"),
    ("GET", "/staff/consultations/{consultation_id}/outcome"),
    ("POST", "/staff/consultations/{consultation_id}/outcome"),
    ("GET", "/staff/consultations/{consultation_id}/poster"),
    ("GET", "/staff/consultations/{consultation_id}/responses/new"),
    ("POST", "/staff/consultations/{consultation_id}/responses/new"),
}
AWAITING = {"items": [{"response_id": RESPONSE, "question": "comments", "text": "More patrols on Bridge Street",
                       "submitted_at": "2026-11-02T10:00:00+00:00"}], "next_after": None}
LOG = {"items": [{"response_id": RESPONSE, "question": "comments", "decision": "redacted", "reason": "names a person",
                  "moderator": "user-7", "moderated_at": "2026-11-03T10:00:00+00:00"}], "next_after": None}


def with_queue(staff: StaffPageClient, awaiting: dict = AWAITING, log: dict = LOG) -> None:
    staff.staff.consultation.on("GET", API, consultation()).on("GET", f"{API}/moderation", awaiting) \
        .on("GET", f"{API}/moderation/log", log)


async def test_the_moderation_queue_and_its_log(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    with_queue(staff)
    page = await staff.get(f"{BASE}/moderation")
    assert page.status == 200 and page.h1 == "Moderation"
    assert "More patrols on Bridge Street" in page.text() and "Anything else?" in page.text()
    assert page.soup.find("input", {"name": "response", "value": RESPONSE})
    assert "names a person" in page.soup.select_one("#log ~ table").get_text()


async def test_an_empty_queue_is_said(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ADMIN)
    with_queue(staff, {"items": [], "next_after": None}, {"items": [], "next_after": None})
    page = await staff.get(f"{BASE}/moderation")
    assert page.soup.select_one("#none-awaiting") and "No decisions yet." in page.text()


async def test_only_editors_moderate(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ANALYST)
    assert (await staff.get(f"{BASE}/moderation")).status == 403
    assert (await staff.post(f"{BASE}/moderation", {"response": RESPONSE, "question": "comments",
                                                    "decision": "approved", "reason": "fine"})).status == 403
    assert not staff.staff.consultation.calls


async def test_a_decision_is_sent_with_its_reason(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    with_queue(staff)
    staff.staff.consultation.on("POST", f"{API}/responses/{RESPONSE}/moderation", {"status": "approved"})
    page = await staff.post(f"{BASE}/moderation", {"response": RESPONSE, "question": "comments",
                                                   "decision": "approved", "reason": "No personal details"})
    assert page.status == 303 and page.response.headers["location"] == f"{BASE}/moderation?decided=approved"
    assert staff.staff.consultation.sent("POST", f"{API}/responses/{RESPONSE}/moderation") == [
        {"question": "comments", "decision": "approved", "reason": "No personal details"}]
    assert "approved for publishing" in (await staff.get(page.response.headers["location"])).text()


async def test_a_decision_without_a_reason_is_shown_again(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    with_queue(staff)
    page = await staff.post(f"{BASE}/moderation", {"response": RESPONSE, "question": "comments", "reason": ""})
    assert page.status == 422
    assert set(page.error_links()) == {f"#decision-{RESPONSE}-comments", f"#reason-{RESPONSE}-comments"}
    assert not staff.staff.consultation.sent("POST", f"{API}/responses/{RESPONSE}/moderation")


async def test_a_private_answer_cannot_be_moderated(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    staff.staff.consultation.on("POST", f"{API}/responses/{RESPONSE}/moderation",
                                Refused(409, "the answer is private"))
    page = await staff.post(f"{BASE}/moderation", {"response": RESPONSE, "question": "comments",
                                                   "decision": "redacted", "reason": "names a person"})
    assert page.status == 409 and "the answer is private" in page.text()


async def test_the_outcome_form_after_closing(staff: StaffPageClient) -> None:
    assert (await staff.get(f"{BASE}/outcome")).status == 303
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    staff.staff.consultation.on("GET", API, consultation("closed"))
    page = await staff.get(f"{BASE}/outcome")
    assert page.status == 200 and page.soup.find("textarea", {"name": "outcome_cy"})


async def test_the_outcome_waits_for_closing(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    staff.staff.consultation.on("GET", API, consultation("open"))
    page = await staff.get(f"{BASE}/outcome")
    assert page.soup.select_one("#not-closed") and not page.soup.find("textarea")


async def test_publishing_the_outcome_in_both_languages(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.post(f"{BASE}/outcome", {"outcome_en": "We did it"})).status == 403
    await staff.sign_in(StaffRole.ADMIN)
    staff.staff.consultation.on("POST", f"{API}/outcome", {"id": CONSULTATION})
    page = await staff.post(f"{BASE}/outcome", {"outcome_en": "We added patrols", "outcome_cy": "Ychwanegwyd"})
    assert page.response.headers["location"] == f"{BASE}/outcome?published=1"
    assert staff.staff.consultation.sent("POST", f"{API}/outcome") == [
        {"outcome": {"en": "We added patrols", "cy": "Ychwanegwyd"}}]
    staff.staff.consultation.on("GET", API, consultation("closed", outcome={"en": "We added patrols"}))
    shown = await staff.get(f"{BASE}/outcome?published=1")
    assert shown.soup.select_one("#published-en").get_text(strip=True) == "We added patrols"


async def test_an_outcome_without_english_is_shown_again(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    staff.staff.consultation.on("GET", API, consultation("closed"))
    page = await staff.post(f"{BASE}/outcome", {"outcome_en": "", "outcome_cy": "Rhywbeth"})
    assert page.status == 422 and list(page.error_links()) == ["#outcome_en"]
    assert page.soup.find("textarea", {"name": "outcome_cy"}).get_text().strip() == "Rhywbeth"


async def test_the_poster_has_the_short_address_and_its_qr_code(staff: StaffPageClient) -> None:
    assert (await staff.get(f"{BASE}/poster")).status == 303
    await staff.sign_in(StaffRole.VIEWER)
    staff.staff.consultation.on("GET", API, consultation("open"))
    page = await staff.get(f"{BASE}/poster")
    assert page.status == 200
    assert page.soup.select_one("#short-address").get_text() == "http://peel.test/cheshire/c/7c1e2d3a"
    assert page.soup.select_one(".peel-poster__qr svg path")
    assert "Policing priorities" in page.soup.select_one("#poster-title").get_text()


async def test_the_poster_of_another_offices_consultation_is_not_found(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.get(f"{BASE}/poster")).status == 404


async def test_assisted_entry_shows_every_question(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    staff.staff.consultation.on("GET", API, consultation("open"))
    page = await staff.get(f"{BASE}/responses/new")
    assert page.status == 200
    names = {field["name"] for field in page.soup.select("form input, form textarea, form select")}
    assert {"channel", "priority--answer", "areas--answer", "safe--answer", "officers--answer", "order--rank-1",
            "comments--answer", "postcode", "age_band"} <= names
    assert page.soup.find("textarea", {"name": "comments--answer"}).get_text() == ""


async def test_assisted_entry_is_for_editors(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ANALYST)
    assert (await staff.get(f"{BASE}/responses/new")).status == 403
    assert (await staff.post(f"{BASE}/responses/new", {"channel": "paper"})).status == 403


async def test_a_paper_response_is_sent_with_its_channel(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    staff.staff.consultation.on("GET", API, consultation("open"))
    staff.staff.consultation.on("POST", f"{API}/responses/assisted", {"id": RESPONSE, "channel": "paper"})
    page = await staff.post(f"{BASE}/responses/new", {
        "channel": "paper", "received-day": "2", "received-month": "11", "received-year": "2026",
        "priority--answer": "burglary", "areas--answer": ["north", "south"], "safe--answer": "4",
        "officers--answer": "12", "order--rank-1": "b", "order--rank-2": "a", "comments--answer": "More patrols",
        "postcode": "wa1 1aa", "publish_consent": "yes", "age_band": "25_34", "equality_consent": "yes"})
    assert page.status == 303 and page.response.headers["location"] == f"{BASE}/responses/new?entered=1"
    assert staff.staff.consultation.sent("POST", f"{API}/responses/assisted") == [{
        "channel": "paper", "received_on": "2026-11-02",
        "answers": {"priority": "burglary", "areas": ["north", "south"], "safe": 4, "officers": 12,
                    "order": ["b", "a"], "comments": "More patrols"},
        "postcode": "WA1 1AA", "publish_consent": True, "equality": {"consent": True, "age_band": "25_34"}}]
    done = await staff.get(page.response.headers["location"])
    assert "The response is entered" in done.text() and "Enter another" in done.text()


async def test_a_response_without_its_channel_is_shown_again(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    staff.staff.consultation.on("GET", API, consultation("open"))
    page = await staff.post(f"{BASE}/responses/new", {"priority--answer": "burglary", "received-day": "31",
                                                      "received-month": "2", "received-year": "2026",
                                                      "age_band": "16_24", "officers--answer": "lots"})
    assert page.status == 422
    assert set(page.error_links()) == {"#channel", "#received-day", "#equality_consent", "#officers--answer"}
    assert page.soup.find("input", {"name": "priority--answer", "value": "burglary"}).has_attr("checked")
    assert not staff.staff.consultation.sent("POST", f"{API}/responses/assisted")


async def test_the_services_refusal_is_shown_by_its_question(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ADMIN)
    staff.staff.consultation.on("GET", API, consultation("open"))
    staff.staff.consultation.on("POST", f"{API}/responses/assisted",
                                InvalidAnswers({"priority": "this question needs an answer"}))
    page = await staff.post(f"{BASE}/responses/new", {"channel": "telephone"})
    assert page.status == 422 and page.error_links() == {"#priority--answer": "this question needs an answer"}
    assert page.soup.find("input", {"name": "channel", "value": "telephone"}).has_attr("checked")


async def test_every_page_after_the_responses_in_welsh(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER, lang="cy")
    with_queue(staff)
    for tail in ("moderation", "outcome", "poster", "responses/new"):
        page = await staff.get(f"{BASE}/{tail}")
        assert (page.status, page.lang) == (200, "cy"), tail
    page = await staff.post(f"{BASE}/responses/new", {"received-day": "x"})
    assert page.status == 422 and "Dewiswch sut y daeth yr ymateb i law" in page.error_links().values()


async def test_the_poster_prints_the_public_address_when_one_is_set() -> None:
    ports = fake_ports_with_staff()
    app = app_with(ports, public_base_url="https://haveyoursay.example.org")
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://internal.peel.test") as client:
        staff = StaffPageClient(app, client, ports, set())
        await staff.sign_in(StaffRole.VIEWER)
        staff.staff.consultation.on("GET", API, consultation("open"))
        page = await staff.get(f"{BASE}/poster")
    assert page.soup.select_one("#short-address").get_text() == "https://haveyoursay.example.org/cheshire/c/7c1e2d3a"
